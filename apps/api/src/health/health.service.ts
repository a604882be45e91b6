import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { pingTemporal } from '../../../../libs/temporal/connection.js';
import { TEMPORAL_CLIENT } from '../core/tokens.js';

export interface DependencyCheck {
  status: 'up' | 'down';
  error?: string;
}
export interface Readiness {
  status: 'ok' | 'unavailable';
  failing: string[];
  checks: { postgres: DependencyCheck; temporal: DependencyCheck };
}

async function check(fn: () => Promise<unknown>, timeoutMs: number): Promise<DependencyCheck> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([fn(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)))]);
    return { status: 'up' };
  } catch (e) {
    return { status: 'down', error: (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class HealthService {
  constructor(
    private readonly ds: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async readiness(): Promise<Readiness> {
    const [postgres, temporal] = await Promise.all([check(() => this.ds.query('SELECT 1'), 2000), check(() => pingTemporal(this.temporal, 2000), 2500)]);
    const failing = [postgres.status === 'down' ? 'postgres' : null, temporal.status === 'down' ? 'temporal' : null].filter((x): x is string => x !== null);
    return { status: failing.length ? 'unavailable' : 'ok', failing, checks: { postgres, temporal } };
  }
}
