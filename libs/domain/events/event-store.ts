import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { normalizeClauses } from '../../policy/clauses.js';
import { eventHash, GENESIS_HASH } from './canonical.js';
import type { ProjectorRegistry } from './projector.js';
import type { NewEvent, ProjectedEvent, StoredEvent } from './types.js';

/** One lock id for the tail of the chain; held only from the append to the commit. */
export const EVENT_LOG_TAIL_LOCK = 724300;

/**
 * Commands hold this shared, a read-model rebuild exclusive. Taken first by both, so a rebuild waits
 * for the commands under way and new ones wait for the rebuild, and no deadlock is possible (each side
 * takes it before touching any table).
 */
export const PROJECTION_GATE_LOCK = 724302;

/** 10 parameters a row; PostgreSQL allows 65535 parameters a statement, so bulk appends go in chunks. */
const INSERT_CHUNK = 1000;

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
  private acting: Actor | null = null;
  constructor(
    readonly manager: EntityManager,
    readonly actor: Actor,
    private readonly projectors: ProjectorRegistry,
    private readonly now: () => Date,
  ) {}

  async emit<P extends object>(event: NewEvent<P>): Promise<ProjectedEvent<P>> {
    const e: ProjectedEvent<P> = {
      subject: event.subject,
      type: event.type,
      // The live projection must see exactly what a rebuild will read back from the jsonb column
      // (a Date becomes its ISO string, undefined disappears), or rebuilt read models could differ.
      payload: JSON.parse(JSON.stringify(event.payload)) as P,
      // Checked at run time too (a cast can slip past the type) and stored in one canonical order.
      clauses: normalizeClauses(event.clauses),
      eventId: randomUUID(),
      actor: (this.acting ?? this.actor).id,
      occurredAt: this.now().toISOString(),
    };
    await this.projectors.apply(this.manager, e as ProjectedEvent);
    this.pending.push(e as ProjectedEvent);
    return e;
  }

  /**
   * Runs another command's body in this transaction under that command's own actor (a request's first
   * task is opened by the workflow, in the transaction that records the request).
   */
  async actingAs<T>(actor: Actor, body: () => Promise<T>): Promise<T> {
    const outer = this.acting;
    this.acting = actor;
    try {
      return await body();
    } finally {
      this.acting = outer;
    }
  }
}

