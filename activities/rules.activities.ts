import type { EventStore } from '../libs/domain/events/event-store.js';
import { currentRules } from '../libs/domain/onboarding/rules.js';
import { acknowledgeRules, type RulesAcknowledged } from '../libs/domain/onboarding/rules-acknowledgements.js';
import { employeeStatus } from '../libs/read-models/directory.js';

/** The yearly rules acknowledgement (EQ-5, SYS-3, SYS-4, AID-1): its text, and its record. */
export interface RulesActivities {
  /** The rules version and hash to acknowledge now, and where the employee stands: pending (not started yet), active, or gone (the cycle ends). */
  rulesCycle(i: { employeeId: string }): Promise<{ version: string; textHash: string; employee: 'pending' | 'active' | 'gone' }>;
  recordRulesAcknowledgement(i: { key: string } & RulesAcknowledged): Promise<void>;
}

export function createRulesActivities(events: EventStore): RulesActivities {
  return {
    rulesCycle: async ({ employeeId }) => {
      const status = await employeeStatus(events.dataSource, employeeId);
      return { ...currentRules(), employee: status === 'active' || status === 'pending' ? status : 'gone' };
    },
    recordRulesAcknowledgement: async ({ key, ...p }) => acknowledgeRules(events, { idempotencyKey: key }, p),
  };
}
