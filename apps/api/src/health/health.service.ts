import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { temporalTls, type AppConfig } from '../../../../libs/config/config.js';
import { pingDatabase } from '../../../../libs/db/data-source.js';
import { createHealthConnection, pingTemporal } from '../../../../libs/temporal/connection.js';
import { CONFIG } from '../core/tokens.js';

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
export class HealthService implements OnApplicationShutdown {
  private readonly temporal: Connection;
  constructor(
    private readonly ds: DataSource,
    @Inject(CONFIG) config: AppConfig,
  ) {
    this.temporal = createHealthConnection(config.TEMPORAL_ADDRESS ?? '127.0.0.1:7233', temporalTls(config));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.temporal.close().catch(() => undefined);
  }

  async readiness(): Promise<Readiness> {
    const [postgres, temporal] = await Promise.all([check(() => pingDatabase(this.ds), 2000), check(() => pingTemporal(this.temporal, 2000), 2500)]);
    const failing = [postgres.status === 'down' ? 'postgres' : null, temporal.status === 'down' ? 'temporal' : null].filter((x): x is string => x !== null);
    return { status: failing.length ? 'unavailable' : 'ok', failing, checks: { postgres, temporal } };
  }
}
