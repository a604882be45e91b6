import type { EventStore } from '../libs/domain/events/event-store.js';
import { createTaskCommands } from '../libs/domain/tasks/commands.js';
import type { TaskActivities } from './types.js';

/** The human-task step's side effects: the inbox read model and notifications. */
export function createTaskActivities(events: EventStore): TaskActivities {
  const tasks = createTaskCommands(events);
  return {
    openTask: async ({ key, task }) => tasks.open(key, task),
    escalateTask: async ({ key, taskId, escalation, notify }) => tasks.escalate(key, taskId, escalation, notify),
    recordDecision: async ({ key, decision }) => tasks.decide(key, decision),
    closeTask: async ({ key, taskId, status, reason }) => tasks.close(key, taskId, status, reason),
    recordAssignment: async ({ key, taskId, action, by, assigneeUserId }) => tasks.changeAssignment(key, taskId, action, by, assigneeUserId),
    notify: async ({ key, ...n }) => tasks.notify(key, n),
  };
}
