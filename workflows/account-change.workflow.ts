import { ActivityFailure, allHandlersFinished, ApplicationFailure, condition } from '@temporalio/workflow';
import { type AccountChangeInput, type AccountChangeResult } from '../libs/policy/account-change.js';
import { type Exclusion } from '../libs/policy/tasks.js';
import { TITLES } from '../libs/policy/titles.js';
import { acts, beginRun, keyOf } from './activities.js';
import { HumanTasks } from './human-task.js';
import { refuseUnauthenticatedInput } from './update-stamps.js';

/**
 * Four eyes on power (INF-9 named owners; SYS-1, INF-6, INF-12 separation of duties): a privileged
 * account change (a privileged role granted, another person's password set) waits for a second
 * authorised person's approval in the inbox. The requester and the account concerned may not approve
 * it. Approved: applied in one idempotent activity; rejected or expired: nothing changes. A password
 * never enters this workflow: its hash waits in the database under the request id.
 */
export async function accountChangeWorkflow(input: AccountChangeInput): Promise<AccountChangeResult> {
  refuseUnauthenticatedInput(input); // a start sent without Custodian's key fails here, having written nothing
  beginRun();
  const { requestId, requestedBy, change } = input;
  const tasks = new HumanTasks('account_change', requestId);
  const finish = async (status: AccountChangeResult['status'], decidedBy: string | null, userId: string | null): Promise<AccountChangeResult> => {
    await acts.notify({ key: keyOf('notify', status), subject: `account-change:${requestId}`, recipients: [{ userId: requestedBy }], title: TITLES.accountChangeDone, body: TITLES.accountChangeDone });
    await condition(allHandlersFinished);
    return { requestId, status, decidedBy, userId };
  };

  await acts.recordAccountChangeRequest({ key: keyOf('requested'), requestId, requestedBy, approverRole: input.approverRole, change });
  const excluded: Exclusion[] = [{ userId: requestedBy, reason: 'requester' }];
  if (input.subjectUserId && input.subjectUserId !== requestedBy) excluded.push({ userId: input.subjectUserId, reason: 'subject' });
  const r = await tasks.run({
    step: 'account_change_approval', kind: 'approval', title: TITLES.accountChange,
    candidate: { role: input.approverRole, departmentId: null },
    escalation: { role: input.escalationRole, departmentId: null, mayDecide: false },
    dueInMs: input.settings.dueMs, deadlineInMs: input.settings.deadlineMs, excluded,
    context: { subjectUserId: input.subjectUserId, subjectEmployeeId: null, requestedBy, summary: input.summary, details: { requestId, ...input.details } },
  });

  if (r.outcome !== 'approve') {
    const status = r.outcome === 'reject' ? 'rejected' : 'expired';
    await acts.closeAccountChange({ key: keyOf('closed'), requestId, status, by: r.decidedBy, reason: r.comment });
    return finish(status, r.decidedBy, null);
  }
  try {
    const { userId } = await acts.applyAccountChange({ key: keyOf('applied'), requestId, requestedBy, approvedBy: r.decidedBy!, change });
    return finish('applied', r.decidedBy, userId);
  } catch (e) {
    // A permanent refusal (the username was taken meanwhile, the account is gone): recorded, nothing applied.
    if (!(e instanceof ActivityFailure) || !(e.cause instanceof ApplicationFailure)) throw e;
    await acts.closeAccountChange({ key: keyOf('failed'), requestId, status: 'failed', by: r.decidedBy, reason: e.cause.message });
    return finish('failed', r.decidedBy, null);
  }
}
