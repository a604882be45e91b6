import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  accessRequestWorkflowId,
  accountChangeWorkflowId,
  changeAssignmentUpdate,
  hours,
  text,
  addReturnItemUpdate,
  days,
  extendSignal,
  offboardingWorkflowId,
  onboardingWorkflowId,
  processRecordedUpdate,
  type OffboardingStatus,
  type AccessRequestStatus,
} from '../../libs/policy/index.js';
import { accessRequestWorkflow, accountChangeWorkflow, chatDeliveryWorkflow, dutyAssignmentWorkflow, dutyOccurrenceWorkflow, hazardWorkflow, mailDeliveryWorkflow, mediaLoanWorkflow, offboardingWorkflow, onboardingWorkflow, rulesAcknowledgementWorkflow } from '../../workflows/index.js';
import { mediaLoanWorkflowId, type MediaLoanStatus } from '../../libs/policy/media.js';
import { returnMediaUpdate } from '../../libs/policy/messages.js';
import { dutyAssignmentWorkflowId } from '../../libs/policy/duties.js';
import { hazardWorkflowId } from '../../libs/policy/hazards.js';
import { DEFAULT_RULES_SETTINGS, rulesAcknowledgementWorkflowId } from '../../libs/policy/rules.js';
import { createFakeActivities, RULES, type FakeActivities } from './fake-activities.js';
import { accessInput, AGREEMENT, DEP1, offboardingInput, onboardingInput } from './process-inputs.js';
import { decide, eventually, openTask, person, refusal, status } from './workflow-harness.js';
import { updateStamp } from './temporal.js';

/**
 * One complete run per workflow, touching every handler and timer kind it has (updates accepted and
 * refused, signals, queries, escalation timers, expiry). `npm run histories:record` stores their histories
 * in test/fixtures/histories/, and the replay test runs the current code against them.
 */
export interface HistoryScenario {
  name: string;
  run: (env: TestWorkflowEnvironment, taskQueue: string, fake: FakeActivities) => Promise<WorkflowHandle>;
  /** The activities' stand-ins, when the scenario needs other answers than the defaults. */
  fake?: () => FakeActivities;
}

/** INF-13: the loan the leaver of offboarding.v10 still has when the offboarding starts. */
const V10_LOAN = { loanId: '3e8a1c5d-7f2b-4a6e-9d1c-5b7e2f4a8c01', label: 'MR-DISK-11', kind: 'disk' as const, state: 'out' as const, workflowId: mediaLoanWorkflowId('3e8a1c5d-7f2b-4a6e-9d1c-5b7e2f4a8c01') };

const sup1 = person('sup1', ['supervisor'], DEP1);
const it1 = person('it1', ['it']);

/** An offboarding with an item added while open, every item settled, one missing and signed off, one disk checked. */
const offboardingScenario = async (env: TestWorkflowEnvironment, taskQueue: string, fake: FakeActivities): Promise<WorkflowHandle> => {
  const input = offboardingInput({ extraItems: [{ label: 'Headset case' }] });
  const h = await env.client.workflow.start(offboardingWorkflow, { taskQueue, workflowId: offboardingWorkflowId(input.employeeId), args: [input] });
  await eventually(async () => (await status(h)).openTasks.length === 11, 'item tasks');
  await h.executeUpdate(addReturnItemUpdate, { args: [{ by: 'hr1', label: 'Visitor badge', ...(await updateStamp()) }] });
  const items = await eventually(async () => {
    const s = await status<OffboardingStatus>(h);
    return s.openTasks.length === 12 && s.items;
  }, 'twelve items');
  const taskOf = (step: string, itemId: string) =>
    eventually(async () => fake.inputs('openTask').find((i) => i.task.step === step && i.task.context.details.itemId === itemId)?.task.taskId, step);
  const site = person('site1', ['site_manager']);
  for (const item of items) {
    const data = item.kind === 'notes' ? { status: 'missing' } : { status: 'received', machineRoomDisk: item.kind === 'disks' };
    await decide(h, await taskOf('return_item', item.itemId), site, 'done', { data, comment: 'checked' });
  }
  await decide(h, await taskOf('missing_signoff', items.find((i) => i.kind === 'notes')!.itemId), person('ccm1', ['cc_manager']), 'approve');
  await decide(h, await taskOf('virus_check', items.find((i) => i.kind === 'disks')!.itemId), it1, 'done', { data: { result: 'clean' } });
  await h.result();
  return h;
};