export interface ExecuteOptions {
  actor: Actor;
  /**
   * Makes the command idempotent: a second execution with the same key (a retried activity, a
   * double-clicked button) returns the first result and emits nothing. The result must be JSON; both
   * the first and every later call return its JSON form, so a retry cannot see a different shape.
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
      await manager.query('SELECT pg_advisory_xact_lock_shared($1)', [PROJECTION_GATE_LOCK]);
      if (opts.idempotencyKey) {
        // The unique key serialises concurrent duplicates: the second insert waits for the first
        // transaction, then conflicts and reads the stored answer (or, if the first rolled back,
        // inserts and runs the command itself). A failed command stores nothing, so it can be retried.
        const inserted: unknown[] = await manager.query(
          `INSERT INTO command_results (key) VALUES ($1) ON CONFLICT (key) DO NOTHING RETURNING key`,
          [opts.idempotencyKey],
        );
        if (inserted.length === 0) {
          const [row] = await manager.query(`SELECT result FROM command_results WHERE key = $1`, [opts.idempotencyKey]);
          return (row?.result as { value?: T } | null)?.value as T;
        }
      }
      const uow = new UnitOfWork(manager, opts.actor, this.projectors, this.now);
      let result = await fn(uow);
      if (opts.idempotencyKey) {
        // Wrapped so that `undefined` survives the round trip. Written before the append: everything
        // that does not need the chain's tail happens before its lock is taken.
        const stored = JSON.stringify({ value: result });
        result = (JSON.parse(stored) as { value: Awaited<T> }).value;
        await manager.query(`UPDATE command_results SET result = $2 WHERE key = $1`, [opts.idempotencyKey, stored]);
      }
      await appendEvents(manager, uow.pending);
      return result;
    });
  }
}

/**
 * Appends to the chain inside the caller's transaction, which must be READ COMMITTED (the default) so
 * the tail read after the lock sees the last commit. Exported for the bulk seeding path; call it last,
 * right before commit.
 *
 * Throughput trade-off: a hash chain has one tail, so appends are serialised by a transaction-scoped
 * advisory lock that only COMMIT releases. Each appending transaction holds it for two round trips
 * (tail read, insert), the hashing of its events (microseconds) and its commit (a WAL flush), so the
 * log takes at most about 1 / (2 RTT + flush) appending transactions a second however many
 * connections write, and group commit cannot help. Measured on the 2-core development VM (embedded
 * PostgreSQL, fsync on, flush about 5 ms): ~140 a second with 20 writers, against ~250 for unchained
 * commits; a server SSD with sub-millisecond flushes passes a thousand. A call center's workflows
 * produce a few a second at peak. To keep the window that short, everything that does not need the
 * tail happens before the lock (projections, idempotency bookkeeping, serialising payloads), and a
 * command's events share one lock and one multi-row insert. The alternative, an unchained log sealed
 * later by a background job, removes the bottleneck but leaves committed events unprotected for a
 * while; we prefer the simple guarantee.
 */
export async function appendEvents(manager: EntityManager, events: ProjectedEvent[]): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  const started = performance.now();
  const payloads = events.map((e) => JSON.stringify(e.payload));
  await manager.query('SELECT pg_advisory_xact_lock($1)', [EVENT_LOG_TAIL_LOCK]);
  const [tail]: { seq: string | null; hash: string | null; isolation: string }[] = await manager.query(
    `SELECT current_setting('transaction_isolation') AS isolation, t.seq, t.hash
       FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT seq, hash FROM event_log ORDER BY seq DESC LIMIT 1) t ON true`,
  );
  if (tail.isolation !== 'read committed') {
    // A snapshot taken before the lock could miss the last commit; the chain guard trigger would refuse
    // the insert anyway, but this says why.
    throw new Error(`appendEvents needs a READ COMMITTED transaction, not ${tail.isolation}`);
  }
  let seq = tail.seq === null ? 0 : Number(tail.seq);
  let prevHash = tail.hash ?? GENESIS_HASH;
  const stored: StoredEvent[] = events.map((e) => {
    // Every event appended from now on names its clauses (the column's NULL is kept for older rows only).
    if (!Array.isArray(e.clauses)) throw new Error(`event ${e.type} has no clauses: say which clauses of docs/policy.md it serves ([] for none)`);
    seq += 1;
    const hash = eventHash({ ...e, seq, prevHash });
    const s: StoredEvent = { ...e, seq, prevHash, hash };
    prevHash = hash;
    return s;
  });
  for (let i = 0; i < stored.length; i += INSERT_CHUNK) {
    await insertRows(manager, stored.slice(i, i + INSERT_CHUNK), payloads.slice(i, i + INSERT_CHUNK));
  }
  for (const observe of appendObservers) observe((performance.now() - started) / 1000, stored.length);
  return stored;
}

/** Seconds from asking for the tail lock to the rows inserted (the wait on other appenders included), and how many events. */
export type AppendObserver = (seconds: number, events: number) => void;
const appendObservers = new Set<AppendObserver>();

/** For the metrics (README "Metrics"): called after every append; returns the function that stops it. */
export function observeEventAppends(observe: AppendObserver): () => void {
  appendObservers.add(observe);
  return () => void appendObservers.delete(observe);
}

async function insertRows(manager: EntityManager, rows: StoredEvent[], payloads: string[]): Promise<void> {
  const cols = 10;
  const params: unknown[] = [];
  const values = rows.map((s, i) => {
    params.push(s.seq, s.eventId, s.subject, s.type, s.actor, payloads[i], s.occurredAt, s.prevHash, s.hash, s.clauses);
    return `(${Array.from({ length: cols }, (_, j) => `$${i * cols + j + 1}`).join(',')})`;
  });
  await manager.query(
    `INSERT INTO event_log (seq, event_id, subject, type, actor, payload, occurred_at, prev_hash, hash, clauses) VALUES ${values.join(',')}`,
    params,
  );
}
