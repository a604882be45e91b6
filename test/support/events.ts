import type { DataSource } from 'typeorm';
import { EventStore } from '../../libs/domain/events/event-store.js';
import { ProjectorRegistry, type Projector } from '../../libs/domain/events/projector.js';

/** An event store with only the given projectors (none by default) and an optional fixed clock. */
export function testEventStore(ds: DataSource, opts: { projectors?: Projector[]; now?: () => Date } = {}): EventStore {
  return new EventStore(ds, new ProjectorRegistry(opts.projectors ?? []), opts.now);
}

/**
 * Runs SQL against event_log as its owner would when bypassing the append-only triggers (what an
 * attacker with database rights could do), so tests can prove that audit:verify notices.
 */
export async function tamperWithLog(ds: DataSource, sql: string, params: unknown[] = []): Promise<void> {
  await ds.transaction(async (m) => {
    await m.query('ALTER TABLE event_log DISABLE TRIGGER USER');
    await m.query(sql, params);
    await m.query('ALTER TABLE event_log ENABLE TRIGGER USER');
  });
}