export const historyScenarios: HistoryScenario[] = [
  {
    name: 'access-request.v1',
    run: async (env, taskQueue) => {
      const input = accessInput({ kind: 'external_network', durationMs: days(5) });
      const h = await env.client.workflow.start(accessRequestWorkflow, { taskQueue, workflowId: accessRequestWorkflowId(input.requestId), args: [input] });
      const review = await openTask(h, 'supervisor_review');
      await refusal(decide(h, review, person('sup2', ['supervisor'], 'dep-2'), 'approve'));
      await env.sleep(input.settings.stageDueMs + 1000); // escalates
      await eventually(async () => (await status(h)).openTasks[0]?.escalated, 'escalation');
      await decide(h, review, sup1, 'approve');
      await decide(h, await openTask(h, 'leadership_signoff'), person('leader1', ['leadership']), 'approve');
      await decide(h, await openTask(h, 'it_enable'), it1, 'done');
      await eventually(async () => (await status<AccessRequestStatus>(h)).grant, 'grant');
      await h.signal(extendSignal, { by: 'agent1', extraMs: days(2), reason: 'longer project' });
      await decide(h, await openTask(h, 'supervisor_review'), sup1, 'approve');
      await decide(h, await openTask(h, 'leadership_signoff'), person('leader1', ['leadership']), 'approve');
      await eventually(async () => !(await status<AccessRequestStatus>(h)).extensionPending, 'extension applied');
      await h.result(); // time skips through the reminder to the expiry
      return h;
    },
  },
  {
    // v2: a kind without a directory group is told to its system by webhooks (grant.enabled while the
    // grant runs, grant.ended after it), behind patched('grant-webhook-or-manual'); v1 must still replay.
    name: 'access-request.v2',
    run: (env, taskQueue) => externalNetworkThroughExpiry(env, taskQueue, false),
  },
  {
    // v3: the request's first events in one activity (openAccessRequest) behind
    // patched('access-request-opened-in-one-transaction'), and the processRecorded Update the API sends
    // with the start; v1 and v2 (two activities, no Update) must still replay.
    name: 'access-request.v3',
    run: (env, taskQueue) => externalNetworkThroughExpiry(env, taskQueue, true),
  },
  {
    name: 'onboarding.v1',
    run: async (env, taskQueue) => {
      const input = onboardingInput();
      const employee = person(input.employeeUserId, ['employee'], DEP1);
      const h = await env.client.workflow.start(onboardingWorkflow, { taskQueue, workflowId: onboardingWorkflowId(input.employeeId), args: [input] });
      const agreement = await openTask(h, 'agreement');
      await env.sleep(input.settings.agreementEscalateAfterMs + 1000);
      await eventually(async () => (await status(h)).openTasks[0]?.escalated, 'escalation');
      await decide(h, agreement, employee, 'done', { data: { agreementVersion: AGREEMENT.version, textHash: AGREEMENT.textHash } });
      await decide(h, await openTask(h, 'it_setup'), it1, 'done', { data: { emailAccount: 'a@corp.example', driveAccount: 'a' } });
      await decide(h, await openTask(h, 'fire_safety'), employee, 'done', { data: { acknowledged: true } });
      await h.result();
      return h;
    },
  },
  {
    // v2: the processRecorded Update the API sends with the start (update-with-start) is answered after
    // process.started; no new command, so v1 (no Update) replays unchanged.
    name: 'onboarding.v2',
    run: async (env, taskQueue) => {
      const input = onboardingInput();
      const employee = person(input.employeeUserId, ['employee'], DEP1);
      const h = await env.client.workflow.start(onboardingWorkflow, { taskQueue, workflowId: onboardingWorkflowId(input.employeeId), args: [input] });
      await h.executeUpdate(processRecordedUpdate, { args: [await updateStamp()] });
      await decide(h, await openTask(h, 'agreement'), employee, 'done', { data: { agreementVersion: AGREEMENT.version, textHash: AGREEMENT.textHash } });
      await decide(h, await openTask(h, 'it_setup'), it1, 'done', { data: { emailAccount: 'a@corp.example', driveAccount: 'a' } });
      await decide(h, await openTask(h, 'fire_safety'), employee, 'done', { data: { acknowledged: true } });
      await h.result();
      return h;
    },
  },
  {
    // v2: the account lock (INF-13, AID-1) runs first, behind patched('leaver-account-locked'); v1 is kept
    // as recorded before it, so both must replay.
    name: 'offboarding.v2',
    run: (env, taskQueue, fake) => offboardingScenario(env, taskQueue, fake),
  },
  {
    // v3: the leaver leaves the directory (INF-13, AID-1) right after the lock, behind
    // patched('leaver-directory-deprovisioned'); v1 and v2 are kept as recorded before it.
    name: 'offboarding.v3',
    run: (env, taskQueue, fake) => offboardingScenario(env, taskQueue, fake),
  },
  {
    // v4: the INF-7 accounts task opened in its own workflow, behind patched('offboarding-disables-it-accounts')
    // (recorded before v3's directory step was merged: both must replay). That workflow is ended once its
    // task is open (a child left running stalls the time-skipping clock).
    name: 'offboarding.v4',
    run: (env, taskQueue, fake) => offboardingWithItAccounts(env, taskQueue, fake, false),
  },
  {
    // v5: the processRecorded Update the API sends with the start, answered after process.started (no new
    // command); v1 to v4 replay unchanged.
    name: 'offboarding.v5',
    run: (env, taskQueue, fake) => offboardingWithItAccounts(env, taskQueue, fake, true),
  },
  {
    // v7: a returned machine-room disk found infected, recorded on the code of v5 (before the quarantine,
    // which counted it received, and before the local database steps); must still replay.
    name: 'offboarding.v7',
    run: (env, taskQueue, fake) => offboardingWithInfectedDisk(env, taskQueue, fake),
  },
  {
    // v9: the same run with security's own review task beside IT's disposal (INF-6,
    // 'quarantine-security-review', decided at the run's start); the checklist waits for both.
    name: 'offboarding.v9',
    run: (env, taskQueue, fake) => offboardingWithInfectedDisk(env, taskQueue, fake),
  },
  {
    // v10: the leaver still has a machine-room disk on loan (INF-13, 'leaver-loans-on-checklist'): it is an
    // item of the checklist, received there by the on-site manager; the loan records the return, IT finds it
    // clean, and the item ends received. Only the offboarding's history is kept (the loan's is media-loan's).
    name: 'offboarding.v10',
    fake: () => createFakeActivities({ leaverLoans: async () => [V10_LOAN] }),
    run: async (env, taskQueue, fake) => {
      const lent = { loanId: V10_LOAN.loanId, itemId: '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9', label: V10_LOAN.label, kind: 'disk' as const, borrowerUserId: 'agent1', lentBy: 'site1', dueAt: new Date((await env.currentTimeMs()) + hours(240)).toISOString(), purpose: 'dialler update' };
      const loan = await env.client.workflow.start(mediaLoanWorkflow, { taskQueue, workflowId: V10_LOAN.workflowId, args: [lent] });
      const h = await offboardingWithItAccounts(env, taskQueue, fake, true, async () => {
        await decide(loan, await openTask(loan, 'virus_check'), it1, 'done', { data: { result: 'clean' } });
      }, 11);
      await loan.result();
      return h;
    },
  },
  {
    // v8: the same run on this version: the disk quarantined until IT records it cleaned or destroyed
    // (INF-6, 'infected-return-quarantined') and the leaver's owners-register responsibilities looked up
    // beside the checklist (EQ-1, INF-9, 'leaver-responsibilities-handed-over'; this leaver holds none),
    // both decided at the run's start, with the database steps local.
    name: 'offboarding.v8',
    run: (env, taskQueue, fake) => offboardingWithInfectedDisk(env, taskQueue, fake),
  },
  {
    name: 'account-change.v1',
    run: async (env, taskQueue, fake) => {
      const requestId = 'acr-1';
      const h = await env.client.workflow.start(accountChangeWorkflow, {
        taskQueue,
        workflowId: accountChangeWorkflowId(requestId),
        args: [
          {
            requestId, requestedBy: 'hr1', approverRole: 'cc_manager', escalationRole: 'hr', subjectUserId: 'u9',
            change: { kind: 'update_user', userId: 'u9', roles: ['employee', 'security'], withPassword: true },
            summary: text('Account change: grant security and reset the password of u9', '账号变更：grant security and reset the password of u9'),
            details: { kind: 'update_user', roles: 'security', passwordReset: true }, settings: { dueMs: hours(1), deadlineMs: hours(48) },
          },
        ],
      });
      const taskId = await eventually(async () => fake.inputs('openTask')[0]?.task.taskId, 'approval task');
      await refusal(decide(h, taskId, person('hr1', ['hr', 'cc_manager']), 'approve')); // the requester
      await refusal(decide(h, taskId, person('u9', ['cc_manager']), 'approve')); // the account concerned
      await env.sleep(hours(1) + 1000); // escalates (hr is told)
      const to = { userId: 'ccm2', roles: ['cc_manager' as const], departmentIds: [] };
      await h.executeUpdate(changeAssignmentUpdate, { args: [{ taskId, actor: person('ccm1', ['cc_manager']), action: 'reassign', toUserId: 'ccm2', to, ...(await updateStamp()) }] });
      await decide(h, taskId, person('ccm2', ['cc_manager']), 'approve');
      await h.result();
      return h;
    },
  },
  {
    // EQ-5, SYS-3, SYS-4, AID-1: one yearly cycle: a refused acknowledgement, escalation when overdue, the
    // acknowledgement, the year's sleep and continue-as-new (the recorded history is that first run).
    name: 'rules-acknowledgement.v1',
    run: async (env, taskQueue, fake) => {
      const employeeId = 'emp-rules-1';
      const h = await env.client.workflow.start(rulesAcknowledgementWorkflow, {
        taskQueue, workflowId: rulesAcknowledgementWorkflowId(employeeId), args: [{ employeeId, employeeUserId: 'agent9', departmentId: DEP1, settings: DEFAULT_RULES_SETTINGS }],
      });
      const taskId = await eventually(async () => fake.inputs('openTask')[0]?.task.taskId, 'rules task');
      const me = person('agent9', ['employee'], DEP1);
      await refusal(decide(h, taskId, me, 'done', { data: { rulesVersion: RULES.version, textHash: 'f'.repeat(64), rulesAcknowledged: true } }));
      await env.sleep(DEFAULT_RULES_SETTINGS.dueMs + 1000);
      await eventually(async () => fake.inputs('escalateTask').length === 1, 'escalation');
      await decide(h, taskId, me, 'done', { data: { rulesVersion: RULES.version, textHash: RULES.textHash, rulesAcknowledged: true } });
      await env.sleep(DEFAULT_RULES_SETTINGS.everyMs + 1000);
      await eventually(async () => fake.inputs('openTask').length === 2, 'next year');
      await env.client.workflow.getHandle(h.workflowId).terminate(); // the next run, left waiting
      return env.client.workflow.getHandle(h.workflowId, h.firstExecutionRunId);
    },
  },
  {
    // EQ-6: the power-off check escalated at its due time (recorded late), then done by the escalation role.
    name: 'duty-occurrence.v1',
    run: async (env, taskQueue, fake) => {
      const h = await env.client.workflow.start(dutyOccurrenceWorkflow, {
        taskQueue,
        workflowId: 'duty-machine_room_power_off-2026-12-07T10:00:00Z',
        args: [{ dutyId: 'machine_room_power_off', date: '2026-12-07' }],
      });
      const taskId = await openTask(h, 'machine_room_power_off');
      await refusal(decide(h, taskId, person('agent1', ['employee']), 'done', { data: { powerOff: true } }));
      await env.sleep(hours(1) + 1000);
      await eventually(async () => fake.inputs('recordDutyLate').length === 1, 'duty.late');
      await decide(h, taskId, person('ccm1', ['cc_manager']), 'done', { data: { powerOff: false, leftRunning: 'core switch' }, comment: 'night shift' });
      await h.result();
      return h;
    },
  },
  {
    // One mail-outbox row delivered (the relay's start, the send activity).
    name: 'mail-delivery.v1',
    run: async (env, taskQueue) => {
      const outboxId = '0b9c2f4e-1d2a-8e3b-9c4d-5e6f7a8b9c0d';
      const h = await env.client.workflow.start(mailDeliveryWorkflow, { taskQueue, workflowId: `mail:${outboxId}`, args: [{ outboxId }] });
      await h.result();
      return h;
    },
  },
  {
    // One role notification posted to one group-chat bot.
    name: 'chat-delivery.v1',
    run: async (env, taskQueue) => {
      const input = { notificationId: '7c1e9a52-3b4d-4e5f-8a6b-7c8d9e0f1a2b', target: 'it-wecom' };
      const h = await env.client.workflow.start(chatDeliveryWorkflow, { taskQueue, workflowId: `chat:${input.notificationId}:${input.target}`, args: [input] });
      await h.result();
      return h;
    },
  },
  {
    // EQ-2: an unannounced inspection (the time drawn inside its window) that finds a hazard, handed to its own workflow.
    name: 'duty-occurrence.v3',
    run: async (env, taskQueue) => {
      const h = await env.client.workflow.start(dutyOccurrenceWorkflow, {
        taskQueue,
        workflowId: 'duty-power_inspection_unannounced-2026-12-14T01:00:00Z',
        args: [{ dutyId: 'power_inspection_unannounced', date: '2026-12-14' }],
      });
      await env.sleep(hours(8) + 1000);
      const taskId = await openTask(h, 'power_inspection_unannounced');
      await decide(h, taskId, person('site1', ['site_manager']), 'done', { data: { powerOk: true, wiringOk: true, socketsOk: false, plugsOk: true, hazard: 'socket 4 scorched' }, comment: 'unplugged' });
      await h.result();
      // The hazard's own workflow is recorded in hazard.v1; a child left running stalls the time-skipping clock.
      await env.client.workflow.getHandle(hazardWorkflowId('power_inspection_unannounced:2026-12-14')).terminate('recorded elsewhere');
      return h;
    },
  },
  {
    // INF-11(4): the notes hand-in fanned out to two agents, each part handed in and confirmed by the on-site manager.
    name: 'duty-occurrence.v4',
    run: async (env, taskQueue) => {
      const h = await env.client.workflow.start(dutyOccurrenceWorkflow, { taskQueue, workflowId: 'duty-notes_handin-2026-12-15T09:30:00Z', args: [{ dutyId: 'notes_handin', date: '2026-12-15' }] });
      for (const userId of ['agent1', 'agent2']) {
        const part = env.client.workflow.getHandle(dutyAssignmentWorkflowId('notes_handin:2026-12-15', userId));
        await eventually(async () => part.describe().then(() => true, () => false), `the part of ${userId}`);
        await decide(part, await openTask(part, 'notes_handin'), person(userId, ['employee']), 'done', { data: { handedIn: true } });
        await decide(part, await openTask(part, 'receipt'), person('site1', ['site_manager']), 'done', { data: { received: true } });
      }
      await h.result();
      return h;
    },
  },
  {
    // INF-11(4): one agent part on its own: handed in, the receipt confirmed after the due time (late for both).
    name: 'duty-assignment.v1',
    run: async (env, taskQueue) => {
      const at = new Date(await env.currentTimeMs());
      const h = await env.client.workflow.start(dutyAssignmentWorkflow, {
        taskQueue,
        workflowId: dutyAssignmentWorkflowId('notes_handin:2026-12-16', 'agent1'),
        args: [
          {
            occurrenceId: 'notes_handin:2026-12-16',
            dutyId: 'notes_handin',
            userId: 'agent1',
            title: { en: 'INF-11: hand in the notes written during work', zh: 'INF-11：上交工作中书写的记录' },
            taskKind: 'notes_handin',
            clauses: ['INF-11'],
            escalation: 'cc_manager',
            confirmBy: 'site_manager',
            dueAt: new Date(at.getTime() + hours(1)).toISOString(),
            deadlineAt: new Date(at.getTime() + hours(24)).toISOString(),
          },
        ],
      });
      await decide(h, await openTask(h, 'notes_handin'), person('agent1', ['employee']), 'done', { data: { handedIn: true, sheets: '2' } });
      const receipt = await openTask(h, 'receipt');
      await env.sleep(hours(1) + 1000);
      await decide(h, receipt, person('site1', ['site_manager']), 'done', { data: { received: true } });
      await h.result();
      return h;
    },
  },
  {
    // EQ-4: a hazard an agent reported, escalated after a day, fixed by the machine-room manager.
    name: 'hazard.v1',
    run: async (env, taskQueue) => {
      const h = await env.client.workflow.start(hazardWorkflow, {
        taskQueue,
        workflowId: hazardWorkflowId('0c6f9a43-6a57-4b8e-9d0e-6f3f1d2b7a10'),
        args: [{ hazardId: '0c6f9a43-6a57-4b8e-9d0e-6f3f1d2b7a10', description: 'headset cable frayed at desk 12', reportedBy: 'agent1', dutyId: null, occurrenceId: null, clauses: ['EQ-4'] }],
      });
      const fix = await openTask(h, 'fix');
      await env.sleep(hours(25));
      await decide(h, fix, person('site1', ['site_manager']), 'done', { data: { fixed: true, howFixed: 'cable replaced' } });
      await h.result();
      return h;
    },
  },
  {
    // INF-6: a disk lent out, overdue, given back (the borrower's own return refused), infected, quarantined, escalated, destroyed.
    name: 'media-loan.v1',
    run: (env, taskQueue) => mediaLoanInfected(env, taskQueue, '5b1f0c2e-8a4d-4f6b-9c3e-2d7a1e0f4b58'),
  },
  {
    // v2: the same loan with security's own review task beside IT's disposal ('quarantine-security-review');
    // both escalate, the loan closes only after both. v1 is kept as recorded before it.
    name: 'media-loan.v2',
    run: (env, taskQueue) => mediaLoanInfected(env, taskQueue, '7c2e1d3f-9b5a-4c6d-8e7f-3a4b5c6d7e8f'),
  },
];

