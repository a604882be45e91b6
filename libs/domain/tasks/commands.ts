import type { AssignmentAction, NotificationRequest, RoleScope, TaskDecision, TaskRecord } from '../../policy/index.js';
import type { ClauseId } from '../../policy/clauses.js';
import type { EventStore, UnitOfWork } from '../events/event-store.js';
import { sendNotification } from '../notifications/notifications.js';
import { processClauses } from '../processes/process-clauses.js';
import { TaskEvents, taskSubject, type TaskAssignmentChanged, type TaskClosed, type TaskEscalated } from './events.js';

/** The workflows' own automatic steps on tasks (escalation, expiry, cancellation). */
export const WORKFLOW_ACTOR = 'system:workflow';

/** A task serves the rule of the process step it belongs to (an approval stage, a return, a signature). */
async function taskClauses(uow: UnitOfWork, taskId: string): Promise<ClauseId[]> {
  const [t]: { process: TaskRecord['process']; process_key: string; step: string }[] = await uow.manager.query(`SELECT process, process_key, step FROM tasks WHERE id = $1`, [taskId]);
  return t ? processClauses(uow.manager, t.process, t.process_key, t.step) : [];
}

/**
 * Commands on the task read model, each one transaction and idempotent by key (the activity's
 * `${workflowId}:${step}`): a retried activity returns without a second event.
 */
export function createTaskCommands(events: EventStore) {
  return {
    open: (key: string, task: TaskRecord) =>
      events.execute({ actor: { id: WORKFLOW_ACTOR }, idempotencyKey: key }, async (uow) => {
        await uow.emit({ subject: taskSubject(task.taskId), type: TaskEvents.opened, payload: task, clauses: await processClauses(uow.manager, task.process, task.processKey, task.step) });
      }),

    escalate: (key: string, taskId: string, to: RoleScope, notify: NotificationRequest) =>
      events.execute({ actor: { id: WORKFLOW_ACTOR }, idempotencyKey: key }, async (uow) => {
        await uow.emit<TaskEscalated>({ subject: taskSubject(taskId), type: TaskEvents.escalated, payload: { taskId, ...to }, clauses: await taskClauses(uow, taskId) });
        await sendNotification(uow, notify);
      }),

    /** Who, when, outcome and comment: the actor of the event is the person who decided. */
    decide: (key: string, d: TaskDecision) =>
      events.execute({ actor: { id: d.decidedBy }, idempotencyKey: key }, async (uow) => {
        await uow.emit({ subject: taskSubject(d.taskId), type: TaskEvents.decided, payload: d, clauses: await taskClauses(uow, d.taskId) });
      }),

    close: (key: string, taskId: string, status: TaskClosed['status'], reason: string) =>
      events.execute({ actor: { id: WORKFLOW_ACTOR }, idempotencyKey: key }, async (uow) => {
        await uow.emit<TaskClosed>({ subject: taskSubject(taskId), type: TaskEvents.closed, payload: { taskId, status, reason }, clauses: await taskClauses(uow, taskId) });
      }),

    changeAssignment: (key: string, taskId: string, action: AssignmentAction, by: string, assigneeUserId: string | null) =>
      events.execute({ actor: { id: by }, idempotencyKey: key }, async (uow) => {
        await uow.emit<TaskAssignmentChanged>({ subject: taskSubject(taskId), type: TaskEvents.assignmentChanged, payload: { taskId, action, by, assigneeUserId }, clauses: await taskClauses(uow, taskId) });
      }),

    notify: (key: string, n: NotificationRequest) =>
      events.execute({ actor: { id: WORKFLOW_ACTOR }, idempotencyKey: key }, async (uow) => sendNotification(uow, n)),
  };
}

export type TaskCommands = ReturnType<typeof createTaskCommands>;
