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
 * our pino logger, so one process writes one stream in one format. Runtime.install may run once.
 */
export function installTemporalLogging(logger: Logger): void {
  if (installed) return;
  installed = true;
  const child = logger.child({ component: 'temporal' });
  Runtime.install({
    logger: new DefaultLogger('INFO', (entry) => {
      const meta: LogMetadata = entry.meta ?? {};
      child[levels[entry.level]]({ ...meta, sdkComponent: meta.sdkComponent }, entry.message);
    }),
    telemetryOptions: { logging: { forward: {}, filter: 'WARN' } },
  });
}