/**
 * A lent disk overdue, given back (the borrower's own return refused), infected and quarantined (INF-6).
 * IT destroys it; on code with security's review that task is decided too (code before it finishes without one).
 */
async function mediaLoanInfected(env: TestWorkflowEnvironment, taskQueue: string, loanId: string): Promise<WorkflowHandle> {
  const h = await env.client.workflow.start(mediaLoanWorkflow, {
    taskQueue,
    workflowId: mediaLoanWorkflowId(loanId),
    args: [{ loanId, itemId: '9d2e4f6a-1b3c-4d5e-8f7a-0b1c2d3e4f5a', label: 'MR-DISK-03', kind: 'disk', borrowerUserId: 'agent1', lentBy: 'site1', dueAt: new Date((await env.currentTimeMs()) + hours(24)).toISOString(), purpose: 'dialler update' }],
  });
  await env.sleep(hours(25));
  await refusal(h.executeUpdate(returnMediaUpdate, { args: [{ loanId, by: 'agent1', note: null, ...(await updateStamp()) }] })); // the borrower
  await h.executeUpdate(returnMediaUpdate, { args: [{ loanId, by: 'site1', note: 'case cracked', ...(await updateStamp()) }] });
  await decide(h, await openTask(h, 'virus_check'), it1, 'done', { data: { result: 'infected' } });
  const disposal = await openTask(h, 'quarantine_disposal');
  await env.sleep(hours(25));
  await decide(h, disposal, it1, 'done', { data: { disposition: 'destroyed' }, comment: 'shredded' });
  const review = await eventually(async () => {
    const s = await h.query<MediaLoanStatus>('status');
    return s.state === 'closed' ? 'finished' : s.openTasks.find((t) => t.step === 'quarantine_review')?.taskId;
  }, 'security review or the end');
  if (review !== 'finished') await decide(h, review, person('sec1', ['security']), 'done', { data: { heldAt: 'security office safe', sealNumber: 'S-0042' } });
  await h.result();
  return h;
}

