import { condition, workflowInfo } from '@temporalio/workflow';
import type { EndGrantInput } from '../activities/types.js';
import { ACCESS_KIND_NAMES, ACCESS_STAGES, type AccessEndReason, type AccessRequestInput, type ExtendRequest } from '../libs/policy/access-request.js';
import { type NotificationRequest } from '../libs/policy/notifications.js';
import { type LocalizedText } from '../libs/policy/text.js';
import { TITLES } from '../libs/policy/titles.js';
import { accessRequestWorkflowId, processSubject } from '../libs/policy/workflow-ids.js';
import { acts, applies, hookActs, keyOf } from './activities.js';
import type { AccessState } from './access-state.js';
import { ONE_WRITE_PER_STEP_PATCH, runStages } from './access-stages.js';
import type { HumanTasks } from './human-task.js';
import { itDisableTaskRecord, openItDisableTask, removeByHand, type ItDisableInput } from './it-disable.workflow.js';
import type { ProcessTracker } from './process-tracker.js';
import { waitUntil } from './timing.js';

/**
 * Patched: the request's own workflow holds IT's task to switch off an ended grant of a kind with no
 * connector (removeByHand), and ends when IT has done it; the request is recorded as ended before that,
 * as always. Runs recorded before it started a workflow per removal (`<request>:grant-removal`), which
 * cost the engine a start and two workflow tasks at every end: the bulk of 1,000 grants expiring together.
 */
export const REMOVAL_HELD_PATCH = 'access-request-holds-grant-removal';

export interface GrantContext {
  input: AccessRequestInput;
  p: ProcessTracker;
  tasks: HumanTasks;
  s: AccessState;
}

export async function tellRequester(c: GrantContext, what: string, title: LocalizedText, body: LocalizedText): Promise<void> {
  await acts.notify({ key: keyOf('notify', what), ...noticeTo(c, title, body) });
}

/** A notice to the requester, for tellRequester or for a step that sends it in its own transaction. */
export function noticeTo(c: GrantContext, title: LocalizedText, body: LocalizedText): NotificationRequest {
  return { subject: processSubject('access_request', c.input.requestId), recipients: [{ userId: c.input.requester.userId }], title, body };
}

/**
 * Holds an active grant until it expires (the clock started at enablement), is revoked early, or is cut
 * off (SYS-5). Reminds the holder before expiry; runs an extension's approvals alongside the clock, so
 * the grant still expires on time while an extension waits. Returns why the grant ended.
 */
export async function holdGrant(c: GrantContext): Promise<AccessEndReason> {
  const { s } = c;
  let extension: Promise<void> | null = null;
  let rounds = 0;
  let reason: AccessEndReason;
  for (;;) {
    const g = s.grant!;
    const version = s.version;
    const expiresAt = Date.parse(g.expiresAt);
    const remindAt = expiresAt - Math.min(c.input.settings.reminderBeforeMs, (expiresAt - Date.parse(g.startsAt)) / 2);
    await waitUntil(() => s.stop() !== null || s.extension !== null || s.version !== version, !s.reminded && remindAt > Date.now() ? remindAt : expiresAt);
    const stop = s.stop();
    if (stop) {
      reason = stop.reason;
      break;
    }
    if (s.extension) {
      const req = s.extension;
      s.extension = null;
      extension = runExtension(c, req, ++rounds);
      continue;
    }
    if (s.version !== version) continue;
    if (Date.now() >= expiresAt) {
      if (s.applyingExtension) await condition(() => !s.applyingExtension);
      if (s.version !== version) continue; // the extension landed just in time
      reason = 'expired';
      break;
    }
    if (!s.reminded && Date.now() >= remindAt) {
      await tellRequester(c, `reminder:${version}`, TITLES.accessExpiring, TITLES.accessExpiringBody);
      s.reminded = true;
    }
  }
  s.ended = true;
  c.tasks.closeAll(reason); // an extension still waiting for approval has nothing left to extend
  const by = s.stop()?.by;
  // Switched off by IT's hand: a run on this version opens IT's task with the end, in one transaction,
  // and holds it itself (REMOVAL_HELD_PATCH); older runs opened it for a workflow of its own.
  const removal = s.connector === 'manual' ? removalOf(c, reason, by?.by ?? null) : null;
  const held = removal !== null && applies(REMOVAL_HELD_PATCH);
  const removalTask = removal && (held || applies(ONE_WRITE_PER_STEP_PATCH)) ? itDisableTaskRecord(held ? workflowInfo().workflowId : removal.workflowId, removal.input) : undefined;
  const end: EndGrantInput = { key: keyOf('grant', 'end'), grantId: s.grant!.grantId, reason, by: by?.by ?? `system:access_request`, comment: by?.reason ?? null, ...(removalTask ? { removalTask } : {}) };
  if (held) {
    s.ending = { end, removal: { ...removal.input, opened: removalTask! } };
    // Nothing to wait for between this end and the request's (no directory, no webhook, no extension in
    // flight): finish() writes both in one transaction. Else the end now, and the request's after.
    if (!extension) return reason;
    await endAndHoldRemoval(c);
  } else await acts.endGrant(end);
  // Ended in the records; ended for the person once the directory no longer lists them. Retried with
  // back-off while the directory is down (the grant shows "removal pending" with the last error).
  if (s.enforced) {
    const { input } = c;
    await acts.deprovisionGrant({
      key: keyOf('grant', 'deprovision'), requestId: input.requestId, grantId: s.grant!.grantId, kind: input.kind, holderUserId: input.requester.userId,
      by: by?.by ?? 'system:access_request', group: s.enforced.group, entry: s.enforced.entry, reason,
    });
  }
  // The other systems (SYS-1, INF-6, AID-2): told of the end after the start, or IT switches it off by
  // hand; the grant shows "removal pending" until the receiver's 2xx or IT's "done".
  if (s.connector === 'webhook') {
    await s.enabledHook;
    await tellSystem(c, 'grant.ended');
  } else if (removal && !held) {
    await openItDisableTask(removal.workflowId, { ...removal.input, ...(removalTask ? { opened: removalTask } : {}) });
  }
  if (extension) await extension;
  return reason;
}

