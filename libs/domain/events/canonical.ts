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
}

/** SHA-256 over the canonical encoding of the event and the previous event's hash. */
export function eventHash(e: HashedFields): string {
  return createHash('sha256')
    .update(canonicalJson({ seq: e.seq, eventId: e.eventId, subject: e.subject, type: e.type, actor: e.actor, payload: e.payload, occurredAt: e.occurredAt, prevHash: e.prevHash }))
    .digest('hex');
}
