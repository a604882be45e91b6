import { DefaultLogger, Runtime, type LogLevel, type LogMetadata } from '@temporalio/worker';
import type { Logger } from 'pino';

const levels: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

let installed = false;

/**
 * Routes the Temporal SDK's own logs (worker, core runtime, workflow and activity loggers) through
 * our pino logger, so one process writes one stream in one format; with `prometheusBindAddress`, also
 * exports the core's metrics there. Runtime.install may run once, before any connection or worker.
 */
export function installTemporalLogging(logger: Logger, opts: { prometheusBindAddress?: string } = {}): void {
  if (installed) return;
  installed = true;
  const child = logger.child({ component: 'temporal' });
  Runtime.install({
    logger: new DefaultLogger('INFO', (entry) => {
      const meta: LogMetadata = entry.meta ?? {};
      child[levels[entry.level]]({ ...meta, sdkComponent: meta.sdkComponent }, entry.message);
    }),
    telemetryOptions: {
      logging: { forward: {}, filter: 'WARN' },
      // The SDK core's own worker metrics (task latencies, slots, polls, cache), which only the Runtime can
      // export; the worker relays them behind its authenticated listener (apps/worker/src/worker-metrics.ts).
      ...(opts.prometheusBindAddress ? { metrics: { prometheus: { bindAddress: opts.prometheusBindAddress, useSecondsForDurations: true } } } : {}),
    },
  });
}