/**
 * Ends the grant in the write that opens IT's removal task (with `finish`, the request's end and last
 * notice too), then holds that task: live in this activation, as the inbox already shows it. The run
 * ends when IT has done it (finish() waits for s.removal).
 */
export async function endAndHoldRemoval(c: GrantContext, finish?: EndGrantInput['finish']): Promise<void> {
  const { end, removal } = c.s.ending!;
  await acts.endGrant({ ...end, ...(finish ? { finish } : {}) });
  c.s.ending = null;
  c.s.removal = removeByHand(c.tasks, removal);
}

/** IT's hand-removal of an ended grant (a kind with no connector): its input, and the workflow of its own older runs started. */
function removalOf(c: GrantContext, reason: AccessEndReason, by: string | null): { workflowId: string; input: ItDisableInput } {
  const { input, s } = c;
  const grantId = s.grant!.grantId;
  return {
    workflowId: `${accessRequestWorkflowId(input.requestId)}:grant-removal`,
    input: {
      process: 'access_request', processKey: input.requestId, step: 'it_disable', title: TITLES.disableAccess[input.kind], dueInMs: input.settings.stageDueMs,
      context: {
        subjectUserId: input.requester.userId, subjectEmployeeId: input.requester.employeeId, requestedBy: by,
        summary: { en: `Ended (${reason}): ${ACCESS_KIND_NAMES[input.kind].en}. Switch it off, then confirm`, zh: `已结束（${reason}）：${ACCESS_KIND_NAMES[input.kind].zh}。请关闭后确认` },
        details: { grantId, requestId: input.requestId, kind: input.kind, reason, resource: s.grant!.resource },
      },
      record: { what: 'grant', requestId: input.requestId, grantId, kind: input.kind, reason },
      // The holder, even one of IT, never reports their own access switched off (SYS-1, INF-6).
      excluded: [{ userId: input.requester.userId, reason: 'holder' }],
    },
  };
}

/** A Standard Webhooks delivery of the grant's start or end; the webhook id is the same on every try. */
export function tellSystem(c: GrantContext, type: 'grant.enabled' | 'grant.ended'): Promise<{ delivered: boolean }> {
  const grantId = c.s.grant!.grantId;
  const what = type === 'grant.enabled' ? 'enabled' : 'ended';
  return hookActs.deliverWebhook({
    key: keyOf('webhook', what), kind: c.input.kind, type, webhookId: `msg_${grantId.replace(/-/g, '')}_${what}`, requestId: c.input.requestId, grantId, by: 'system:access_request',
  });
}

async function runExtension(c: GrantContext, req: ExtendRequest, round: number): Promise<void> {
  const { s } = c;
  s.extensionPending = true;
  await c.p.step('extension', 'started', req.by, { extraMs: req.extraMs, round });
  const stages = ACCESS_STAGES[c.input.kind].filter((st) => st.repeatOnExtension);
  const r = await runStages(c.p, c.tasks, stages, c.input, { round, durationMs: req.extraMs, reason: req.reason });
  const extended = r.passed && !s.ended;
  if (extended) {
    s.applyingExtension = true;
    const expiresAt = new Date(Date.parse(s.grant!.expiresAt) + req.extraMs).toISOString();
    await acts.extendGrant({ key: keyOf('grant', 'extend', round), grantId: s.grant!.grantId, expiresAt, approvedBy: r.results.map((x) => x.decidedBy!) });
    s.grant = { ...s.grant!, expiresAt };
    s.reminded = false;
    s.version += 1;
    s.applyingExtension = false;
  }
  await c.p.step('extension', extended ? 'completed' : 'failed', null, { round });
  s.extensionPending = false;
  if (!s.ended) await tellRequester(c, `extension:${round}`, TITLES.extensionDecided, extended ? TITLES.accessApproved : TITLES.accessRejected);
}
