import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

export interface TemporalSettings {
  address: string;
  namespace: string;
}

/**
 * A lazy connection: the API starts even while Temporal is still coming up, and reconnects on its
 * own; readiness (GET /health/ready) reports whether Temporal answers. A call to an unreachable
 * Temporal is retried for about 3 s (6 attempts) and then fails, so the HTTP caller gets a 503 with
 * Retry-After in seconds instead of waiting through the SDK default's 10 attempts (about 20 s,
 * measured by `npm run test:faults` while the Temporal server restarted).
 */
export function createTemporalClient(s: TemporalSettings): Client {
  const connection = Connection.lazy({ address: s.address, interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 6 }))] });
  return new Client({ connection, namespace: s.namespace });
}

/**
 * A connection for health checks only: no retry interceptor, so a check fails fast and leaves no retry
 * timer behind (the default one retries workflow-service calls for a long time, which is right for them).
 */
export function createHealthConnection(address: string): Connection {
  return Connection.lazy({ address, interceptors: [], connectTimeout: 2000 });
}

export async function pingTemporal(connection: Connection, timeoutMs = 2000): Promise<void> {
  const { status } = await connection.withDeadline(Date.now() + timeoutMs, () => connection.healthService.check({}));
  if (status !== 1) throw new Error(`Temporal health status ${status}`);
}
