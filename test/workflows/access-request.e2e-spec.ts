import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  accessRequestWorkflowId,
  days,
  emergencyCutOffSignal,
  extendSignal,
  hours,
  processRecordedUpdate,
  revokeSignal,
  TITLES,
  type AccessRequestInput,
  type AccessRequestStatus,
} from '../../libs/policy/index.js';
import { accessRequestWorkflow } from '../../workflows/index.js';
import { createFakeActivities, type FakeActivities } from '../support/fake-activities.js';
import { accessInput, DEP1, DEP2 } from '../support/process-inputs.js';
import { createTimeSkippingEnv, updateStamp } from '../support/temporal.js';
import { decide, eventually, openTask, person, refusal, status, withWorker } from '../support/workflow-harness.js';

const sup1 = person('sup1', ['supervisor'], DEP1);
const sup2 = person('sup2', ['supervisor'], DEP2);
const leader = person('leader1', ['leadership']);
const it1 = person('it1', ['it']);
const it2 = person('it2', ['it'], DEP1);
const ccm = person('ccm1', ['cc_manager']);

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(async () => env?.teardown());

const start = (taskQueue: string, input: AccessRequestInput) =>
  env.client.workflow.start(accessRequestWorkflow, { taskQueue, workflowId: accessRequestWorkflowId(input.requestId), args: [input] });

/** Runs the SYS-1 chain to an active grant and returns the handle. */
async function activeExternal(taskQueue: string, input = accessInput()) {
  const handle = await start(taskQueue, input);
  await decide(handle, await openTask(handle, 'supervisor_review'), sup1, 'approve');
  await decide(handle, await openTask(handle, 'leadership_signoff'), leader, 'approve');
  await decide(handle, await openTask(handle, 'it_enable'), it1, 'done');
  await eventually(async () => (await status<AccessRequestStatus>(handle)).grant, 'an active grant');
  return handle;
}

/** Runs the INF-6 chain of a three-day USB unlock to an active grant (a test's fake makes it manual or not). */
async function activeUsb(taskQueue: string, over: Partial<AccessRequestInput> = {}) {
  const input = accessInput({ kind: 'usb_media', durationMs: days(3), ...over });
  const handle = await start(taskQueue, input);
  await decide(handle, await openTask(handle, 'supervisor_review'), sup1, 'approve');
  await decide(handle, await openTask(handle, 'it_unlock'), it1, 'done');
  const grant = await eventually(async () => (await status<AccessRequestStatus>(handle)).grant, 'grant');
  return { input, handle, grant };
}

/** A worker for grants of a kind without connector: IT switches them off by hand, from a task the request holds (INF-6). */
const withManualRemoval = (body: (taskQueue: string, fake: FakeActivities) => Promise<void>) => withWorker(env, body, createFakeActivities({ grantConnector: async () => 'manual' }));

/**
 * Ends a test's workflow cleanly. (Terminating one while an activity is in flight leaks a time-skipping
 * lock in the Java test server, and every later env.sleep of the file then hangs.)
 */
async function withdraw(handle: Awaited<ReturnType<typeof start>>) {
  await handle.signal(revokeSignal, { by: 'agent1', reason: 'test over' });
  await handle.result();
}

const grantEnds = (fake: FakeActivities) => fake.inputs('endGrant');

