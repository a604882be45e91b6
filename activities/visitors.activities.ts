import type { DataSource } from 'typeorm';
import type { EventStore } from '../libs/domain/events/event-store.js';
import { purgeVisit } from '../libs/domain/visitors/commands.js';
import type { VisitorPurgeOutcome } from '../libs/policy/visitors.js';
import { visitsDueForPurge } from '../libs/read-models/visitors.js';

const BATCH = 200;
const DAY_MS = 86_400_000;

export interface VisitorActivityDeps {
  dataSource: DataSource;
  events: EventStore;
  /** VISITOR_RETENTION_DAYS: the worker's setting, so a scheduled run (which has no arguments) needs none. */
  retentionDays: number;
}

export interface VisitorActivities {
  /**
   * Crypto-shreds every visit that ended more than the retention period before `at` (the workflow's
   * time): one transaction per visit (its key deleted, visitor.personal_data_purged appended), so a
   * retry after a crash goes on where it stopped and purges nothing twice.
   */
  purgeExpiredVisitors(i: { at: string }): Promise<VisitorPurgeOutcome>;
}

export function createVisitorActivities(deps: VisitorActivityDeps): VisitorActivities {
  return {
    async purgeExpiredVisitors({ at }) {
      const cutoff = new Date(new Date(at).getTime() - deps.retentionDays * DAY_MS);
      let purged = 0;
      for (;;) {
        const due = await visitsDueForPurge(deps.dataSource, cutoff, BATCH);
        if (due.length === 0) break;
        for (const visitId of due) {
          if ((await purgeVisit(deps.events, { idempotencyKey: `visitor-purge:${visitId}` }, { visitId, retentionDays: deps.retentionDays, cutoff: cutoff.toISOString() })).purged) purged += 1;
        }
      }
      return { purged, cutoff: cutoff.toISOString() };
    },
  };
}
