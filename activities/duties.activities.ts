import { beginDuty, recordDutyCompleted, recordDutyLate, recordDutyMissed } from '../libs/domain/duties/commands.js';
import type { EventStore } from '../libs/domain/events/event-store.js';
import type { DutyActivities } from './types.js';

/** DEFAULT_TIME_ZONE's own default (libs/config/config.ts), for a worker built without the setting. */
export const DEFAULT_DUTY_TIME_ZONE = 'Asia/Shanghai';

/** The recurring duties' side effects (EQ-6): each call is one transaction, idempotent by its key. */
export function createDutyActivities(events: EventStore, timeZone: string): DutyActivities {
  return {
    beginDuty: async ({ key, ...i }) => beginDuty(events, { idempotencyKey: key }, { ...i, timeZone }),
    recordDutyLate: async ({ key, ...i }) => recordDutyLate(events, { idempotencyKey: key }, i),
    recordDutyCompleted: async ({ key, ...i }) => recordDutyCompleted(events, { idempotencyKey: key }, i),
    recordDutyMissed: async ({ key, ...i }) => recordDutyMissed(events, { idempotencyKey: key }, i),
  };
}