/**
 * The database steps as local activities, behind patched('database-steps-as-local-activities'): the latest
 * run of each workflow recorded again (markers instead of scheduled / started / completed events); every
 * earlier version runs those steps remotely and must still replay.
 */
for (const [latest, next] of [
  ['access-request.v3', 'access-request.v4'],
  ['onboarding.v2', 'onboarding.v3'],
  ['offboarding.v5', 'offboarding.v6'],
  ['account-change.v1', 'account-change.v2'],
  ['duty-occurrence.v1', 'duty-occurrence.v2'],
] as const) {
  historyScenarios.push({ name: next, run: historyScenarios.find((x) => x.name === latest)!.run });
}

/**
 * Each step one write, behind patched('access-request-one-write-per-step'): the next stage's task opened with
 * the decision, the grant with its step and notice, IT's removal task with the grant's end, the last notice
 * with the process's end. v4 (a write for each) must still replay.
 */
historyScenarios.push({ name: 'access-request.v5', run: historyScenarios.find((x) => x.name === 'access-request.v3')!.run });

/**
 * A USB unlock (a kind with no connector: IT switches it off by hand) through its expiry. v6 is recorded on
 * the code before patched('access-request-holds-grant-removal'): the request ends and IT's removal task runs
 * in a workflow of its own (ended here once the request is done). v7: the request holds that task and ends
 * when IT has done it. Both must replay.
 */