describe('access request workflow (time-skipping server)', () => {
  it('SYS-1: the request is recorded in one transaction (process.started with the submission), then the processRecorded Update answers; a copy of that Update sent again is refused', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const handle = await start(taskQueue, accessInput());
      const stamp = await updateStamp();
      await expect(handle.executeUpdate(processRecordedUpdate, { args: [stamp] })).resolves.toEqual({ recorded: true });
      const opened = fake.inputs('openAccessRequest');
      expect(opened).toEqual([expect.objectContaining({ started: expect.objectContaining({ process: 'access_request', stage: 'submitted' }), submitted: expect.objectContaining({ kind: 'external_network' }) })]);
      expect(fake.inputs('startProcess')).toEqual([]);
      expect(fake.inputs('submitAccessRequest')).toEqual([]);
      // A retried POST (same Idempotency-Key) sends a fresh stamp and is answered at once; the same stamp again is a replayed copy.
      await expect(handle.executeUpdate(processRecordedUpdate, { args: [await updateStamp()] })).resolves.toEqual({ recorded: true });
      expect(await refusal(handle.executeUpdate(processRecordedUpdate, { args: [stamp] }))).toBe('FORBIDDEN');
      expect(await refusal(handle.executeUpdate(processRecordedUpdate, { args: [{}] }))).toBe('VALIDATION_FAILED');
      await withdraw(handle);
    });
  });

  it('SYS-1: supervisor review, leadership sign-off and one IT person enabling run in order; expiry counts from enablement and revokes on time', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const handle = await start(taskQueue, accessInput({ durationMs: days(30) }));
      await decide(handle, await openTask(handle, 'supervisor_review'), sup1, 'approve');
      await decide(handle, await openTask(handle, 'leadership_signoff'), leader, 'approve');
      const enable = await openTask(handle, 'it_enable');
      await env.sleep(days(1)); // IT enables a day later: the window must start then, not at the request
      await decide(handle, enable, it1, 'done');
      const { grant } = await eventually(async () => {
        const s = await status<AccessRequestStatus>(handle);
        return s.grant && s;
      }, 'grant');
      expect(fake.inputs('openTask').map((i) => i.task.step)).toEqual(['supervisor_review', 'leadership_signoff', 'it_enable']);
      expect(grant!.enabledBy).toBe('it1');
      expect(Date.parse(grant!.expiresAt) - Date.parse(grant!.startsAt)).toBe(days(30));

      await env.sleep(days(30) - hours(2));
      expect((await status<AccessRequestStatus>(handle)).state).toBe('running');
      expect(grantEnds(fake)).toEqual([]);
      expect(fake.inputs('notify').some((n) => n.title.en === TITLES.accessExpiring.en)).toBe(true); // reminded before expiry

      await env.sleep(hours(3));
      await expect(handle.result()).resolves.toMatchObject({ endReason: 'expired' });
      expect(grantEnds(fake)).toEqual([expect.objectContaining({ grantId: grant!.grantId, reason: 'expired' })]);
      expect(fake.duplicateKeys()).toEqual([]);
    });
  });

  it('SYS-1: the requester cannot approve their own request, even as a supervisor of the department', async () => {
    await withWorker(env, async (taskQueue) => {
      const handle = await start(taskQueue, accessInput({ requester: { userId: 'sup1', employeeId: 'emp-sup1', departmentId: DEP1 } }));
      const task = await openTask(handle, 'supervisor_review');
      await expect(refusal(decide(handle, task, sup1, 'approve'))).resolves.toBe('SEPARATION_OF_DUTIES');
      await withdraw(handle);
    });
  });

  it('SYS-1: a supervisor of another department cannot review; a refused decision leaves no trace in history', async () => {
    await withWorker(env, async (taskQueue) => {
      const handle = await start(taskQueue, accessInput());
      const task = await openTask(handle, 'supervisor_review');
      await expect(refusal(decide(handle, task, sup2, 'approve'))).resolves.toBe('FORBIDDEN');
      await expect(refusal(decide(handle, task, leader, 'approve'))).resolves.toBe('FORBIDDEN');
      await decide(handle, task, sup1, 'approve');
      const history = await handle.fetchHistory();
      expect(history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(1);
      await withdraw(handle);
    });
  });

  it('SYS-1: one person cannot approve two stages of one request', async () => {
    await withWorker(env, async (taskQueue) => {
      const boss = person('boss', ['supervisor', 'leadership'], DEP1);
      const handle = await start(taskQueue, accessInput());
      await decide(handle, await openTask(handle, 'supervisor_review'), boss, 'approve');
      const signoff = await openTask(handle, 'leadership_signoff');
      await expect(refusal(decide(handle, signoff, boss, 'approve'))).resolves.toBe('SEPARATION_OF_DUTIES');
      await expect(decide(handle, signoff, leader, 'approve')).resolves.toMatchObject({ decidedBy: 'leader1', outcome: 'approve' });
      await withdraw(handle);
    });
  });

  it('refuses a second decision and malformed payloads before they reach history', async () => {
    await withWorker(env, async (taskQueue) => {
      const handle = await start(taskQueue, accessInput());
      const task = await openTask(handle, 'supervisor_review');
      await expect(refusal(decide(handle, task, sup1, 'reject'))).resolves.toBe('VALIDATION_FAILED'); // a rejection needs a comment
      await expect(refusal(decide(handle, task, sup1, 'done'))).resolves.toBe('VALIDATION_FAILED'); // not an outcome of an approval
      await expect(refusal(decide(handle, task, sup1, 'approve', { data: { extra: 1 } }))).resolves.toBe('VALIDATION_FAILED');
      await expect(refusal(decide(handle, 'no-such-task', sup1, 'approve'))).resolves.toBe('NOT_FOUND');
      await expect(refusal(decide(handle, task, { userId: 'x' } as never, 'approve'))).resolves.toBe('VALIDATION_FAILED');
      await decide(handle, task, sup1, 'approve', { comment: 'fine' });
      await expect(refusal(decide(handle, task, sup1, 'approve'))).resolves.toBe('ALREADY_DECIDED');
      await withdraw(handle);
    });
  });

  it('an unanswered task escalates at its due time (the escalation role may then decide) and is rejected at its final deadline', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const input = accessInput();
      const handle = await start(taskQueue, input);
      const task = await openTask(handle, 'supervisor_review');
      await expect(refusal(decide(handle, task, ccm, 'approve'))).resolves.toBe('FORBIDDEN'); // not yet escalated
      await env.sleep(input.settings.stageDueMs + hours(1));
      const [escalation] = await eventually(async () => fake.inputs('escalateTask').length > 0 && fake.inputs('escalateTask'), 'escalation');
      expect(escalation).toMatchObject({ taskId: task, escalation: { role: 'cc_manager' } });
      expect(escalation.notify.recipients).toEqual(expect.arrayContaining([{ role: 'supervisor', departmentId: DEP1 }, { userId: 'agent1' }]));
      expect((await status<AccessRequestStatus>(handle)).openTasks[0].escalated).toBe(true);

      await env.sleep(input.settings.stageDeadlineMs);
      await expect(handle.result()).resolves.toMatchObject({ endReason: 'rejected', grant: null });
      expect(fake.inputs('closeTask')).toEqual([expect.objectContaining({ taskId: task, status: 'expired' })]);
    });
  });

  it('after escalation the call center manager may take over the approval', async () => {
    await withWorker(env, async (taskQueue) => {
      const input = accessInput();
      const handle = await start(taskQueue, input);
      const task = await openTask(handle, 'supervisor_review');
      await env.sleep(input.settings.stageDueMs + hours(1));
      await eventually(async () => (await status<AccessRequestStatus>(handle)).openTasks[0]?.escalated, 'escalated');
      await expect(decide(handle, task, ccm, 'approve')).resolves.toMatchObject({ decidedBy: 'ccm1' });
      await openTask(handle, 'leadership_signoff');
      await withdraw(handle);
    });
  });

  it('SYS-5: the emergency cut-off revokes an active grant at once', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const handle = await activeExternal(taskQueue);
      await handle.signal(emergencyCutOffSignal, { by: 'it1', reason: 'suspected intrusion' });
      await expect(handle.result()).resolves.toMatchObject({ endReason: 'emergency_cut_off' });
      expect(grantEnds(fake)).toEqual([expect.objectContaining({ reason: 'emergency_cut_off', by: 'it1', comment: 'suspected intrusion' })]);
    });
  });

  it('SYS-5: a cut-off during approval cancels the open task and never grants', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const handle = await start(taskQueue, accessInput());
      const task = await openTask(handle, 'supervisor_review');
      await handle.signal(emergencyCutOffSignal, { by: 'it1', reason: 'all external access off' });
      await expect(handle.result()).resolves.toMatchObject({ endReason: 'emergency_cut_off', grant: null });
      expect(fake.inputs('closeTask')).toEqual([expect.objectContaining({ taskId: task, status: 'cancelled' })]);
      expect(fake.inputs('activateGrant')).toEqual([]);
    });
  });

  it('SYS-5: a cut-off landing just after IT reported the access enabled records the grant and revokes it at once; it is never left active', async () => {
    // IT's "done" is accepted, and while it is being recorded the cut-off arrives.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let recording = false;
    const fake = createFakeActivities({
      recordDecision: async (i) => {
        if (i.decision.outcome === 'done') {
          recording = true;
          await held;
        }
      },
    });
    await withWorker(
      env,
      async (taskQueue, fake) => {
        const handle = await start(taskQueue, accessInput());
        await decide(handle, await openTask(handle, 'supervisor_review'), sup1, 'approve');
        await decide(handle, await openTask(handle, 'leadership_signoff'), leader, 'approve');
        const enabled = decide(handle, await openTask(handle, 'it_enable'), it1, 'done');
        await eventually(async () => recording, 'the enablement being recorded');
        await handle.signal(emergencyCutOffSignal, { by: 'it2', reason: 'suspected intrusion' });
        release();
        await enabled;
        await expect(handle.result()).resolves.toMatchObject({ endReason: 'emergency_cut_off', grant: expect.objectContaining({ enabledBy: 'it1' }) });
        expect(fake.inputs('activateGrant')).toHaveLength(1);
        expect(grantEnds(fake)).toEqual([expect.objectContaining({ reason: 'emergency_cut_off', by: 'it2', comment: 'suspected intrusion' })]);
        expect(fake.inputs('notify').map((n) => n.title.en)).not.toContain(TITLES.accessApproved.en);
      },
      fake,
    );
  });

  it('SYS-1: the holder is reminded before expiry; an extension is approved again by every approval stage (not by the holder), a refused one keeps the expiry', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const handle = await activeExternal(taskQueue, accessInput({ durationMs: days(5) }));
      const first = (await status<AccessRequestStatus>(handle)).grant!;
      const reminders = () => fake.inputs('notify').filter((n) => n.title.en === TITLES.accessExpiring.en);

      await handle.signal(extendSignal, { by: 'agent1', extraMs: days(3), reason: 'campaign runs longer' });
      const review = await openTask(handle, 'supervisor_review');
      await expect(refusal(decide(handle, review, person('agent1', ['employee', 'supervisor'], DEP1), 'approve'))).resolves.toBe('SEPARATION_OF_DUTIES');
      await decide(handle, review, sup1, 'approve');
      await expect(refusal(decide(handle, await openTask(handle, 'leadership_signoff'), sup1, 'approve'))).resolves.toMatch(/FORBIDDEN|SEPARATION_OF_DUTIES/);
      await decide(handle, await openTask(handle, 'leadership_signoff'), leader, 'approve');
      const extended = await eventually(async () => {
        const g = (await status<AccessRequestStatus>(handle)).grant;
        return g && g.expiresAt !== first.expiresAt && g;
      }, 'extension');
      expect(Date.parse(extended.expiresAt) - Date.parse(first.expiresAt)).toBe(days(3));
      expect(fake.inputs('extendGrant')).toEqual([expect.objectContaining({ approvedBy: ['sup1', 'leader1'] })]);

      await handle.signal(extendSignal, { by: 'agent1', extraMs: days(3), reason: 'and longer still' });
      await decide(handle, await openTask(handle, 'supervisor_review'), sup1, 'reject', { comment: 'enough' });
      await eventually(async () => !(await status<AccessRequestStatus>(handle)).extensionPending, 'extension refused');
      expect((await status<AccessRequestStatus>(handle)).grant!.expiresAt).toBe(extended.expiresAt);
      // Only approval stages repeat: IT enabled the access once and is not asked again.
      expect(fake.inputs('openTask').map((i) => i.task.step)).toEqual(['supervisor_review', 'leadership_signoff', 'it_enable', 'supervisor_review', 'leadership_signoff', 'supervisor_review']);

      expect(reminders()).toEqual([]);
      await env.sleep(Date.parse(extended.expiresAt) - Date.parse(first.startsAt) - days(1) + hours(1)); // within a day of the (new) expiry
      await eventually(async () => reminders().length === 1, 'the reminder');
      expect(reminders()[0].recipients).toEqual([{ userId: 'agent1' }]);
      expect(grantEnds(fake)).toEqual([]);
      await expect(handle.result()).resolves.toMatchObject({ endReason: 'expired' });
      expect(reminders()).toHaveLength(1);
    });
  });

  it('SYS-1: the requester can revoke early', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const handle = await activeExternal(taskQueue);
      await handle.signal(revokeSignal, { by: 'agent1', reason: 'no longer needed' });
      await expect(handle.result()).resolves.toMatchObject({ endReason: 'revoked' });
      expect(grantEnds(fake)).toEqual([expect.objectContaining({ reason: 'revoked', by: 'agent1' })]);
    });
  });

  it('INF-6: USB unlock by one IT person, extended through approval again, re-locked at the new expiry', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const handle = await start(taskQueue, accessInput({ kind: 'usb_media', durationMs: days(3) }));
      await decide(handle, await openTask(handle, 'supervisor_review'), sup1, 'approve');
      await decide(handle, await openTask(handle, 'it_unlock'), it1, 'done');
      const first = (await eventually(async () => (await status<AccessRequestStatus>(handle)).grant, 'grant')).expiresAt;
      await handle.signal(extendSignal, { by: 'agent1', extraMs: days(2), reason: 'the audit takes longer' });
      await decide(handle, await openTask(handle, 'supervisor_review'), sup1, 'approve');
      const extended = await eventually(async () => {
        const g = (await status<AccessRequestStatus>(handle)).grant;
        return g && g.expiresAt !== first && g;
      }, 'extension');
      expect(Date.parse(extended.expiresAt) - Date.parse(first)).toBe(days(2));
      expect(fake.inputs('extendGrant')).toHaveLength(1);

      await env.sleep(days(4));
      expect(grantEnds(fake)).toEqual([]); // the old expiry has passed; the extension holds
      await env.sleep(days(2));
      await expect(handle.result()).resolves.toMatchObject({ endReason: 'expired' });
      expect(fake.inputs('openTask').map((i) => i.task.step)).toEqual(['supervisor_review', 'it_unlock', 'supervisor_review']);
    });
  });

  it('INF-12, AID-2: special agent ID: superior, then call center manager; a privileged ID is checked out and checked in at expiry', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const handle = await start(taskQueue, accessInput({ kind: 'special_agent_id', durationMs: days(2) }));
      await decide(handle, await openTask(handle, 'superior_review'), sup1, 'approve');
      await decide(handle, await openTask(handle, 'cc_manager_approval'), ccm, 'approve');
      const grant = await eventually(async () => (await status<AccessRequestStatus>(handle)).grant, 'grant');
      expect(grant).toMatchObject({ resource: 'P9001', enabledBy: 'ccm1' });
      expect(fake.inputs('activateGrant')).toEqual([expect.objectContaining({ kind: 'special_agent_id', holderUserId: 'agent1' })]);
      await env.sleep(days(2) + hours(1));
      await expect(handle.result()).resolves.toMatchObject({ endReason: 'expired' });
      expect(grantEnds(fake)).toEqual([expect.objectContaining({ grantId: grant.grantId, reason: 'expired' })]);
    });
  });
  it('SYS-1: a kind with a webhook: grant.enabled once the grant is active, grant.ended after it, each under one webhook id; the workflow passes ids, never a URL or secret', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const handle = await activeExternal(taskQueue);
      const grant = (await status<AccessRequestStatus>(handle)).grant!;
      expect(fake.inputs('activateGrant')).toEqual([expect.objectContaining({ enforcedBy: 'webhook' })]);
      await withdraw(handle);
      const hex = grant.grantId.replace(/-/g, '');
      expect(fake.inputs('deliverWebhook')).toEqual([
        { key: expect.any(String), kind: 'external_network', type: 'grant.enabled', webhookId: `msg_${hex}_enabled`, requestId: expect.any(String), grantId: grant.grantId, by: 'system:access_request' },
        { key: expect.any(String), kind: 'external_network', type: 'grant.ended', webhookId: `msg_${hex}_ended`, requestId: expect.any(String), grantId: grant.grantId, by: 'system:access_request' },
      ]);
      expect(fake.indexOf('deliverWebhook', (i) => i.type === 'grant.ended')).toBeGreaterThan(fake.indexOf('endGrant'));
    });
  });

  it('INF-6: a USB grant that expires while its extension waits for approval: the extension is cancelled, the end and IT\'s removal task are recorded, then the request\'s end; the request holds the removal until IT has done it', async () => {
    await withManualRemoval(async (taskQueue, fake) => {
        const { handle } = await activeUsb(taskQueue);
        await handle.signal(extendSignal, { by: 'agent1', extraMs: days(1), reason: 'one more day' });
        const review = await openTask(handle, 'supervisor_review');
        await env.sleep(days(3) + hours(1)); // expires with the extension's review still open
        const taskId = await openTask(handle, 'it_disable');
        await eventually(async () => fake.inputs('finishProcess').length > 0 || undefined, 'the request recorded as ended');
        expect(fake.inputs('closeTask')).toEqual([expect.objectContaining({ taskId: review, status: 'cancelled' })]);
        expect(fake.inputs('endGrant')).toEqual([expect.objectContaining({ reason: 'expired' })]);
        expect(fake.inputs('endGrant')[0]).not.toHaveProperty('finish'); // written before the extension's end, so not with the request's
        expect(fake.indexOf('finishProcess')).toBeGreaterThan(fake.indexOf('closeTask'));
        await decide(handle, taskId, it1, 'done');
        await expect(handle.result()).resolves.toMatchObject({ endReason: 'expired' });
        expect(fake.inputs('recordItDisabled')).toEqual([expect.objectContaining({ taskId, by: 'it1' })]);
        expect(fake.duplicateKeys()).toEqual([]);
    });
  });

  it('INF-6: a USB grant of a kind without connector ends on time and its request records the end, then holds IT a disable task (escalating to the call center manager) until one IT person has done it; a late revoke or cut-off leaves that task open', async () => {
    await withManualRemoval(async (taskQueue, fake) => {
        const { input, handle, grant } = await activeUsb(taskQueue);
        expect(fake.inputs('activateGrant')).toEqual([expect.objectContaining({ enforcedBy: 'manual' })]);
        await handle.signal(revokeSignal, { by: 'agent1', reason: 'export finished' });
        const taskId = await openTask(handle, 'it_disable');
        // Opened with the grant's end, for this workflow (no workflow of its own), and the request ended at once.
        const task = fake.inputs('openTask').find((i) => i.task.taskId === taskId)?.task;
        expect(task).toMatchObject({
          workflowId: handle.workflowId, step: 'it_disable', kind: 'it_action', process: 'access_request', processKey: input.requestId, title: TITLES.disableAccess.usb_media,
          candidate: { role: 'it', departmentId: null }, escalation: { role: 'cc_manager', mayDecide: false }, deadlineAt: null,
          context: expect.objectContaining({ details: expect.objectContaining({ grantId: grant.grantId, reason: 'revoked' }) }),
        });
        await eventually(async () => fake.inputs('finishProcess').length > 0 || undefined, 'the request recorded as ended');
        expect(fake.inputs('finishProcess')).toEqual([expect.objectContaining({ state: 'completed', result: { endReason: 'revoked', grantId: grant.grantId } })]);
        expect(fake.inputs('recordItDisabled')).toEqual([]);
        // Nothing that ends a request reaches the removal: the grant is already off in the records, not yet in the world.
        await handle.signal(revokeSignal, { by: 'agent1', reason: 'again' });
        await handle.signal(emergencyCutOffSignal, { by: 'ccm1', reason: 'incident' });
        await env.sleep(input.settings.stageDueMs + hours(1));
        expect(fake.inputs('escalateTask')).toEqual([expect.objectContaining({ taskId, escalation: { role: 'cc_manager', departmentId: null } })]);
        expect((await status<AccessRequestStatus>(handle)).openTasks.map((t) => t.taskId)).toEqual([taskId]);
        expect(await refusal(decide(handle, taskId, ccm, 'done'))).toBe('FORBIDDEN'); // the manager it escalated to chases it, IT does it
        await decide(handle, taskId, it1, 'done');
        await expect(handle.result()).resolves.toMatchObject({ endReason: 'revoked' });
        expect(fake.inputs('recordItDisabled')).toEqual([expect.objectContaining({ taskId, by: 'it1', record: expect.objectContaining({ what: 'grant', grantId: grant.grantId }) })]);
        expect(fake.inputs('deliverWebhook')).toEqual([]);
        expect(fake.duplicateKeys()).toEqual([]);
    });
  });

  it('SYS-1, INF-6: an IT person whose own USB grant ended cannot report its removal done; another IT person does', async () => {
    await withManualRemoval(async (taskQueue, fake) => {
        const { handle } = await activeUsb(taskQueue, { requester: { userId: 'it2', employeeId: 'emp-it2', departmentId: DEP1 } });
        await handle.signal(revokeSignal, { by: 'it2', reason: 'export finished' });
        const taskId = await openTask(handle, 'it_disable');
        expect(fake.inputs('openTask').find((i) => i.task.taskId === taskId)?.task.excluded).toEqual([{ userId: 'it2', reason: 'holder' }]);
        expect(await refusal(decide(handle, taskId, it2, 'done'))).toBe('SEPARATION_OF_DUTIES');
        expect(fake.inputs('recordItDisabled')).toEqual([]);
        await decide(handle, taskId, it1, 'done');
        await expect(handle.result()).resolves.toMatchObject({ endReason: 'revoked' });
        expect(fake.inputs('recordItDisabled')).toEqual([expect.objectContaining({ taskId, by: 'it1' })]);
    });
  });
});
