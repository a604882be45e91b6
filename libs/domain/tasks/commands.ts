import type { AccessKind, AssignmentAction, NotificationRequest, RoleScope, TaskDecision, TaskRecord } from '../../policy/index.js';
import type { ClauseId } from '../../policy/clauses.js';
import { command } from '../command.js';
import type { UnitOfWork } from '../events/event-store.js';
import { sendNotification } from '../notifications/notifications.js';
import { queueMail } from '../mail/mail.js';
import { taskMailBody, webPathOf } from '../../policy/mail.js';
import { clausesOf, processClauses } from '../processes/process-clauses.js';
import { recordProcessStep, type ProcessStepRecorded } from '../processes/processes.js';
import { TaskEvents, taskSubject, type TaskAssignmentChanged, type TaskClosed, type TaskEscalated } from './events.js';

/** The workflows' own automatic steps on tasks (escalation, expiry, cancellation). */
export const WORKFLOW_ACTOR = 'system:workflow';

/** A task serves the rule of the process step it belongs to (an approval stage, a return, a signature). */
async function taskClauses(uow: UnitOfWork, taskId: string): Promise<ClauseId[]> {
  // One read: the task and, for an access request's task, its kind.
  const [t]: { process: TaskRecord['process']; process_key: string; step: string; kind: AccessKind | null }[] = await uow.manager.query(
    `SELECT t.process, t.process_key, t.step, a.kind FROM tasks t LEFT JOIN access_requests a ON t.process = 'access_request' AND a.id::text = t.process_key WHERE t.id = $1`,
    [taskId],
  );
  return t ? clausesOf(t.process, t.process_key, t.step, t.kind) : [];
}

/*
 * Commands on the task read model, each one transaction and idempotent by key (the activity's
 * `${workflowId}:${step}`): a retried activity returns without a second event. The actor follows from
 * the input; database errors pass through so the activity retries (command.ts).
 */
const workflowStep = { actor: () => WORKFLOW_ACTOR, translateErrors: false };

export const openTask = command(async (uow, task: TaskRecord) => {
  await uow.emit({ subject: taskSubject(task.taskId), type: TaskEvents.opened, payload: task, clauses: await processClauses(uow.manager, task.process, task.processKey, task.step) });
  // Mail to the assignee, else the candidates (never to those the task's rule excludes), sent at once.
  const recipients = task.assigneeUserId ? [{ userId: task.assigneeUserId }] : task.candidate ? [task.candidate] : [];
  await queueMail(uow, {
    sourceId: taskSubject(task.taskId), subject: taskSubject(task.taskId), kind: 'task', title: task.title, body: taskMailBody(task.context?.summary ?? task.title, task.context?.details ?? {}),
    path: webPathOf(taskSubject(task.taskId)), recipients, excludedUserIds: (task.excluded ?? []).map((x) => x.userId),
    // Each person's mail leads them to the task by a link of their own that expires with it.
    decisionLink: { taskId: task.taskId, expiresAt: task.deadlineAt },
  });
}, workflowStep);

export const escalateTask = command(async (uow, i: { taskId: string; to: RoleScope; notify: NotificationRequest }) => {
  await uow.emit<TaskEscalated>({ subject: taskSubject(i.taskId), type: TaskEvents.escalated, payload: { taskId: i.taskId, ...i.to }, clauses: await taskClauses(uow, i.taskId) });
  await sendNotification(uow, i.notify, 'escalation');
}, workflowStep);

/** Who, when, outcome and comment: the actor of the event is the person who decided. */
export const decideTask = command(async (uow, d: TaskDecision) => {
  await uow.emit({ subject: taskSubject(d.taskId), type: TaskEvents.decided, payload: d, clauses: await taskClauses(uow, d.taskId) });
}, { actor: (d) => d.decidedBy, translateErrors: false });

/**
 * A decision, the process step it settles (both by the person who decided) and the task it leads to (the
 * next approval stage, opened by the workflow as every task is), in one transaction.
 */
export const decideTaskAndStep = command(async (uow, i: { decision: TaskDecision; step?: ProcessStepRecorded; next?: TaskRecord }) => {
  await decideTask.inUow(uow, i.decision);
  if (i.step) await recordProcessStep.inUow(uow, i.step);
  const { next } = i;
  if (next) await uow.actingAs({ id: WORKFLOW_ACTOR }, () => openTask.inUow(uow, next));
}, { actor: (i) => i.decision.decidedBy, translateErrors: false });

export const closeTask = command(async (uow, i: { taskId: string; status: TaskClosed['status']; reason: string }) => {
  await uow.emit<TaskClosed>({ subject: taskSubject(i.taskId), type: TaskEvents.closed, payload: { taskId: i.taskId, status: i.status, reason: i.reason }, clauses: await taskClauses(uow, i.taskId) });
}, workflowStep);

export const changeTaskAssignment = command(async (uow, i: { taskId: string; action: AssignmentAction; by: string; assigneeUserId: string | null }) => {
  await uow.emit<TaskAssignmentChanged>({ subject: taskSubject(i.taskId), type: TaskEvents.assignmentChanged, payload: { taskId: i.taskId, action: i.action, by: i.by, assigneeUserId: i.assigneeUserId }, clauses: await taskClauses(uow, i.taskId) });
}, { actor: (i) => i.by, translateErrors: false });

export const notify = command((uow, n: NotificationRequest) => sendNotification(uow, n), workflowStep);
