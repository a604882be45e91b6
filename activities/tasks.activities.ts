import type { EventStore } from '../libs/domain/events/event-store.js';
import { changeTaskAssignment, closeTask, decideTask, decideTaskAndStep, escalateTask, notify, openTask } from '../libs/domain/tasks/commands.js';
import type { TaskActivities } from './types.js';

/** The human-task step's side effects: the inbox read model and notifications. */
export function createTaskActivities(events: EventStore): TaskActivities {
  return {
    openTask: async ({ key, task }) => openTask(events, { idempotencyKey: key }, task),
    escalateTask: async ({ key, taskId, escalation, notify: n }) => escalateTask(events, { idempotencyKey: key }, { taskId, to: escalation, notify: n }),
    recordDecision: async ({ key, decision, step, next }) =>
      step || next
        ? decideTaskAndStep(events, { idempotencyKey: key }, { decision, ...(step ? { step: { ...step, detail: step.detail ?? {} } } : {}), ...(next ? { next } : {}) })
        : decideTask(events, { idempotencyKey: key }, decision),
    closeTask: async ({ key, taskId, status, reason }) => closeTask(events, { idempotencyKey: key }, { taskId, status, reason }),
    recordAssignment: async ({ key, taskId, action, by, assigneeUserId }) => changeTaskAssignment(events, { idempotencyKey: key }, { taskId, action, by, assigneeUserId }),
    notify: async ({ key, ...n }) => notify(events, { idempotencyKey: key }, n),
  };
}
