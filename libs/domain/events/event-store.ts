import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { eventHash, GENESIS_HASH } from './canonical.js';
import type { ProjectorRegistry } from './projector.js';
import type { NewEvent, ProjectedEvent, StoredEvent } from './types.js';

/** One lock id for the tail of the chain; held only from the append to the commit. */
const EVENT_LOG_TAIL_LOCK = 724300;

export interface Actor {
  /** A user id, or "system:<component>" for the workflows' own automatic steps (expiry, escalation). */
  id: string;
}

/**
 * A domain transaction: read-model changes and the events that explain them commit together or not at
 * all. `emit` projects the event at once (so later reads in the same transaction see it) and queues
 * it; the queue is appended to the log at the very end, right before commit, so the chain's tail lock
 * is held for as short a time as possible.
 */
export class UnitOfWork {
  readonly pending: ProjectedEvent[] = [];
  constructor(
    readonly manager: EntityManager,
    readonly actor: Actor,
    private readonly projectors: ProjectorRegistry,
    private readonly now: () => Date,
  ) {}

  async emit<P extends object>(event: NewEvent<P>): Promise<ProjectedEvent<P>> {
    const e: ProjectedEvent<P> = {
      ...event,
      eventId: randomUUID(),
      actor: this.actor.id,
      occurredAt: this.now().toISOString(),
    };
    await this.projectors.apply(this.manager, e as ProjectedEvent);
    this.pending.push(e as ProjectedEvent);
    return e;
  }
}

export interface ExecuteOptions {
  actor: Actor;
  /**
   * Makes the command idempotent: a second execution with the same key (a retried activity, a
   * double-clicked button) returns the first result and emits nothing.
   */
  idempotencyKey?: string;
}

export class EventStore {
  constructor(
    readonly dataSource: DataSource,
    readonly projectors: ProjectorRegistry,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute<T>(opts: ExecuteOptions, fn: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      if (opts.idempotencyKey) {
        // The unique key serialises concurrent duplicates: the second insert waits for the first
        // transaction, then conflicts and reads the stored answer.
        const inserted: unknown[] = await manager.query(
          `INSERT INTO command_results (key) VALUES ($1) ON CONFLICT (key) DO NOTHING RETURNING key`,
          [opts.idempotencyKey],
        );
        if (inserted.length === 0) {
          const [row] = await manager.query(`SELECT result FROM command_results WHERE key = $1`, [opts.idempotencyKey]);
          return row?.result as T;
        }
      }
      const uow = new UnitOfWork(manager, opts.actor, this.projectors, this.now);
      const result = await fn(uow);
      await appendEvents(manager, uow.pending);
      if (opts.idempotencyKey) {
        await manager.query(`UPDATE command_results SET result = $2 WHERE key = $1`, [opts.idempotencyKey, JSON.stringify(result ?? null)]);
      }
      return result;
    });
  }
}

/** Appends to the chain inside the caller's transaction. Exported for the bulk seeding path. */
export async function appendEvents(manager: EntityManager, events: ProjectedEvent[]): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  await manager.query('SELECT pg_advisory_xact_lock($1)', [EVENT_LOG_TAIL_LOCK]);
  const [tail] = await manager.query(`SELECT seq, hash FROM event_log ORDER BY seq DESC LIMIT 1`);
  let seq = tail ? Number(tail.seq) : 0;
  let prevHash: string = tail ? tail.hash : GENESIS_HASH;
  const stored: StoredEvent[] = events.map((e) => {
    seq += 1;
    const hash = eventHash({ ...e, seq, prevHash });
    const s: StoredEvent = { ...e, seq, prevHash, hash };
    prevHash = hash;
    return s;
  });
  const cols = 9;
  const params: unknown[] = [];
  const rows = stored.map((s, i) => {
    params.push(s.seq, s.eventId, s.subject, s.type, s.actor, JSON.stringify(s.payload), s.occurredAt, s.prevHash, s.hash);
    return `(${Array.from({ length: cols }, (_, j) => `$${i * cols + j + 1}`).join(',')})`;
  });
  await manager.query(
    `INSERT INTO event_log (seq, event_id, subject, type, actor, payload, occurred_at, prev_hash, hash) VALUES ${rows.join(',')}`,
    params,
  );
  return stored;
}
