import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { durationMs, type AppConfig } from '../../../../libs/config/config.js';
import { releaseStartSlot, takeStartSlot, type StartKind, type StartQuota } from '../../../../libs/domain/admission/start-quotas.js';
import { changedNothing } from '../common/idempotency-key.js';
import { CONFIG } from '../core/tokens.js';

export type { StartKind };

const SETTING: Record<StartKind, keyof AppConfig> = {
  access_request: 'QUOTA_ACCESS_REQUESTS',
  onboarding: 'QUOTA_ONBOARDINGS',
  offboarding: 'QUOTA_OFFBOARDINGS',
};

export function parseQuota(value: string): StartQuota | null {
  if (value === 'off') return null;
  const [count, window] = value.split('/');
  return { count: Number(count), windowMs: durationMs(window), window };
}

/**
 * Per-user quotas on starting processes (QUOTA_ACCESS_REQUESTS, QUOTA_ONBOARDINGS, QUOTA_OFFBOARDINGS):
 * each start is a workflow that lives up to days and puts tasks in approvers' inboxes, so one account
 * (or a stolen token) must not start hundreds in a minute. Counted in PostgreSQL (process_starts,
 * libs/domain/admission/start-quotas.ts), so every API replica sees the same starts; a per-user,
 * per-kind advisory lock makes the count and the insert one step, so a burst of concurrent requests
 * cannot all pass a count taken before any of them was recorded. A start sent again under the same Idempotency-Key is one row (the unique index), so a
 * client retrying a lost answer is not charged twice; a start refused before anything changed (a 4xx)
 * gives its slot back.
 */
@Injectable()
export class StartQuotas {
  private readonly quotas: Record<StartKind, StartQuota | null>;

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
    const slot = await takeStartSlot(this.ds, userId, kind, idempotencyKey, quota);
    try {
      return await fn();
    } catch (e) {
      if (slot !== null && changedNothing(e)) await releaseStartSlot(this.ds, slot).catch(() => undefined);
      throw e;
    }
  }
}
