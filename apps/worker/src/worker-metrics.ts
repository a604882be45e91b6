import { Counter } from 'prom-client';
import { metricsToken, type AppConfig } from '../../../libs/config/config.js';
import { observeEventAppends } from '../../../libs/domain/events/event-store.js';
import type { ActivityOutcome } from '../../../libs/temporal/activity-outcomes.js';
import { startMetricsServer, type MetricsServer } from '../../../libs/runtime/metrics-server.js';
import { eventAppendHistogram, processRegistry } from '../../../libs/runtime/prometheus.js';

export interface WorkerMetrics {
  server: MetricsServer;
  onActivityOutcome: (activityType: string, outcome: ActivityOutcome) => void;
  close: () => Promise<void>;
}

/**
 * A worker's metrics on WORKER_METRICS_PORT (README "Metrics"): its process metrics, activity outcomes
 * and event-log append latency (prom-client), followed by the Temporal SDK core's own metrics, which the
 * Runtime exports on `coreAddress` (loopback, a port nobody is told about) and this listener relays, so
 * one scrape behind one token gets both.
 */
export async function startWorkerMetrics(config: AppConfig & { WORKER_METRICS_PORT: number }, coreAddress: string, onError: (e: Error) => void): Promise<WorkerMetrics> {
  const register = processRegistry();
  const appends = eventAppendHistogram(register);
  const stopObserving = observeEventAppends((seconds) => appends.observe(seconds));
  const outcomes = new Counter({
    name: 'custodian_activity_executions_total',
    help: 'Activity attempts by activity type and outcome (completed, failed for good, retried, cancelled)',
    labelNames: ['activity_type', 'outcome'],
    registers: [register],
  });
  const server = await startMetricsServer({
    host: config.METRICS_HOST,
    port: config.WORKER_METRICS_PORT,
    variable: 'WORKER_METRICS_PORT',
    token: metricsToken(config),
    onError,
    render: async () => {
      const own = await register.metrics();
      const core = await fetch(`http://${coreAddress}/metrics`, { signal: AbortSignal.timeout(5000) })
        .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`the SDK core's exporter answered ${r.status}`))))
        .catch((e: Error) => {
          onError(e);
          return '';
        });
      return { contentType: register.contentType, body: `${own}\n${core}` };
    },
  });
  return {
    server,
    onActivityOutcome: (activityType, outcome) => outcomes.inc({ activity_type: activityType, outcome }),
    close: async () => {
      stopObserving();
      await server.close();
    },
  };
}
