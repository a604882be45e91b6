import { beginDuty, recordDutyCompleted, recordDutyLate, recordDutyMissed } from '../libs/domain/duties/commands.js';
import type { EventStore } from '../libs/domain/events/event-store.js';
import type { DutyActivities } from './types.js';

/** The recurring duties' side effects (EQ-6): each call is one transaction, idempotent by its key. */
export function createDutyActivities(events: EventStore): DutyActivities {
  return {
    beginDuty: async ({ key, ...i }) => beginDuty(events, { idempotencyKey: key }, i),
    recordDutyLate: async ({ key, ...i }) => recordDutyLate(events, { idempotencyKey: key }, i),
    recordDutyCompleted: async ({ key, ...i }) => recordDutyCompleted(events, { idempotencyKey: key }, i),
    recordDutyMissed: async ({ key, ...i }) => recordDutyMissed(events, { idempotencyKey: key }, i),
  };
}