for (const name of ['access-request.v6', 'access-request.v7']) {
  historyScenarios.push({ name, run: usbThroughManualRemoval, fake: () => createFakeActivities({ grantConnector: async () => 'manual' }) });
}

async function usbThroughManualRemoval(env: TestWorkflowEnvironment, taskQueue: string, fake: FakeActivities): Promise<WorkflowHandle> {
  const input = accessInput({ kind: 'usb_media', durationMs: days(3) });
  const h = await env.client.workflow.start(accessRequestWorkflow, { taskQueue, workflowId: accessRequestWorkflowId(input.requestId), args: [input] });
  await h.executeUpdate(processRecordedUpdate, { args: [await updateStamp()] });
  await decide(h, await openTask(h, 'supervisor_review'), sup1, 'approve');
  await decide(h, await openTask(h, 'it_unlock'), it1, 'done');
  await eventually(async () => (await status<AccessRequestStatus>(h)).grant, 'grant');
  await env.sleep(days(3) + 60_000); // expires
  const removal = await eventually(async () => fake.inputs('openTask').find((i) => i.task.step === 'it_disable')?.task, 'IT removal task');
  if (removal.workflowId === h.workflowId) await decide(h, removal.taskId, it1, 'done');
  await h.result();
  if (removal.workflowId !== h.workflowId) await env.client.workflow.getHandle(removal.workflowId).terminate();
  return h;
}

