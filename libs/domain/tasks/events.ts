import type { AssignmentAction, RoleScope, TaskDecision, TaskRecord } from '../../policy/index.js';

/** Events of the human-task read model (the payloads carry every value the projection needs). */
export const TaskEvents = {
  opened: 'task.opened',
  escalated: 'task.escalated',
  assignmentChanged: 'task.assignment_changed',
  decided: 'task.decided',
  closed: 'task.closed',
} as const;

export type TaskOpened = TaskRecord;
export interface TaskEscalated extends RoleScope {
  taskId: string;
}
export interface TaskAssignmentChanged {
  taskId: string;
  action: AssignmentAction;
  by: string;
  assigneeUserId: string | null;
}
export type TaskDecided = TaskDecision;
export interface TaskClosed {
  taskId: string;
  status: 'expired' | 'cancelled';
  reason: string;
}

export const taskSubject = (taskId: string): string => `task:${taskId}`;
