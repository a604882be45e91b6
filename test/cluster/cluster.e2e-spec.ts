import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { accessRequestWorkflowId } from '../../libs/policy/workflow-ids.js';
import { freePort } from '../../libs/runtime/ports.js';
import { supervise } from '../../libs/runtime/supervisor.js';
import { ensureTemporalBinary } from '../../libs/temporal/binaries.js';
import { awaitActive, signIn, submitAndApprove, watchersFor } from '../../bench/support/access-flow.js';
import { Api } from '../../bench/support/http.js';
import { Cluster } from '../../scripts/support/cluster/cluster.js';
import { clusterPlan, freePorts } from '../../scripts/support/cluster/plan.js';

/**
 * `npm run test:cluster` (not part of `npm test`: on a clean clone it first builds the Temporal server
 * from Go source, about 2 minutes): the production topology of `npm run cluster` on free ports in a
 * temporary directory — Temporal's services as separate processes on PostgreSQL, two API replicas
 * behind nginx, two workers, Prometheus — and a person's journey through the gateway.
 */
const shape = { historyHosts: 2, apiReplicas: 2, workers: 2 };
let cluster: Cluster;
let dir: string;
const crashes: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'custodian-cluster-test-'));
  chmodSync(dir, 0o755);
  const plan = clusterPlan({ shape, ports: await freePorts(shape, freePort) });
  cluster = new Cluster({ plan, dataDir: dir, log: (m) => process.stderr.write(`${m}\n`), prometheus: true, onUnexpectedExit: (name, e) => crashes.push(`${name} (${e.signal ?? e.code})`) });
  await cluster.start();
}, 600_000);

afterAll(async () => {
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 120_000);

/** The temporal CLI, under the supervisor like every process the project starts; its output. */
async function temporalCli(args: string[]): Promise<string> {
  const cli = ensureTemporalBinary('cli');
  if (!cli) throw new Error('no temporal CLI');
  const p = supervise({ name: 'temporal CLI', command: cli.path, args });
  const exit = await p.exited;
  if (exit.code !== 0) throw new Error(`temporal ${args.join(' ')} → ${exit.code}: ${p.tail()}`);
  return p.tail();
}

/** Requests an API replica has answered, from its own /metrics (the credential the cluster gave Prometheus). */
async function requestsServed(metricsPort: number): Promise<number> {
  const r = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { headers: { authorization: `Bearer ${cluster.metricsToken}` } });
  expect(r.status).toBe(200);
  const text = await r.text();
  return [...text.matchAll(/^custodian_http_request_duration_seconds_count\{[^}]*\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
}

describe('npm run cluster (Temporal services as processes, API replicas behind nginx)', () => {
  it('SYS-1: a person signs in through the gateway and an access request goes through supervisor, leadership and IT to an active grant', async () => {
    const api = new Api(cluster.gatewayUrl);
    const { deciders, requesters } = await signIn(api, 1, randomUUID().slice(0, 8));
    const watchers = watchersFor(api, deciders);
    let id: string;
    try {
      id = await submitAndApprove(api, requesters[0], watchers, { durationMinutes: 60, stepTimeoutMs: 60_000 });
      expect(await awaitActive(api, requesters[0], id, 60_000)).toMatchObject({ id, status: 'active' });
    } finally {
      for (const w of Object.values(watchers)) await w.stop();
    }
    // The workflow is on the cluster's frontend (visibility on PostgreSQL).
    const listed = await temporalCli(['workflow', 'list', '--address', cluster.plan.temporal.frontendAddress, '--query', `WorkflowId = '${accessRequestWorkflowId(id)}'`, '--output', 'json']);
    expect(listed).toContain(accessRequestWorkflowId(id));
    // nginx spread the journey over both replicas.
    for (const port of cluster.plan.ports.apiMetrics) expect(await requestsServed(port)).toBeGreaterThan(0);
    expect(crashes).toEqual([]);
  }, 300_000);

  it('/metrics answers the credential only, and Prometheus scrapes every API replica, worker and Temporal service', async () => {
    for (const port of [...cluster.plan.ports.apiMetrics, ...cluster.plan.ports.workerMetrics]) {
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${cluster.metricsToken}` } })).status).toBe(200);
    }
    const expected = cluster.plan.prometheus.jobs.flatMap((j) => j.targets.map((t) => `${j.job} ${t}`)).sort();
    const deadline = Date.now() + 60_000;
    let up: string[] = [];
    while (Date.now() < deadline) {
      const body = (await (await fetch(`${cluster.plan.prometheus.url}/api/v1/targets`)).json()) as { data: { activeTargets: { labels: { job: string; instance: string }; health: string }[] } };
      up = body.data.activeTargets.filter((t) => t.health === 'up').map((t) => `${t.labels.job} ${t.labels.instance}`).sort();
      if (up.length === expected.length) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(up).toEqual(expected);
  }, 120_000);
});