/**
 * An offboarding whose INF-7 accounts task runs in its own workflow, ended once its task is open (a child
 * left running stalls the time-skipping clock); with `answerStart`, the API's processRecorded Update
 * right after the start, as update-with-start sends it.
 */
async function offboardingWithItAccounts(env: TestWorkflowEnvironment, taskQueue: string, fake: FakeActivities, answerStart: boolean, afterItems?: () => Promise<void>, itemCount = 10): Promise<WorkflowHandle> {
  const input = offboardingInput({ extraItems: [] });
  const h = await env.client.workflow.start(offboardingWorkflow, { taskQueue, workflowId: offboardingWorkflowId(input.employeeId), args: [input] });
  if (answerStart) await h.executeUpdate(processRecordedUpdate, { args: [await updateStamp()] });
  const items = await eventually(async () => {
    const s = await status<OffboardingStatus>(h);
    return s.openTasks.length === itemCount && s.items;
  }, 'item tasks');
  const accounts = env.client.workflow.getHandle(`${h.workflowId}:it-accounts`);
  await eventually(async () => fake.inputs('openTask').some((i) => i.task.workflowId === accounts.workflowId), 'INF-7 task');
  await accounts.terminate();
  const taskOf = (step: string, itemId: string) =>
    eventually(async () => fake.inputs('openTask').find((i) => i.task.step === step && i.task.context.details.itemId === itemId)?.task.taskId, step);
  const site = person('site1', ['site_manager']);
  for (const item of items) await decide(h, await taskOf('return_item', item.itemId), site, 'done', { data: { status: 'received' }, comment: 'checked' });
  await afterItems?.();
  await h.result();
  return h;
}

