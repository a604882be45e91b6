import { ActivityFailure, allHandlersFinished, ApplicationFailure, condition, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import { ACCESS_STAGES, ACCESS_SUBMITTED_STAGE, accessRequestOpening, checkAccessDuration, type AccessEndReason, type AccessRequestInput, type AccessRequestResult } from '../libs/policy/access-request.js';
import { accessRequestStatusQuery, emergencyCutOffSignal, extendSignal, revokeSignal } from '../libs/policy/messages.js';
import { type TaskRecord } from '../libs/policy/tasks.js';
import { TITLES } from '../libs/policy/titles.js';
import { isRefusedPayload } from '../libs/policy/trust.js';
import { acts, applies, beginRun, keyOf, localSteps } from './activities.js';
import { endAndHoldRemoval, holdGrant, noticeTo, REMOVAL_HELD_PATCH, tellRequester, tellSystem, type GrantContext } from './access-grant.js';
import { ONE_WRITE_PER_STEP_PATCH, runStages } from './access-stages.js';
import { AccessState } from './access-state.js';
import { HumanTasks } from './human-task.js';
import { refuseUnauthenticatedInput } from './update-stamps.js';
import { ProcessTracker } from './process-tracker.js';
import { answerWhenRecorded } from './process-recorded.js';

/**
 * An employee's request for external network access (SYS-1), a special agent ID (INF-12, AID-2) or a
 * USB unlock (INF-6): the kind's approval chain, then one person enables it, then an active grant that
 * ends by itself at expiry, or earlier by revoke or emergency cut-off (SYS-5).
 */
export async function accessRequestWorkflow(input: AccessRequestInput): Promise<AccessRequestResult> {
  refuseUnauthenticatedInput(input); // a start sent without Custodian's key fails here, having written nothing
  beginRun([ONE_WRITE_PER_STEP_PATCH, REMOVAL_HELD_PATCH]);
  const invalid = checkAccessDuration(input.kind, input.durationMs, input.settings);
  if (invalid) throw ApplicationFailure.create({ type: 'VALIDATION_FAILED', message: invalid, nonRetryable: true });
  const p = new ProcessTracker('access_request', input.requestId, ACCESS_SUBMITTED_STAGE);
  const tasks = new HumanTasks('access_request', input.requestId);
  const s = new AccessState(input);
  const c: GrantContext = { input, p, tasks, s };
  // A signal the payload codec could not authenticate is ignored (signals cannot be refused): the workflow goes on.
  setHandler(revokeSignal, (r) => {
    if (isRefusedPayload(r)) return;
    s.revoke ??= r;
    tasks.closeAll('revoked');
  });
  setHandler(emergencyCutOffSignal, (r) => {
    if (isRefusedPayload(r)) return;
    s.emergency ??= r;
    tasks.closeAll('emergency cut-off (SYS-5)');
  });
  setHandler(extendSignal, (r) => {
    if (!isRefusedPayload(r)) s.offerExtension(r);
  });
  setHandler(accessRequestStatusQuery, () => ({
    ...p.base(tasks.openTasks()),
    kind: input.kind,
    grant: s.grant,
    extensionPending: s.extensionPending || s.extension !== null,
    endReason: s.endReason,
  }));

  const answer = answerWhenRecorded(tasks.stamps);

  // The API records these facts right after the start (the POST answers from them); a run records them
  // too, finding them there or writing them if the API stopped in between (libs/policy/access-request.ts).
  const { started, submitted } = accessRequestOpening(input, workflowInfo().workflowId);
  const { requester } = input;
  // A run on this version records the request and opens its first approval task in one transaction,
  // the first local step of its first workflow task. Older runs recorded the request first (in one
  // transaction since 'access-request-opened-in-one-transaction', in two before) and answered the POST.
  const opened = { key: keyOf('opened'), started, submitted };
  let recorded = false;
  const record = async (firstTask?: TaskRecord) => {
    await acts.openAccessRequest({ ...opened, ...(firstTask ? { firstTask } : {}) });
    recorded = true;
    answer.recorded();
  };
  if (!localSteps()) {
    if (applies('access-request-opened-in-one-transaction')) await record();
    else {
      await p.start(started);
      await acts.submitAccessRequest({ key: keyOf('submitted'), ...submitted });
      answer.recorded();
    }
  }

  const approval = await runStages(p, tasks, ACCESS_STAGES[input.kind], input, { round: 0, durationMs: input.durationMs, reason: input.justification }, localSteps() ? record : undefined);
  if (localSteps() && !recorded) await record(); // stopped before its first task opened: the request is still recorded
  // SYS-5: a revoke or cut-off that lands after IT reported the access enabled (its "done" was accepted
  // first) must not leave that enablement unrecorded: the grant is recorded and ended at once below, so
  // the log shows who enabled it and that the cut-off revoked it. Patched: older runs ended without a grant.
  const enabledByIt = approval.passed && ACCESS_STAGES[input.kind].at(-1)!.kind === 'it_action';
  const recordThenEnd = enabledByIt && s.stop() !== null && applies('access-stop-after-it-enabled-records-grant');
  if (!approval.passed || (s.stop() && !recordThenEnd)) {
    const failedStage = ACCESS_STAGES[input.kind][approval.results.length - 1];
    s.endReason = s.stop()?.reason ?? (failedStage?.kind === 'it_action' ? 'not_enabled' : 'rejected');
    return finish(c, s.endReason);
  }

  const enabledBy = approval.results.at(-1)!.decidedBy!;
  const grantId = uuid4();
  // Where the grant takes effect (SYS-1: still IT's hand): the directory's managed group, the kind's own
  // system told by a signed webhook, or IT switching it off by hand when it ends (INF-6, AID-2). A run on
  // this version asks once (a local read of settings) and goes to the directory only when it enforces the
  // kind; older runs asked the directory first, then the others, each behind its patch.
  const route = localSteps() ? await acts.grantRoute({ kind: input.kind }) : null;
  if (route === 'directory' || (route === null && applies('grant-enforced-in-directory'))) {
    // The window starts when the directory confirmed the member.
    try {
      s.enforced = await acts.provisionGrant({ key: keyOf('grant', 'provision'), requestId: input.requestId, grantId, kind: input.kind, holderUserId: requester.userId, by: enabledBy });
    } catch (e) {
      if (!(e instanceof ActivityFailure)) throw e;
      s.endReason = 'not_enabled'; // permanent: the person has no directory entry (retries are Temporal's for anything else)
      await tellRequester(c, 'not-provisioned', TITLES.accessRejected, { en: `The directory refused the change: ${e.cause?.message ?? e.message}`, zh: `目录服务拒绝了此变更：${e.cause?.message ?? e.message}` });
      return finish(c, s.endReason);
    }
  }
  if (!s.enforced) {
    if (route === 'webhook' || route === 'manual') s.connector = route;
    else if (applies('grant-webhook-or-manual')) s.connector = await acts.grantConnector({ kind: input.kind });
  }
  // The clock starts now, at enablement (and confirmation), not at the request (SYS-1).
  const startsAt = new Date();
  // Stopped meanwhile: holdGrant ends the grant at once, so "approved and active" would mislead.
  const announce = () => !(s.stop() && applies('access-stopped-grant-not-announced'));
  // A run on this version records the grant, its 'active' step and the holder's notice in one transaction.
  const together = applies(ONE_WRITE_PER_STEP_PATCH);
  s.grant = await acts.activateGrant({
    key: keyOf('grant', 'activate'), requestId: input.requestId, grantId, kind: input.kind, holderUserId: requester.userId,
    holderEmployeeId: requester.employeeId, enabledBy, startsAt: startsAt.toISOString(), expiresAt: new Date(startsAt.getTime() + input.durationMs).toISOString(),
    enforcement: s.enforced, enforcedBy: s.connector,
    ...(together ? { step: p.record('active', 'started', enabledBy, { grantId }), ...(announce() ? { notify: noticeTo(c, TITLES.accessApproved, TITLES.accessApproved) } : {}) } : {}),
  });
  if (together) p.noted('active', 'started', enabledBy);
  else await p.step('active', 'started', enabledBy, { grantId: s.grant.grantId });
  // Not awaited: the window runs while the delivery is retried (it resolves once confirmed or dead-lettered).
  if (s.connector === 'webhook') s.enabledHook = tellSystem(c, 'grant.enabled');
  if (!together && announce()) await tellRequester(c, 'approved', TITLES.accessApproved, TITLES.accessApproved);
  s.endReason = await holdGrant(c);
  return finish(c, s.endReason);
}

async function finish(c: GrantContext, reason: AccessEndReason): Promise<AccessRequestResult> {
  const { p, s, input } = c;
  const state = s.grant ? 'completed' : reason === 'rejected' || reason === 'not_enabled' ? 'rejected' : 'cancelled';
  const title = s.grant ? TITLES.accessEnded : TITLES.accessRejected;
  const body = { en: `Reason: ${reason}`, zh: `原因：${reason}` };
  const result = { endReason: reason, grantId: s.grant?.grantId ?? null };
  // A run on this version sends the last notice and records the end in one transaction; the grant's end
  // and IT's removal task too when it holds that task and nothing came between (REMOVAL_HELD_PATCH).
  if (s.ending) {
    await endAndHoldRemoval(c, { ...p.finishing(state, 'ended', result), notify: noticeTo(c, title, body) });
    p.ended(state, 'ended');
  } else if (applies(ONE_WRITE_PER_STEP_PATCH)) await p.finish(state, 'ended', result, noticeTo(c, title, body));
  else {
    await tellRequester(c, 'ended', title, body);
    await p.finish(state, 'ended', result);
  }
  if (s.removal) await s.removal; // the request has ended; its workflow waits for IT to switch the grant off
  await condition(allHandlersFinished);
  return { requestId: input.requestId, endReason: reason, grant: s.grant };
}
