import type { DataSource } from 'typeorm';
import { eventHash, GENESIS_HASH } from './canonical.js';
import type { ClauseId } from '../../policy/clauses.js';
import type { StoredEvent } from './types.js';

export type ChainBreak = 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap';

export interface ChainReport {
  ok: boolean;
  /** Events verified intact, from seq 1 on. */
  checked: number;
  /** The last seq verified intact (0 when none); equals `checked`, since sequence numbers have no gaps. */
  lastSeq: number;
  /** Hash of the event at lastSeq: write it down somewhere else to detect a later cut of the tail. */
  lastHash: string;
  /** The first event whose link is broken, and why. */
  brokenAt?: { seq: number; reason: ChainBreak };
}

/** What each break means, for people reading a report. */
export const CHAIN_BREAK_EXPLAINED: Record<ChainBreak, string> = {
  hash_mismatch: "the event's stored hash does not match its content: the row was altered after it was written",
  prev_hash_mismatch: 'the event does not point to the hash of the event before it: a row before it was rewritten, or rows were spliced in',
  sequence_gap: 'the event with this sequence number is missing: a row was deleted',
};

export interface StoredRow {
  seq: string;
  event_id: string;
  subject: string;
  type: string;
  actor: string;
  payload: unknown;
  occurred_at: Date;
  prev_hash: string;
  hash: string;
  /** text[]; NULL for events written before events named their clauses. */
  clauses: string[] | null;
}

export const STORED_COLUMNS = 'seq, event_id, subject, type, actor, payload, occurred_at, prev_hash, hash, clauses';

export function rowToStored(r: StoredRow): StoredEvent {
  return {
    seq: Number(r.seq),
    eventId: r.event_id,
    subject: r.subject,
    type: r.type,
    actor: r.actor,
    payload: r.payload as Record<string, unknown>,
    occurredAt: r.occurred_at.toISOString(),
    prevHash: r.prev_hash,
    hash: r.hash,
    // As stored, unchecked: verification must hash what is there, even an id the policy no longer has.
    clauses: r.clauses as ClauseId[] | null,
  };
}

/** What reading the log needs: a DataSource, an EntityManager inside a transaction, or a test double. */
export interface Queryable {
  query: (sql: string, params?: unknown[]) => Promise<any>;
}

/** The highest sequence number (= the number of events, as they have no gaps), read from the index. */
export async function lastEventSeq(ds: Queryable): Promise<number> {
  const [{ last }] = await ds.query(`SELECT coalesce(max(seq), 0)::text AS last FROM event_log`);
  return Number(last);
}

/**
 * Walks the log in seq order, in pages (memory stays flat however long the log), recomputing every
 * hash (INF-9: the trail that makes everything traceable must itself be provably untouched).
 * Reports the first broken link by sequence number. Events appended while it runs are checked too if
 * it reaches them; `onProgress` gets the count so far and the log's length when the walk started.
 *
 * Limits of a hash chain: rewriting an event AND every hash after it, or cutting the tail, leaves a
 * consistent chain. Compare `lastHash` with a copy kept outside the database to catch those.
 */
export async function verifyChain(ds: DataSource, onProgress?: (checked: number, total: number) => void, pageSize = 5000): Promise<ChainReport> {
  const total = await lastEventSeq(ds);
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  const broken = (seq: number, reason: ChainBreak): ChainReport => ({
    ok: false,
    checked: expectedSeq - 1,
    lastSeq: expectedSeq - 1,
    lastHash: prevHash,
    brokenAt: { seq, reason },
  });
  for (;;) {
    const rows: StoredRow[] = await ds.query(`SELECT ${STORED_COLUMNS} FROM event_log WHERE seq >= $1 ORDER BY seq LIMIT $2`, [expectedSeq, pageSize]);
    if (rows.length === 0) break;
    for (const r of rows) {
      const e = rowToStored(r);
      if (e.seq !== expectedSeq) return broken(expectedSeq, 'sequence_gap');
      if (e.prevHash !== prevHash) return broken(e.seq, 'prev_hash_mismatch');
      if (eventHash(e) !== e.hash) return broken(e.seq, 'hash_mismatch');
      prevHash = e.hash;
      expectedSeq += 1;
    }
    onProgress?.(expectedSeq - 1, Math.max(total, expectedSeq - 1));
  }
  return { ok: true, checked: expectedSeq - 1, lastSeq: expectedSeq - 1, lastHash: prevHash };
}
