import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { metricsToken, type AppConfig } from '../../../../libs/config/config.js';
import { observeEventAppends } from '../../../../libs/domain/events/event-store.js';
import { ChainWatch, operationsSnapshot } from '../../../../libs/read-models/operations-metrics.js';
import { startMetricsServer, type MetricsServer } from '../../../../libs/runtime/metrics-server.js';
import { collectProcessMetrics, eventAppendHistogram } from '../../../../libs/runtime/prometheus.js';
import { CONFIG } from '../core/tokens.js';

/**
 * The API's Prometheus metrics (README "Metrics"), served by a listener of their own at METRICS_PORT:
 * request latency by route template and status, the process's own metrics, and the call center's state
 * read from the read models at each scrape. Every API replica reports the same domain values (they read
 * one database), labelled by Prometheus with its instance: the rules take `max without (instance)`, so
 * replicas never add up.
 */
@Injectable()
export class MetricsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private readonly register = new Registry();
  private readonly chain = new ChainWatch();
  private server?: MetricsServer;
  private stopObserving = () => {};
  private readonly requests = new Histogram({
    name: 'custodian_http_request_duration_seconds',
    help: 'HTTP requests by method, route template (never the raw path: no ids) and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.register],
  });
  private readonly g = {
    scrapeOk: this.gauge('custodian_domain_metrics_up', 'Whether the last read of the domain gauges from PostgreSQL succeeded (1) or failed (0)', []),
    openTasks: this.gauge('custodian_open_tasks', 'Open human tasks by process, step and age since opened', ['process', 'step', 'age']),
    pastDue: this.gauge('custodian_open_tasks_past_due', 'Open tasks past their due time (escalated)', ['process', 'step']),
    pastDeadline: this.gauge('custodian_open_tasks_past_deadline', 'Open tasks past their deadline: their workflow should have closed them', ['process', 'step']),
    grantsActive: this.gauge('custodian_grants_active', 'Active grants by kind', ['kind']),
    grantsExpired: this.gauge('custodian_grants_expired_active', 'Grants still active past their expiry (their workflow has not ended them)', ['kind']),
    removals: this.gauge('custodian_grant_removals_pending', 'Ended grants whose removal is not confirmed yet', ['kind', 'enforced_by']),
    removalOldest: this.gauge('custodian_grant_removal_oldest_pending_seconds', 'Age of the oldest unconfirmed grant removal', ['kind', 'enforced_by']),
    removalFailures: this.gauge('custodian_grant_removal_failed_attempts', 'Failed removal attempts of the grants whose removal is pending', ['kind', 'enforced_by']),
    webhookRetries: this.gauge('custodian_webhook_deliveries_retrying', 'Webhook deliveries (grant enabled / ended) that failed and are being retried', ['kind', 'event_type']),
    webhookFailures: this.gauge('custodian_webhook_delivery_failed_attempts', 'Failed attempts of the deliveries being retried', ['kind', 'event_type']),
    duties: this.gauge('custodian_duty_occurrences_overdue', 'Duty occurrences still open past their due time', ['duty', 'state']),
    chainOk: this.gauge('custodian_audit_chain_ok', 'Whether the audit chain verified intact (1) or a walk found a broken link (0)', []),
    chainVerified: this.gauge('custodian_audit_chain_verified_seq', 'The last event of the current verification walk verified intact', []),
    chainLast: this.gauge('custodian_event_log_last_seq', 'The last sequence number of the event log', []),
    chainPass: this.gauge('custodian_audit_chain_last_full_pass_timestamp_seconds', 'When a verification walk last reached the end of the log', []),
  };

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {
    // Without METRICS_PORT nothing is served: no process monitor, no append observer (only the unused request histogram).
    if (!config.METRICS_PORT) return;
    collectProcessMetrics(this.register);
    const appends = eventAppendHistogram(this.register);
    this.stopObserving = observeEventAppends((seconds) => appends.observe(seconds));
  }

  private gauge(name: string, help: string, labelNames: string[]): Gauge {
    return new Gauge({ name, help, labelNames, registers: [this.register] });
  }

  /** Express middleware: observes each request when its response is finished, labelled by the matched route's template. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const path = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` : 'unmatched'; // a 404 or the web app's files: no raw path
      this.requests.observe({ method: req.method, route, status_code: String(res.statusCode) }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.METRICS_PORT) return;
    this.server = await startMetricsServer({
      host: this.config.METRICS_HOST,
      port: this.config.METRICS_PORT,
      variable: 'METRICS_PORT',
      token: metricsToken(this.config),
      render: () => this.render(),
      onError: (e) => this.logger.error(`metrics scrape failed: ${e.message}`),
    });
    this.logger.log(`metrics on ${this.server.url}${metricsToken(this.config) ? ' (bearer token required)' : ''}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopObserving();
    await this.server?.close();
  }

  async render(): Promise<{ contentType: string; body: string }> {
    await this.refreshDomain();
    return { contentType: this.register.contentType, body: await this.register.metrics() };
  }

  /** Reads the domain state; on a database error the gauges keep nothing stale and custodian_domain_metrics_up says so. */
  private async refreshDomain(): Promise<void> {
    const { g } = this;
    for (const gauge of Object.values(g)) if (gauge !== g.scrapeOk && gauge !== g.chainPass) gauge.reset();
    try {
      const [s, chain] = await Promise.all([operationsSnapshot(this.dataSource), this.chain.step(this.dataSource)]);
      for (const r of s.openTasks) g.openTasks.set({ process: r.process, step: r.step, age: r.age }, r.count);
      for (const r of s.tasksPastDue) {
        g.pastDue.set({ process: r.process, step: r.step }, r.pastDue);
        g.pastDeadline.set({ process: r.process, step: r.step }, r.pastDeadline);
      }
      for (const r of s.grants) {
        g.grantsActive.set({ kind: r.kind }, r.active);
        g.grantsExpired.set({ kind: r.kind }, r.expiredStillActive);
      }
      for (const r of s.removalsPending) {
        const l = { kind: r.kind, enforced_by: r.enforcedBy };
        g.removals.set(l, r.count);
        g.removalOldest.set(l, r.oldestSeconds);
        g.removalFailures.set(l, r.failedAttempts);
      }
      for (const r of s.webhookRetries) {
        g.webhookRetries.set({ kind: r.kind, event_type: r.eventType }, r.count);
        g.webhookFailures.set({ kind: r.kind, event_type: r.eventType }, r.failedAttempts);
      }
      for (const r of s.dutiesOverdue) g.duties.set({ duty: r.dutyId, state: r.state }, r.count);
      g.chainOk.set(chain.ok ? 1 : 0);
      g.chainVerified.set(chain.verifiedSeq);
      g.chainLast.set(chain.lastSeq);
      if (chain.lastFullPassAt !== null) g.chainPass.set(chain.lastFullPassAt / 1000);
      g.scrapeOk.set(1);
    } catch (e) {
      g.scrapeOk.set(0);
      this.logger.error(`reading the domain metrics failed: ${(e as Error).message}`);
    }
  }
}
