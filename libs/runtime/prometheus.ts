import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * prom-client (the Prometheus client for Node that the Prometheus project lists; no native code) for the
 * API's and the workers' own metrics. One registry per app instance rather than the library's global one,
 * so two apps in one process (the tests) do not collide, with the default process metrics (CPU, memory,
 * event-loop lag, GC, open handles).
 */
export function processRegistry(): Registry {
  const register = new Registry();
  collectDefaultMetrics({ register });
  return register;
}

/** The default process metrics into an existing registry (they keep an event-loop monitor running: only for a served registry). */
export function collectProcessMetrics(register: Registry): void {
  collectDefaultMetrics({ register });
}

/** How long appending to the audit chain takes (its tail lock is the log's one serial point); see observeEventAppends. */
export function eventAppendHistogram(register: Registry): Histogram {
  return new Histogram({
    name: 'custodian_event_append_duration_seconds',
    help: 'Time from asking for the event log tail lock to the events inserted, per appending transaction',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [register],
  });
}
