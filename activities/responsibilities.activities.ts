import type { EventStore } from '../libs/domain/events/event-store.js';
import { responsibilityKeysHeldBy } from '../libs/read-models/responsibilities.js';

/** The named owners register as the offboarding sees it (EQ-1, EQ-3, INF-9). A read: no key, safe to retry. */
export interface ResponsibilityActivities {
  /** The responsibilities the leaver is still named for, as owner or deputy; empty once all are handed on. */
  responsibilitiesHeldBy(i: { userId: string }): Promise<{ keys: string[] }>;
}

export function createResponsibilityActivities(events: EventStore): ResponsibilityActivities {
  return {
    responsibilitiesHeldBy: async ({ userId }) => ({ keys: await responsibilityKeysHeldBy(events.dataSource, userId) }),
  };
}