/**
 * An offboarding whose machine-room disk comes back infected (INF-6). Code with the quarantine opens IT's
 * disposal task, decided here (destroyed); code before it finishes without one.
 */
async function offboardingWithInfectedDisk(env: TestWorkflowEnvironment, taskQueue: string, fake: FakeActivities): Promise<WorkflowHandle> {
  const input = offboardingInput({ extraItems: [] });
  const h = await env.client.workflow.start(offboardingWorkflow, { taskQueue, workflowId: offboardingWorkflowId(input.employeeId), args: [input] });
  await h.executeUpdate(processRecordedUpdate, { args: [await updateStamp()] });
  const items = await eventually(async () => {
    const s = await status<OffboardingStatus>(h);
    return s.openTasks.length === 10 && s.items;
  }, 'item tasks');
  const accounts = env.client.workflow.getHandle(`${h.workflowId}:it-accounts`);
  await eventually(async () => fake.inputs('openTask').some((i) => i.task.workflowId === accounts.workflowId), 'INF-7 task');
  await accounts.terminate();
  const taskOf = (step: string, itemId: string) =>
    eventually(async () => fake.inputs('openTask').find((i) => i.task.step === step && i.task.context.details.itemId === itemId)?.task.taskId, step);
  const site = person('site1', ['site_manager']);
  for (const item of items) await decide(h, await taskOf('return_item', item.itemId), site, 'done', { data: { status: 'received', machineRoomDisk: item.kind === 'disks' }, comment: 'checked' });
  const disk = items.find((i) => i.kind === 'disks')!.itemId;
  await decide(h, await taskOf('virus_check', disk), it1, 'done', { data: { result: 'infected' } });
  const quarantine = await eventually(async () => {
    const s = await status<OffboardingStatus>(h);
    if (s.state !== 'running') return 'finished';
    return fake.inputs('openTask').find((i) => i.task.step === 'quarantine_disposal' && i.task.context.details.itemId === disk)?.task.taskId;
  }, 'quarantine task or the end');
  if (quarantine !== 'finished') await decide(h, quarantine, person('it2', ['it']), 'done', { data: { disposition: 'destroyed' }, comment: 'shredded' });
  // Code with security's review (INF-6) waits for it too; code before it has finished.
  const review = await eventually(async () => {
    const s = await status<OffboardingStatus>(h);
    if (s.state !== 'running') return 'finished';
    return fake.inputs('openTask').find((i) => i.task.step === 'quarantine_review' && i.task.context.details.itemId === disk)?.task.taskId;
  }, 'security review or the end');
  if (review !== 'finished') await decide(h, review, person('sec1', ['security']), 'done', { data: { heldAt: 'security office safe' } });
  await h.result();
  return h;
}

/**
 * An external-network request approved, enabled and run to its expiry (time skips through the reminder);
 * with `answerStart`, the API's processRecorded Update right after the start, as update-with-start sends it.
 */
async function externalNetworkThroughExpiry(env: TestWorkflowEnvironment, taskQueue: string, answerStart: boolean): Promise<WorkflowHandle> {
  const input = accessInput({ kind: 'external_network', durationMs: days(5) });
  const h = await env.client.workflow.start(accessRequestWorkflow, { taskQueue, workflowId: accessRequestWorkflowId(input.requestId), args: [input] });
  if (answerStart) await h.executeUpdate(processRecordedUpdate, { args: [await updateStamp()] });
  await decide(h, await openTask(h, 'supervisor_review'), sup1, 'approve');
  await decide(h, await openTask(h, 'leadership_signoff'), person('leader1', ['leadership']), 'approve');
  await decide(h, await openTask(h, 'it_enable'), it1, 'done');
  await eventually(async () => (await status<AccessRequestStatus>(h)).grant, 'grant');
  await h.result();
  return h;
}
