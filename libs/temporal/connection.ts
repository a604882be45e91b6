import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type ConnectionOptions } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { Logger } from 'pino';
import { requireSetting, temporalTls, type AppConfig } from '../config/config.js';
import { createLogger } from '../logging/logger.js';
import { custodianDataConverter } from './payload-codec.js';

export interface TemporalSettings {
  address: string;
  namespace: string;
  /** The payload codec (custodianDataConverter): without it the workflows refuse what this client sends. */
  dataConverter: DataConverter;
  /** mTLS to the cluster (TEMPORAL_TLS_*). */
  tls?: ConnectionOptions['tls'];
}

/** Address, namespace, TLS and the payload codec, from the validated configuration. */
export function temporalSettings(config: AppConfig, logger: Pick<Logger, 'warn'> = createLogger(config, 'temporal-codec')): TemporalSettings {
  return { address: requireSetting(config, 'TEMPORAL_ADDRESS'), namespace: config.TEMPORAL_NAMESPACE, dataConverter: custodianDataConverter(config, logger), tls: temporalTls(config) };
}

/**
 * A lazy connection: the API starts even while Temporal is still coming up, and reconnects on its
 * own; readiness (GET /health/ready) reports whether Temporal answers. A call to an unreachable
 * Temporal is retried for about 3 s (6 attempts) and then fails, so the HTTP caller gets a 503 with
 * Retry-After in seconds instead of waiting through the SDK default's 10 attempts (about 20 s,
 * measured by `npm run test:faults` while the Temporal server restarted).
 */
export function createTemporalClient(s: TemporalSettings): Client {
  const connection = Connection.lazy({ address: s.address, tls: s.tls, interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 6 }))] });
  return new Client({ connection, namespace: s.namespace, dataConverter: s.dataConverter });
}

/**
 * A connection for health checks only: no retry interceptor, so a check fails fast and leaves no retry
 * timer behind (the default one retries workflow-service calls for a long time, which is right for them).
 */
export function createHealthConnection(address: string, tls?: ConnectionOptions['tls']): Connection {
  return Connection.lazy({ address, tls, interceptors: [], connectTimeout: 2000 });
}

export async function pingTemporal(connection: Connection, timeoutMs = 2000): Promise<void> {
  const { status } = await connection.withDeadline(Date.now() + timeoutMs, () => connection.healthService.check({}));
  if (status !== 1) throw new Error(`Temporal health status ${status}`);
}
