import type { DataSource } from 'typeorm';
import { eventHash, GENESIS_HASH } from './canonical.js';

export interface ChainReport {
  ok: boolean;
  checked: number;
  lastSeq: number;
  /** The first event whose link is broken, and why. */
  brokenAt?: { seq: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' };
}

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
}

export function rowToStored(r: StoredRow) {
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
  };
}

/**
 * Walks the log in seq order, in pages (memory stays flat however long the log), recomputing every
 * hash. Reports the first broken link by sequence number.
 */
export async function verifyChain(ds: DataSource, onProgress?: (checked: number) => void, pageSize = 5000): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows: StoredRow[] = await ds.query(
      `SELECT seq, event_id, subject, type, actor, payload, occurred_at, prev_hash, hash FROM event_log WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [expectedSeq, pageSize],
    );
    if (rows.length === 0) break;
    for (const r of rows) {
      const e = rowToStored(r);
      if (e.seq !== expectedSeq) return { ok: false, checked, lastSeq: expectedSeq - 1, brokenAt: { seq: expectedSeq, reason: 'sequence_gap' } };
      if (e.prevHash !== prevHash) return { ok: false, checked, lastSeq: e.seq, brokenAt: { seq: e.seq, reason: 'prev_hash_mismatch' } };
      if (eventHash(e) !== e.hash) return { ok: false, checked, lastSeq: e.seq, brokenAt: { seq: e.seq, reason: 'hash_mismatch' } };
      prevHash = e.hash;
      expectedSeq += 1;
      checked += 1;
    }
    onProgress?.(checked);
  }
  return { ok: true, checked, lastSeq: expectedSeq - 1 };
}
