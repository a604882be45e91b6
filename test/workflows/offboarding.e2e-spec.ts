import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  accessRequestWorkflowId,
  addReturnItemUpdate,
  days,
  MINUTE,
  offboardingWorkflowId,
  RETURN_ITEM_KINDS,
  TITLES,
  type AccessRequestStatus,
  type OffboardingInput,
  type OffboardingStatus,
} from '../../libs/policy/index.js';
import { accessRequestWorkflow, itDisableWorkflow, offboardingWorkflow, onboardingWorkflow } from '../../workflows/index.js';
import { randomUUID } from 'node:crypto';
import { mediaLoanWorkflowId, type MediaLoanInput, type MediaLoanStatus } from '../../libs/policy/media.js';
import { returnMediaUpdate } from '../../libs/policy/messages.js';
import { mediaLoanWorkflow } from '../../workflows/index.js';
import { createFakeActivities, type FakeActivities } from '../support/fake-activities.js';
import { accessInput, DEP1, offboardingInput, onboardingInput } from '../support/process-inputs.js';
import { createTimeSkippingEnv, updateStamp } from '../support/temporal.js';
import { decide, eventually, openTask, person, refusal, status, withWorker } from '../support/workflow-harness.js';

const site = person('site1', ['site_manager']);
const siteBoss = person('siteboss', ['site_manager', 'cc_manager']);
const ccm = person('ccm1', ['cc_manager']);
const it1 = person('it1', ['it']);

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(async () => env?.teardown());

const start = (taskQueue: string, input: OffboardingInput) =>
  env.client.workflow.start(offboardingWorkflow, { taskQueue, workflowId: offboardingWorkflowId(input.employeeId), args: [input] });

/** The task id opened for a step about one checklist item (its context names the item). */
/**
 * INF-7: the offboarding opened IT's task to disable the leaver's email and drive accounts, in its own
 * workflow (which outlives the offboarding). Checked, then ended, so nothing is left on the test's queue
 * (IT's "done" on that workflow is the last test below).
 */
async function accountsTaskOpened(fake: FakeActivities, offboarding: { workflowId: string }): Promise<void> {
  const accounts = env.client.workflow.getHandle(`${offboarding.workflowId}:it-accounts`);
  const task = await eventually(async () => fake.inputs('openTask').find((i) => i.task.workflowId === accounts.workflowId)?.task, 'INF-7 accounts task');
  expect(task).toMatchObject({ step: 'it_accounts_disable', kind: 'it_action', candidate: { role: 'it' }, escalation: { role: 'cc_manager' }, title: { en: expect.stringMatching(/^INF-7: /) } });
  // The leaver, were they of IT, never confirms their own accounts disabled.
  expect(task.context.subjectUserId).toEqual(expect.any(String));
  expect(task.excluded).toEqual([{ userId: task.context.subjectUserId, reason: 'holder' }]);
  await settled(accounts);
  await accounts.terminate();
}

/**
 * No workflow task of the workflow in flight: its last workflow-task event is a completion. A local
 * activity runs inside a workflow task and is not a pending activity, so a termination right after one
 * was seen starting would still hit it (and leak the time-skipping lock, below).
 */
async function settled(handle: { workflowId: string; fetchHistory: () => Promise<{ events?: { eventType?: unknown }[] | null }> }): Promise<void> {
  await eventually(async () => {
    // EventType 5 to 9: workflow task scheduled, started, completed (7), timed out, failed.
    const tasks = ((await handle.fetchHistory()).events ?? []).map((e) => Number(e.eventType)).filter((t) => t >= 5 && t <= 9);
    return tasks.at(-1) === 7;
  }, `${handle.workflowId} between workflow tasks`);
}

/**
 * Terminate an offboarding only once no activity of it is in flight: a workflow terminated with one leaks a
 * time-skipping lock in the Java test server, and later env.sleep calls hang. The last one after the item
 * tasks open is the lookup of the leaver's open loans (INF-13).
 */
async function terminateIdle(fake: FakeActivities, handle: Parameters<typeof settled>[0] & { terminate: () => Promise<unknown>; describe: () => Promise<{ raw: { pendingActivities?: unknown[] | null } }> }): Promise<void> {
  await eventually(async () => fake.inputs('leaverLoans' as never).length > 0 && ((await handle.describe()).raw.pendingActivities ?? []).length === 0, `${handle.workflowId} idle`);
  await settled(handle);
  await handle.terminate();
}

