import type { Db } from '../../db/sql.js';

/**
 * The rows behind the HTTP Idempotency-Key header (apps/api/src/common/idempotency-key.ts): the first
 * request under a key records a fingerprint of its route and body in command_results, under a key of
 * its own (`idempotency-key:...`, apart from the event store's command keys). These rows are request
 * admission, not domain state: they decide whether a request may go ahead, they change nothing about an
 * employee, a grant or a task, so they have no event and no projector. They are written here, beside
 * the domain, so that apps/api holds no SQL.
 */
/** Records the first request under a key. True when this call recorded it; false when the key was taken already. */
export async function claimIdempotencyKey(db: Db, key: string, fingerprint: string): Promise<boolean> {
  const inserted: unknown[] = await db.query(`INSERT INTO command_results (key, result) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key`, [key, { fingerprint }]);
  return inserted.length > 0;
}

/**
 * The fingerprint recorded under a key: undefined when there is no row (the first request gave the
 * key back in between), null when the row holds none.
 */
export async function recordedFingerprint(db: Db, key: string): Promise<string | null | undefined> {
  const [row]: { result: { fingerprint?: string } | null }[] = await db.query(`SELECT result FROM command_results WHERE key = $1`, [key]);
  return row ? (row.result?.fingerprint ?? null) : undefined;
}

/** Gives a key back: the request it admitted was refused before it changed anything. */
export async function releaseIdempotencyKey(db: Db, key: string): Promise<void> {
  await db.query(`DELETE FROM command_results WHERE key = $1`, [key]);
}
