import type { DataSource } from 'typeorm';
import type { EventStore } from '../libs/domain/events/event-store.js';

/** What every activity factory may depend on. Injected, never imported, so tests can supply real or fake. */
export interface ActivityDeps {
  dataSource: DataSource;
  events: EventStore;
}

/**
 * All activities, built from their dependencies (samples-typescript `activities-dependency-injection`).
 * Workflows type their proxies with ReturnType<typeof createActivities>.
 */
export function createActivities(_deps: ActivityDeps) {
  return {};
}

export type Activities = ReturnType<typeof createActivities>;
