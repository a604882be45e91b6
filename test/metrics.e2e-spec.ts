import { freePort } from './support/env.js';
import { startProcessStack, taskOf, until, type ProcessStack } from './support/process-stack.js';
import { prometheusInstalled, PROMETHEUS_PATH, startPrometheus, type PrometheusHandle } from './support/prometheus.js';
import { startWorkerProcess, stopAllWorkers } from './support/worker-process.js';

/**
 * Prometheus metrics (README "Metrics"): the API and a real worker process each serve /metrics on a
 * loopback port of their own behind a bearer token; never on the public API port.
 */
const TOKEN = 'metrics-token-for-the-tests-0123';
const COMPLETED_ACTIVITY = /^custodian_activity_executions_total\{activity_type="\w+",outcome="completed"\} [1-9]/m;
let s: ProcessStack;
let apiMetrics: string;
let workerMetrics: string;
let prometheus: PrometheusHandle | undefined;

beforeAll(async () => {
  const [apiPort, workerPort] = [await freePort(), await freePort()];
  s = await startProcessStack({ inProcessWorker: false, apiEnv: { METRICS_PORT: String(apiPort), METRICS_TOKEN: TOKEN } });
  await startWorkerProcess(s.db.url, s.taskQueue, 60_000, { WORKER_METRICS_PORT: String(workerPort), METRICS_TOKEN: TOKEN });
  apiMetrics = `127.0.0.1:${apiPort}`;
  workerMetrics = `127.0.0.1:${workerPort}`;
}, 120_000);
afterAll(async () => {
  await prometheus?.stop();
  await stopAllWorkers();
  await s?.close();
});

const scrape = async (target: string, token: string | null = TOKEN) => {
  const r = await fetch(`http://${target}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: r.status, text: await r.text() };
};
/** The value of one sample line, e.g. sample(text, 'custodian_open_tasks{process="x"}'); undefined when absent. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('metrics', () => {
  let requestId: string;

  it('SYS-1: after an access request, the API reports request latency by route template and status, the open supervisor review and the intact chain; the worker reports the SDK core metrics and activity outcomes', async () => {
    const agent1 = await s.as('agent1');
    const created = await agent1('POST', '/api/access-requests', { kind: 'external_network', justification: 'supplier research', durationMinutes: 600 });
    expect(created.status).toBe(201);
    requestId = created.body.id;
    await taskOf(await s.as('supervisor'), requestId, 'supervisor_review');
    expect((await agent1('GET', `/api/access-requests/${requestId}`)).status).toBe(200);

    const api = await scrape(apiMetrics);
    expect(api.status).toBe(200);
    expect(sample(api.text, 'custodian_http_request_duration_seconds_count{method="POST",route="/api/access-requests",status_code="201"}')).toBe(1);
    expect(sample(api.text, 'custodian_http_request_duration_seconds_count{method="GET",route="/api/access-requests/:id",status_code="200"}')).toBe(1);
    // No raw path, no id in any label.
    expect(api.text).not.toContain(requestId);
    expect(sample(api.text, 'custodian_open_tasks{process="access_request",step="supervisor_review",age="lt_1h"}')).toBe(1);
    expect(sample(api.text, 'custodian_open_tasks_past_deadline{process="access_request",step="supervisor_review"}')).toBe(0);
    expect(sample(api.text, 'custodian_domain_metrics_up')).toBe(1);
    expect(sample(api.text, 'custodian_audit_chain_ok')).toBe(1);
    expect(sample(api.text, 'custodian_event_log_last_seq')).toBeGreaterThan(0);
    expect(sample(api.text, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    // The activity outcome is counted when the local activity ends, inside the workflow task; the SDK core
    // records that task's latency only when the task completes, a moment later: wait for both.
    const worker = await until(async () => {
      const w = await scrape(workerMetrics);
      return COMPLETED_ACTIVITY.test(w.text) && /^temporal_workflow_task_execution_latency_bucket\{/m.test(w.text) && w;
    }, 'the activity outcome counter and the workflow task latency');
    expect(worker.status).toBe(200);
    expect(worker.text).toMatch(/^temporal_workflow_task_execution_latency_bucket\{/m);
    // The database steps run as local activities (workflows/activities.ts): the SDK times them under its local-activity name.
    expect(worker.text).toMatch(/^temporal_local_activity_execution_latency_bucket\{/m);
    expect(sample(worker.text, 'custodian_event_append_duration_seconds_count')).toBeGreaterThan(0);
    expect(sample(worker.text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('without the token, with a wrong one, and on the public API port, nobody reads the metrics', async () => {
    for (const target of [apiMetrics, workerMetrics]) {
      const none = await scrape(target, null);
      expect(none.status).toBe(401);
      expect(none.text).not.toContain('custodian_');
      expect((await scrape(target, 'not-the-metrics-token-at-all')).status).toBe(401);
      expect((await fetch(`http://${target}/`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    }
    const publicPort = await fetch(`${s.api.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(publicPort.status).toBe(404);
    expect(await publicPort.text()).not.toContain('custodian_');
  });

  (prometheusInstalled ? it : it.skip)(`a real Prometheus (${PROMETHEUS_PATH}) scrapes the API and the worker with the token until both targets are up, and loads the alerting rules`, async () => {
    prometheus = await startPrometheus([
      { job: 'custodian-api', target: apiMetrics, token: TOKEN },
      { job: 'custodian-worker', target: workerMetrics, token: TOKEN },
    ]);
    const targets = await until(async () => {
      const data = await prometheus!.api('targets');
      const active: { labels: { job: string }; health: string; lastError: string }[] = data.activeTargets;
      return active.length === 2 && active.every((t) => t.health === 'up') && active;
    }, 'every Prometheus target up', 60_000);
    expect(targets.map((t) => t.labels.job).sort()).toEqual(['custodian-api', 'custodian-worker']);
    const open = await until(async () => {
      const data = await prometheus!.api(`query?query=${encodeURIComponent('max without (instance) (custodian_open_tasks{step="supervisor_review"})')}`);
      return data.result.length > 0 && data.result;
    }, 'the open tasks queried through Prometheus');
    expect(Number(open[0].value[1])).toBe(1);
    const groups: { name: string; rules: unknown[] }[] = (await prometheus.api('rules')).groups;
    expect(groups.map((g) => g.name)).toEqual(expect.arrayContaining(['custodian-processes', 'custodian-grants', 'custodian-tasks-and-duties', 'custodian-audit']));
  }, 90_000);
});
