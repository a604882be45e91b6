import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { durationMs, type AppConfig } from '../../../../libs/config/config.js';
import { DomainError, ErrorCode } from '../../../../libs/policy/domain-errors.js';
import { changedNothing } from '../common/idempotency-key.js';
import { CONFIG } from '../core/tokens.js';

export type StartKind = 'access_request' | 'onboarding' | 'offboarding';

const SETTING: Record<StartKind, keyof AppConfig> = {
  access_request: 'QUOTA_ACCESS_REQUESTS',
  onboarding: 'QUOTA_ONBOARDINGS',
  offboarding: 'QUOTA_OFFBOARDINGS',
};
const NOUN: Record<StartKind, string> = { access_request: 'access requests', onboarding: 'onboardings', offboarding: 'offboardings' };

interface Quota {
  count: number;
  windowMs: number;
  /** As written in the setting (10m), for the message. */
  window: string;
}

export function parseQuota(value: string): Quota | null {
  if (value === 'off') return null;
  const [count, window] = value.split('/');
  return { count: Number(count), windowMs: durationMs(window), window };
}

/** "7 minutes", "40 seconds", "2 hours": how long to wait, rounded up. */
function humanWait(seconds: number): string {
  const [n, unit] = seconds < 120 ? [seconds, 'second'] : seconds < 7200 ? [Math.ceil(seconds / 60), 'minute'] : [Math.ceil(seconds / 3600), 'hour'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * Per-user quotas on starting processes (QUOTA_ACCESS_REQUESTS, QUOTA_ONBOARDINGS, QUOTA_OFFBOARDINGS):
 * each start is a workflow that lives up to days and puts tasks in approvers' inboxes, so one account
 * (or a stolen token) must not start hundreds in a minute. Counted in PostgreSQL (process_starts), so
 * every API replica sees the same starts; a per-user, per-kind advisory lock makes the count and the
 * insert one step, so a burst of concurrent requests cannot all pass a count taken before any of them
 * was recorded. A start sent again under the same Idempotency-Key is one row (the unique index), so a
 * client retrying a lost answer is not charged twice; a start refused before anything changed (a 4xx)
 * gives its slot back.
 */
@Injectable()
export class StartQuotas {
  private readonly quotas: Record<StartKind, Quota | null>;

  constructor(
    private readonly ds: DataSource,
    @Inject(CONFIG) config: AppConfig,
  ) {
    this.quotas = {
      access_request: parseQuota(String(config[SETTING.access_request])),
      onboarding: parseQuota(String(config[SETTING.onboarding])),
      offboarding: parseQuota(String(config[SETTING.offboarding])),
    };
  }

  async run<T>(userId: string, kind: StartKind, idempotencyKey: string | undefined, fn: () => Promise<T>): Promise<T> {
    const quota = this.quotas[kind];
    if (!quota) return fn();
    const slot = await this.take(userId, kind, idempotencyKey, quota);
    try {
      return await fn();
    } catch (e) {
      if (slot !== null && changedNothing(e)) await this.ds.query(`DELETE FROM process_starts WHERE id = $1`, [slot]).catch(() => undefined);
      throw e;
    }
  }

  /** The new row's id, or null for a repeat of a start already counted; throws 429 when the quota is used up. */
  private take(userId: string, kind: StartKind, key: string | undefined, quota: Quota): Promise<string | null> {
    return this.ds.transaction(async (m) => {
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
}
