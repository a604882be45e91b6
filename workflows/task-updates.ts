import { ApplicationFailure, condition, setHandler, uuid4 } from '@temporalio/workflow';
import { type TaskRejection } from '../libs/policy/errors.js';
import { changeAssignmentUpdate, decideTaskUpdate } from '../libs/policy/messages.js';
import { checkAssignment, checkDecision, type TaskAuthority } from '../libs/policy/task-rules.js';
import { type AssignmentResult, type ChangeAssignmentArgs, type DecideTaskArgs, type TaskDecision } from '../libs/policy/tasks.js';
import { acts, keyOf } from './activities.js';
import { unauthenticated, type UpdateStamps } from './update-stamps.js';

/** A task the workflow is waiting on, with what its validators need to know. */
export interface LiveTask extends TaskAuthority {
  taskId: string;
  /** The person the process named (kept when a claim is released). */
  namedAssignee: string | null;
  dueAt: number;
  claimedBy: string | null;
  decision: TaskDecision | null;
  recorded: boolean;
  cancelReason: string | null;
  /** Follows the process's end (HumanTaskSpec.afterEnd): closeAll spares it. */
  afterEnd: boolean;
}

const refuse = (r: TaskRejection): never => {
  throw ApplicationFailure.create({ type: r.code, message: r.message, nonRetryable: true });
};

const malformed = (args: { taskId?: unknown; actor?: { userId?: unknown; roles?: unknown } } | undefined): TaskRejection | null =>
  !args || typeof args.taskId !== 'string' || !args.actor || typeof args.actor.userId !== 'string' || !Array.isArray(args.actor.roles)
    ? { code: 'VALIDATION_FAILED', message: 'taskId and actor { userId, roles, departmentId } are required' }
    : null;

/**
 * The decision and assignment Updates for every task of one workflow. Validators refuse, before anything
 * reaches history: a payload Custodian did not send (unauthenticated, or a replayed copy: update-stamps.ts),
 * a malformed payload, a task already decided, a separation-of-duties breach, an actor
 * who may not act. An accepted decision is claimed synchronously (so a second one is refused at once)
 * and answered when the task's main flow has recorded it.
 */
export function installTaskUpdates(live: Map<string, LiveTask>, finished: Set<string>, stamps: UpdateStamps): void {
  const find = (taskId: string): LiveTask => {
    const t = live.get(taskId);
    if (t) return t;
    if (finished.has(taskId)) return refuse({ code: 'ALREADY_DECIDED', message: 'this task is already decided or closed' });
    return refuse({ code: 'NOT_FOUND', message: `task ${taskId} is not open in this process` });
  };

  setHandler(
    decideTaskUpdate,
    async (args: DecideTaskArgs): Promise<TaskDecision> => {
      stamps.remember(args);
      const t = find(args.taskId);
      t.open = false;
      t.decision = {
        taskId: t.taskId,
        outcome: args.outcome,
        decidedBy: args.actor.userId,
        decidedAt: new Date().toISOString(),
        comment: args.comment?.trim() || null,
        data: args.data ?? {},
      };
      await condition(() => t.recorded);
      return t.decision;
    },
    {
      validator: (args) => {
        const forged = unauthenticated(args) ?? malformed(args) ?? stamps.check(args);
        if (forged) refuse(forged);
        const t = find(args.taskId);
        // Cancelled (revoked, cut off, SYS-5) but not yet closed by the main flow: a late "approve" or
        // "enabled" must not slip in. A refused Update leaves no history, so this is replay-safe.
        if (t.cancelReason !== null) refuse({ code: 'ALREADY_DECIDED', message: `this task was cancelled: ${t.cancelReason}` });
        const bad = checkDecision(t, args);
        if (bad) refuse(bad);
      },
    },
  );

  setHandler(
    changeAssignmentUpdate,
    async (args: ChangeAssignmentArgs): Promise<AssignmentResult> => {
      stamps.remember(args);
      const t = find(args.taskId);
      const to = args.action === 'claim' ? args.actor.userId : args.action === 'reassign' ? (args.toUserId ?? args.to?.userId)! : null;
      t.claimedBy = args.action === 'claim' ? args.actor.userId : null;
      t.assigneeUserId = to ?? t.namedAssignee;
      await acts.recordAssignment({ key: keyOf('task', t.taskId, args.action, uuid4()), taskId: t.taskId, action: args.action, by: args.actor.userId, assigneeUserId: t.assigneeUserId });
      return { taskId: t.taskId, assigneeUserId: t.assigneeUserId };
    },
    {
      validator: (args) => {
        const forged = unauthenticated(args) ?? malformed(args) ?? stamps.check(args);
        if (forged) refuse(forged);
        const t = find(args.taskId);
        const bad = checkAssignment(t, t.claimedBy, args);
        if (bad) refuse(bad);
      },
    },
  );
}