const taskOf = async (fake: FakeActivities, step: string, itemId: string, nth = 0) =>
  eventually(async () => fake.inputs('openTask').filter((i) => i.task.step === step && i.task.context.details.itemId === itemId)[nth]?.task.taskId, `${step} task of ${itemId}`);

describe('offboarding workflow (time-skipping server)', () => {
  it('SYS-1, AID-1, INF-13: access is revoked and the agent ID suspended before the return checklist starts', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const request = accessInput({ requester: { userId: 'agent1', employeeId: 'emp-agent1', departmentId: DEP1 } });
      const access = await env.client.workflow.start(accessRequestWorkflow, { taskQueue, workflowId: accessRequestWorkflowId(request.requestId), args: [request] });
      await decide(access, await openTask(access, 'supervisor_review'), person('sup1', ['supervisor'], DEP1), 'approve');
      await decide(access, await openTask(access, 'leadership_signoff'), person('leader1', ['leadership']), 'approve');
      await decide(access, await openTask(access, 'it_enable'), it1, 'done');
      await eventually(async () => (await status<AccessRequestStatus>(access)).grant, 'active grant');

      const handle = await start(taskQueue, offboardingInput({ employeeUserId: 'agent1' }));
      await openTask(handle, 'return_item');
      await expect(access.result()).resolves.toMatchObject({ endReason: 'revoked' });
      const firstItem = fake.indexOf('listReturnItem');
      expect(fake.indexOf('endGrant', (i) => i.reason === 'revoked' && i.by === 'system:offboarding')).toBeLessThan(firstItem);
      expect(fake.indexOf('suspendAgentId')).toBeLessThan(firstItem);
      expect(fake.indexOf('setEmployeeStatus', (i) => i.status === 'leaving')).toBeLessThan(firstItem);
      // INF-13, AID-1: out of the directory once, right after the account lock, before the checklist.
      expect(fake.inputs('deprovisionPerson')).toEqual([expect.objectContaining({ userId: 'agent1', by: 'system:offboarding', key: expect.stringMatching(/:directory:deprovision$/) })]);
      expect(fake.indexOf('lockLeaverAccount')).toBeLessThan(fake.indexOf('deprovisionPerson'));
      expect(fake.indexOf('deprovisionPerson')).toBeLessThan(firstItem);
      const s = await status<OffboardingStatus>(handle);
      expect(s.steps.map((x) => x.step)).toEqual(['access_revoked']);
      // Terminate only once every item task is open: a workflow terminated with an activity in flight
      // leaks a time-skipping lock in the Java test server, and later env.sleep calls would hang.
      await eventually(async () => (await status<OffboardingStatus>(handle)).openTasks.length === RETURN_ITEM_KINDS.length, 'all item tasks');
      await terminateIdle(fake, handle);
      await accountsTaskOpened(fake, handle);
    });
  });

  it('SYS-1, INF-6, AID-2: an access request whose workflow is gone is closed by the offboarding at once, one whose workflow does not revoke is closed after the bound; then the checklist starts', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const submit = (requestId: string) =>
        fake.acts.submitAccessRequest({
          key: `submit:${requestId}`, requestId, workflowId: accessRequestWorkflowId(requestId), kind: 'usb_media', requesterUserId: 'agent1',
          requesterEmployeeId: 'emp-agent1', departmentId: DEP1, justification: 'x', durationMs: days(1),
        });
      // `gone`: open in the read model, its workflow terminated (nothing to signal). `silent`: a workflow
      // that takes the revoke signal and never acts on it (a stand-in with no revoke handler; a queue
      // nobody polls would stall the time-skipping server's clock).
      const gone = accessInput({ requester: { userId: 'agent1', employeeId: 'emp-agent1', departmentId: DEP1 } });
      const silent = accessInput({ requester: { userId: 'agent1', employeeId: 'emp-agent1', departmentId: DEP1 } });
      await Promise.all([submit(gone.requestId), submit(silent.requestId)]);
      const stuck = await env.client.workflow.start(onboardingWorkflow, { taskQueue, workflowId: accessRequestWorkflowId(silent.requestId), args: [onboardingInput()] });
      await openTask(stuck, 'agreement');

      const input = offboardingInput({ employeeUserId: 'agent1', settings: { ...offboardingInput().settings, revokeTimeoutMs: 10 * MINUTE } });
      const handle = await start(taskQueue, input);
      const closed = () => fake.inputs('closeAbandonedAccessRequest');
      await eventually(async () => closed().length === 1, 'the request without a workflow closed');
      expect(closed()[0]).toMatchObject({ requestId: gone.requestId, reason: 'revoked', by: 'system:offboarding', comment: expect.stringMatching(/no longer running/) });
      expect(fake.inputs('listReturnItem')).toEqual([]); // the silent one still holds the checklist back

      await env.sleep(10 * MINUTE + 10_000);
      await openTask(handle, 'return_item');
      expect(closed()[1]).toMatchObject({ requestId: silent.requestId, reason: 'revoked', comment: expect.stringMatching(/did not revoke within 600 s/) });
      expect(fake.indexOf('closeAbandonedAccessRequest', (i) => i.requestId === silent.requestId)).toBeLessThan(fake.indexOf('listReturnItem'));
      expect((await status<OffboardingStatus>(handle)).steps[0]).toMatchObject({ step: 'access_revoked', state: 'completed' });
      await eventually(async () => (await status<OffboardingStatus>(handle)).openTasks.length === RETURN_ITEM_KINDS.length, 'all item tasks');
      await accountsTaskOpened(fake, handle);
      await Promise.all([terminateIdle(fake, handle), stuck.terminate()]);
    });
  });

  it('INF-13, INF-11(5), INF-6: every item settled (missing ones signed off by the call center manager, a machine-room disk virus-checked) before the ID is retired', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const input = offboardingInput({ extraItems: [{ label: 'Headset case' }] });
      const handle = await start(taskQueue, input);
      await eventually(async () => (await status<OffboardingStatus>(handle)).openTasks.length === RETURN_ITEM_KINDS.length + 1, 'all item tasks');
      await accountsTaskOpened(fake, handle); // INF-7: opened with the checklist; the offboarding does not wait for it
      const { itemId: added } = await handle.executeUpdate(addReturnItemUpdate, { args: [{ by: 'hr1', label: 'Visitor badge', ...(await updateStamp()) }] });
      const items = await eventually(async () => {
        const s = await status<OffboardingStatus>(handle);
        return s.items.length === RETURN_ITEM_KINDS.length + 2 && s.items;
      }, 'twelve items');
      const byKind = (k: string) => items.find((i) => i.kind === k)!.itemId;

      for (const item of items.filter((i) => !['disks', 'notes'].includes(i.kind))) {
        await decide(handle, await taskOf(fake, 'return_item', item.itemId), site, 'done', { data: { status: 'received' } });
      }
      await decide(handle, await taskOf(fake, 'return_item', byKind('disks')), site, 'done', { data: { status: 'received', machineRoomDisk: true } });
      const notesCheck = await taskOf(fake, 'return_item', byKind('notes'));
      await expect(refusal(decide(handle, notesCheck, site, 'done', { data: { status: 'missing' } }))).resolves.toBe('VALIDATION_FAILED'); // say what is missing
      await decide(handle, notesCheck, siteBoss, 'done', { data: { status: 'missing' }, comment: 'one notebook lost' });

      const signoff = await taskOf(fake, 'missing_signoff', byKind('notes'));
      await expect(refusal(decide(handle, signoff, siteBoss, 'approve'))).resolves.toBe('SEPARATION_OF_DUTIES'); // the reporter
      await expect(refusal(decide(handle, signoff, site, 'approve'))).resolves.toBe('FORBIDDEN');
      await decide(handle, signoff, ccm, 'reject', { comment: 'search the locker first' });
      await decide(handle, await taskOf(fake, 'return_item', byKind('notes'), 1), site, 'done', { data: { status: 'missing' }, comment: 'not in the locker either' });
      await decide(handle, await taskOf(fake, 'missing_signoff', byKind('notes'), 1), ccm, 'approve');

      // The disk still waits for its virus check: the offboarding cannot finish, however long it waits.
      await env.sleep(days(10));
      const waiting = await status<OffboardingStatus>(handle);
      expect(waiting.state).toBe('running');
      expect(waiting.items.find((i) => i.kind === 'disks')!.state).toBe('virus_check');
      expect(fake.inputs('retireAgentId')).toEqual([]);

      await decide(handle, await taskOf(fake, 'virus_check', byKind('disks')), it1, 'done', { data: { result: 'clean' } });
      const report = await handle.result();
      expect(report.retiredAgentId).toBe('A1001');
      expect(report.items).toHaveLength(RETURN_ITEM_KINDS.length + 2);
      expect(report.items.find((i) => i.itemId === added)).toMatchObject({ label: 'Visitor badge', state: 'received', checkedBy: 'site1' });
      expect(report.items.find((i) => i.kind === 'notes')).toMatchObject({ state: 'missing_signed_off', checkedBy: 'site1', signedOffBy: 'ccm1', note: 'not in the locker either' });
      expect(report.items.find((i) => i.kind === 'disks')).toMatchObject({ state: 'received', virusCheck: { result: 'clean', by: 'it1' } });
      expect(fake.indexOf('retireAgentId')).toBeGreaterThan(fake.calls.findLastIndex((c) => c.name === 'recordReturnItem'));
      expect(fake.inputs('setEmployeeStatus').map((i) => i.status)).toEqual(['leaving', 'left']);
      await expect(refusal(handle.executeUpdate(addReturnItemUpdate, { args: [{ by: 'hr1', label: 'late', ...(await updateStamp()) }] }))).rejects.toThrow();
      expect(fake.duplicateKeys()).toEqual([]);
    });
  });
  it('INF-6, INF-13: an infected disk gives IT and security a task each, at once; the leaver decides neither, a non-security person cannot review, and the checklist stays open until both are done', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      // The leaver is themselves a security guard: they still may not review what they returned.
      const handle = await start(taskQueue, offboardingInput({ employeeUserId: 'guard9' }));
      const items = await eventually(async () => {
        const s = await status<OffboardingStatus>(handle);
        return s.items.length === RETURN_ITEM_KINDS.length && s.items;
      }, 'checklist');
      await accountsTaskOpened(fake, handle);
      const disk = items.find((i) => i.kind === 'disks')!.itemId;
      for (const item of items.filter((i) => i.itemId !== disk)) await decide(handle, await taskOf(fake, 'return_item', item.itemId), site, 'done', { data: { status: 'received' } });
      await decide(handle, await taskOf(fake, 'return_item', disk), site, 'done', { data: { status: 'received', machineRoomDisk: true } });
      await decide(handle, await taskOf(fake, 'virus_check', disk), it1, 'done', { data: { result: 'infected' } });

      const disposal = await taskOf(fake, 'quarantine_disposal', disk);
      const review = await taskOf(fake, 'quarantine_review', disk);
      expect(fake.inputs('openTask').find((i) => i.task.taskId === review)!.task).toMatchObject({
        kind: 'quarantine_review', candidate: { role: 'security', departmentId: null }, escalation: { role: 'cc_manager', mayDecide: false },
        excluded: [{ userId: 'guard9', reason: 'leaver' }], title: { en: expect.stringMatching(/^INF-6: Security review/) },
      });
      expect((await status<OffboardingStatus>(handle)).openTasks.map((t) => t.step).sort()).toEqual(['quarantine_disposal', 'quarantine_review']);
      expect(await refusal(decide(handle, review, person('guard9', ['security']), 'done', { data: { heldAt: 'my locker' } }))).toBe('SEPARATION_OF_DUTIES');
      expect(await refusal(decide(handle, review, it1, 'done', { data: { heldAt: 'rack 2' } }))).toBe('FORBIDDEN');
      expect(await refusal(decide(handle, review, person('sec1', ['security']), 'done', { data: {} }))).toBe('VALIDATION_FAILED');

      // IT done first: the checklist still waits for security, however long.
      await decide(handle, disposal, it1, 'done', { data: { disposition: 'destroyed' }, comment: 'shredded' });
      await env.sleep(days(10));
      expect((await status<OffboardingStatus>(handle)).state).toBe('running');
      expect(fake.inputs('retireAgentId')).toEqual([]);
      expect(fake.inputs('escalateTask')).toContainEqual(expect.objectContaining({ taskId: review, escalation: { role: 'cc_manager', departmentId: null } }));

      await decide(handle, review, person('sec1', ['security']), 'done', { data: { heldAt: 'security office safe', sealNumber: 'S-0042' } });
      const report = await handle.result();
      expect(report.items.find((i) => i.itemId === disk)).toMatchObject({
        state: 'destroyed', disposedBy: 'it1', note: 'shredded', securityReview: { by: 'sec1', heldAt: 'security office safe', sealNumber: 'S-0042', comment: null },
      });
      expect(fake.duplicateKeys()).toEqual([]);
    });
  });

  it('INF-13, INF-6: a medium the leaver still has on loan is an item of their checklist; received there, the loan records that return and runs its own virus check and quarantine, and the item ends as the loan does', async () => {
    const loanId = randomUUID();
    const loan = { loanId, label: 'MR-DISK-09', kind: 'disk' as const, state: 'out' as const, workflowId: mediaLoanWorkflowId(loanId) };
    const fake = createFakeActivities({ leaverLoans: async ({ borrowerUserId }) => (borrowerUserId === 'agent7' ? [loan] : []) });
    await withWorker(env, async (taskQueue) => {
      const lent: MediaLoanInput = { loanId, itemId: randomUUID(), label: 'MR-DISK-09', kind: 'disk', borrowerUserId: 'agent7', lentBy: 'site1', dueAt: new Date((await env.currentTimeMs()) + days(30)).toISOString(), purpose: 'dialler update' };
      const loanHandle = await env.client.workflow.start(mediaLoanWorkflow, { taskQueue, workflowId: loan.workflowId, args: [lent] });
      const handle = await start(taskQueue, offboardingInput({ employeeUserId: 'agent7' }));
      const items = await eventually(async () => {
        const s = await status<OffboardingStatus>(handle);
        return s.items.length === RETURN_ITEM_KINDS.length + 1 && s.items;
      }, 'checklist with the loan');
      await accountsTaskOpened(fake, handle);
      const onLoan = items.find((i) => i.loanId === loanId)!;
      expect(onLoan).toMatchObject({ kind: 'disks', label: 'MR-DISK-09', state: 'pending' });
      for (const item of items.filter((i) => i.itemId !== onLoan.itemId)) await decide(handle, await taskOf(fake, 'return_item', item.itemId), site, 'done', { data: { status: 'received' } });
      await decide(handle, await taskOf(fake, 'return_item', onLoan.itemId), site, 'done', { data: { status: 'received' } });

      // The loan records the return once, by the on-site manager, and the borrower can no longer return it twice.
      await eventually(async () => (await loanHandle.query<MediaLoanStatus>('status')).openTasks.some((t) => t.step === 'virus_check'), 'loan virus check');
      expect(fake.inputs('recordMediaReturned')).toEqual([expect.objectContaining({ loanId, by: 'site1' })]);
      expect(await refusal(loanHandle.executeUpdate(returnMediaUpdate, { args: [{ loanId, by: 'site2', note: null, ...(await updateStamp()) }] }))).toBe('ALREADY_DECIDED');
      expect((await status<OffboardingStatus>(handle)).items.find((i) => i.itemId === onLoan.itemId)!.state).toBe('virus_check');
      expect(fake.inputs('openTask').filter((i) => i.task.step === 'virus_check' && i.task.workflowId === handle.workflowId)).toEqual([]); // no second check

      await decide(loanHandle, await openTask(loanHandle, 'virus_check'), it1, 'done', { data: { result: 'infected' } });
      await decide(loanHandle, await openTask(loanHandle, 'quarantine_disposal'), person('it2', ['it']), 'done', { data: { disposition: 'destroyed' }, comment: 'shredded' });
      expect((await status<OffboardingStatus>(handle)).state).toBe('running');
      await decide(loanHandle, await openTask(loanHandle, 'quarantine_review'), person('sec1', ['security']), 'done', { data: { heldAt: 'security office safe' } });
      await expect(loanHandle.result()).resolves.toEqual({ loanId, result: 'destroyed' });

      const report = await handle.result();
      expect(report.items.find((i) => i.itemId === onLoan.itemId)).toMatchObject({
        state: 'destroyed', checkedBy: 'site1', virusCheck: { result: 'infected', by: 'it1' }, disposedBy: 'it2', note: 'shredded', securityReview: { by: 'sec1', heldAt: 'security office safe' },
      });
      expect(fake.inputs('recordMediaReturned')).toHaveLength(1);
      expect(fake.duplicateKeys()).toEqual([]);
    }, fake);
  });

  it('INF-13: a loan already returned through the register before the offboarding is on the checklist without a second check; the item settles when the loan closes', async () => {
    const loanId = randomUUID();
    const loan = { loanId, label: 'MR-CD-04', kind: 'cd' as const, state: 'virus_check' as const, workflowId: mediaLoanWorkflowId(loanId) };
    const fake = createFakeActivities({ leaverLoans: async () => [loan] });
    await withWorker(env, async (taskQueue) => {
      const lent: MediaLoanInput = { loanId, itemId: randomUUID(), label: 'MR-CD-04', kind: 'cd', borrowerUserId: 'agent8', lentBy: 'site1', dueAt: new Date((await env.currentTimeMs()) + days(30)).toISOString(), purpose: 'x' };
      const loanHandle = await env.client.workflow.start(mediaLoanWorkflow, { taskQueue, workflowId: loan.workflowId, args: [lent] });
      await loanHandle.executeUpdate(returnMediaUpdate, { args: [{ loanId, by: 'site1', note: null, ...(await updateStamp()) }] });
      const handle = await start(taskQueue, offboardingInput({ employeeUserId: 'agent8' }));
      const items = await eventually(async () => {
        const s = await status<OffboardingStatus>(handle);
        return s.items.length === RETURN_ITEM_KINDS.length + 1 && s.items;
      }, 'checklist with the loan');
      await accountsTaskOpened(fake, handle);
      const onLoan = items.find((i) => i.loanId === loanId)!;
      expect(onLoan).toMatchObject({ kind: 'other_media', label: 'MR-CD-04' });
      for (const item of items.filter((i) => i.itemId !== onLoan.itemId)) await decide(handle, await taskOf(fake, 'return_item', item.itemId), site, 'done', { data: { status: 'received' } });
      expect(fake.inputs('openTask').filter((i) => i.task.context.details.itemId === onLoan.itemId)).toEqual([]);
      await decide(loanHandle, await openTask(loanHandle, 'virus_check'), it1, 'done', { data: { result: 'clean' } });
      const report = await handle.result();
      expect(report.items.find((i) => i.itemId === onLoan.itemId)).toMatchObject({ state: 'received', checkedBy: 'site1', virusCheck: { result: 'clean', by: 'it1' } });
    }, fake);
  });

  it('INF-7: IT alone confirms the disable task, never the leaver (though of IT); its done is recorded with IT as the one who did it', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const record = { what: 'accounts' as const, employeeId: 'emp-leaver', emailAccount: 'leaver@corp.example', driveAccount: 'leaver' };
      const leaver = person('it-leaver', ['it']);
      const handle = await env.client.workflow.start(itDisableWorkflow, {
        taskQueue, workflowId: `offboarding-emp-leaver:it-accounts-${Date.now()}`,
        args: [{
          process: 'offboarding', processKey: 'emp-leaver', step: 'it_accounts_disable', title: TITLES.disableItAccounts, dueInMs: days(2),
          context: { subjectUserId: leaver.userId, subjectEmployeeId: 'emp-leaver', requestedBy: 'hr1', summary: TITLES.disableItAccounts, details: {} }, record,
          excluded: [{ userId: leaver.userId, reason: 'holder' }],
        }],
      });
      const task = await eventually(async () => fake.inputs('openTask').find((i) => i.task.workflowId === handle.workflowId)?.task, 'INF-7 accounts task');
      await expect(refusal(decide(handle, task.taskId, site, 'done'))).resolves.toBe('FORBIDDEN');
      await expect(refusal(decide(handle, task.taskId, leaver, 'done'))).resolves.toBe('SEPARATION_OF_DUTIES');
      await decide(handle, task.taskId, it1, 'reject', { comment: 'mail server down' }); // not done yet: the task opens again
      const again = await eventually(async () => fake.inputs('openTask').filter((i) => i.task.workflowId === handle.workflowId)[1]?.task, 'the task again');
      await expect(refusal(decide(handle, again.taskId, leaver, 'done'))).resolves.toBe('SEPARATION_OF_DUTIES'); // barred on every round
      await decide(handle, again.taskId, it1, 'done');
      await expect(handle.result()).resolves.toEqual({ by: 'it1', taskId: again.taskId });
      expect(fake.inputs('recordItDisabled')).toEqual([expect.objectContaining({ by: 'it1', taskId: again.taskId, record })]);
    });
  });
});
