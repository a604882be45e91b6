import { beginDuty, recordDutyAssignment, recordDutyCompleted, recordDutyLate, recordDutyMissed } from '../libs/domain/duties/commands.js';
import type { DutyAssignmentRecorded } from '../libs/domain/duties/events.js';
import { activeAgents } from '../libs/read-models/duties.js';
import type { EventStore } from '../libs/domain/events/event-store.js';
import { recordHazardFixed, reportHazard } from '../libs/domain/hazards/commands.js';
import type { HazardReported } from '../libs/domain/hazards/events.js';
import type { HazardFix } from '../libs/policy/hazards.js';
import type { DutyActivities, Keyed } from './types.js';

/** DEFAULT_TIME_ZONE's own default (libs/config/config.ts), for a worker built without the setting. */
export const DEFAULT_DUTY_TIME_ZONE = 'Asia/Shanghai';

/** EQ-2, EQ-4: a hazard reported (idempotent by hazard) and its fix recorded. Proxied by workflows/hazard.workflow.ts. */
export interface HazardActivities {
  reportHazard(i: Keyed & HazardReported): Promise<{ hazardId: string; reported: boolean }>;
  recordHazardFixed(i: Keyed & HazardFix): Promise<void>;
}

/** EQ-4, INF-11(4): the agents a per-agent duty fans out to, and each one's part recorded. Proxied by workflows/duty-occurrence.workflow.ts. */
export interface DutyFanOutActivities {
  listActiveAgents(i: Record<string, never>): Promise<{ userId: string }[]>;
  recordDutyAssignment(i: Keyed & DutyAssignmentRecorded): Promise<void>;
}

/** The recurring duties' side effects (EQ-6 and the duties after it) and the hazards found on them: each call is one transaction, idempotent by its key. */
export function createDutyActivities(events: EventStore, timeZone: string): DutyActivities & HazardActivities & DutyFanOutActivities {
  return {
    beginDuty: async ({ key, ...i }) => beginDuty(events, { idempotencyKey: key }, { ...i, timeZone }),
    recordDutyLate: async ({ key, ...i }) => recordDutyLate(events, { idempotencyKey: key }, i),
    recordDutyCompleted: async ({ key, ...i }) => recordDutyCompleted(events, { idempotencyKey: key }, i),
    recordDutyMissed: async ({ key, ...i }) => recordDutyMissed(events, { idempotencyKey: key }, i),
    reportHazard: async ({ key, ...i }) => reportHazard(events, { idempotencyKey: key }, i),
    recordHazardFixed: async ({ key, ...i }) => recordHazardFixed(events, { idempotencyKey: key }, i),
    listActiveAgents: async () => activeAgents(events.dataSource),
    recordDutyAssignment: async ({ key, ...i }) => recordDutyAssignment(events, { idempotencyKey: key }, i),
  };
}
