import { createHash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted at every depth, no whitespace, undefined dropped, `toJSON` honoured
 * exactly as JSON.stringify does (a Date becomes its ISO string). Two encodings of the same value are
 * byte-identical, so a hash computed before the insert matches one recomputed from the jsonb column,
 * whose key order PostgreSQL does not keep.
 */
export function canonicalJson(value: unknown): string {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  }
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('non-finite number in event payload');
    if (typeof value === 'bigint') throw new Error('bigint in event payload: store it as a string');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== 'function')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  seq: number;
  eventId: string;
  subject: string;
  type: string;
  actor: string;
  payload: unknown;
  occurredAt: string; // ISO-8601, millisecond precision, UTC
  prevHash: string;
  /** The clauses the event serves; null for events written before events named them. */
  clauses?: readonly string[] | null;
}

/**
 * SHA-256 over the canonical encoding of the event and the previous event's hash.
 *
 * `clauses` enters the hash whenever the event has them, including an empty list: a clause added to,
 * removed from or reordered in a new event breaks its hash, and so does setting the column to NULL
 * (the hash was taken with the key present). Events written before clauses existed (NULL column) are
 * hashed exactly as they were then, without the key, so the chain written before the migration still
 * verifies unchanged; and giving such an old row clauses afterwards breaks its hash too. The price: an
 * old event's clauses stay unknown (NULL) for good, since no row of an append-only log is rewritten.
 */
export function eventHash(e: HashedFields): string {
  const fields: Record<string, unknown> = { seq: e.seq, eventId: e.eventId, subject: e.subject, type: e.type, actor: e.actor, payload: e.payload, occurredAt: e.occurredAt, prevHash: e.prevHash };
  if (e.clauses !== null && e.clauses !== undefined) fields.clauses = e.clauses;
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}
