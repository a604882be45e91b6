import type { Db } from '../../db/sql.js';
import type { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '../../policy/errors.js';

/**
 * Per-user quotas on starting processes (QUOTA_ACCESS_REQUESTS, QUOTA_ONBOARDINGS, QUOTA_OFFBOARDINGS),
 * counted in process_starts so every API replica sees the same starts. These rows are request
 * admission, not domain state: they record that a user was let in to start something, not anything
 * that happened to an employee, a grant or a task, so they have no event and no projector. They are
 * written here, beside the domain, so that apps/api holds no SQL.
 */
export type StartKind = 'access_request' | 'onboarding' | 'offboarding';

export interface StartQuota {
  count: number;
  windowMs: number;
  /** As written in the setting (10m), for the message. */
  window: string;
}

const NOUN: Record<StartKind, string> = { access_request: 'access requests', onboarding: 'onboardings', offboarding: 'offboardings' };

/** "7 minutes", "40 seconds", "2 hours": how long to wait, rounded up. */
function humanWait(seconds: number): string {
  const [n, unit] = seconds < 120 ? [seconds, 'second'] : seconds < 7200 ? [Math.ceil(seconds / 60), 'minute'] : [Math.ceil(seconds / 3600), 'hour'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * Counts a start against the user's quota of that kind. A per-user, per-kind advisory lock makes the
 * count and the insert one step, so a burst of concurrent requests cannot all pass a count taken before
 * any of them was recorded. A start sent again under the same Idempotency-Key is one row (the unique
 * index). Returns the new row's id, or null for a repeat of a start already counted; throws 429
 * (RateLimited, with retryAfterSeconds) when the quota is used up, which rolls the transaction back.
 */
export function takeStartSlot(ds: DataSource, userId: string, kind: StartKind, key: string | undefined, quota: StartQuota): Promise<string | null> {
  return ds.transaction(async (m) => {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`process-start:${kind}:${userId}`]);
    if (key) {
      const [seen] = await m.query(`SELECT 1 FROM process_starts WHERE user_id = $1 AND kind = $2 AND idempotency_key = $3`, [userId, kind, key]);
      if (seen) return null;
    }
    const windowSql = `make_interval(secs => $3::double precision / 1000)`;
    await m.query(`DELETE FROM process_starts WHERE user_id = $1 AND kind = $2 AND started_at <= now() - ${windowSql}`, [userId, kind, quota.windowMs]);
    // The slot that frees first: the oldest start the window still holds beyond count - 1 newer ones.
    const [{ n, wait }]: { n: number; wait: number | null }[] = await m.query(
      `SELECT count(*)::int AS n,
              ceil(extract(epoch FROM (SELECT started_at FROM process_starts WHERE user_id = $1 AND kind = $2 ORDER BY started_at DESC OFFSET $4 - 1 LIMIT 1) + ${windowSql} - now()))::int AS wait
         FROM process_starts WHERE user_id = $1 AND kind = $2`,
      [userId, kind, quota.windowMs, quota.count],
    );
    if (n >= quota.count) {
      const retryAfterSeconds = Math.max(1, wait ?? 1);
      throw new DomainError(
        ErrorCode.RateLimited,
        `you have started ${quota.count} ${NOUN[kind]} in the last ${quota.window}, the most allowed; try again in ${humanWait(retryAfterSeconds)}`,
        { retryAfterSeconds, limit: quota.count, window: quota.window },
      );
    }
    const [row]: { id: string }[] = await m.query(`INSERT INTO process_starts (user_id, kind, idempotency_key) VALUES ($1, $2, $3) RETURNING id`, [userId, kind, key ?? null]);
    return row.id;
  });
}

/** Gives a slot back: the start it counted was refused before anything changed. */
export async function releaseStartSlot(db: Db, slot: string): Promise<void> {
  await db.query(`DELETE FROM process_starts WHERE id = $1`, [slot]);
}
