/**
 * `npm run bench -- --cluster [--workers=1,2,4] [--full]`: scaling measured on the production topology
 * (scripts/support/cluster/: Temporal's services as processes on PostgreSQL, two API replicas behind
 * nginx). On one cluster, for each worker count: the raw baseline and ours end to end (access requests
 * through HTTP), then the raw and our expiry scenarios — the raw baselines with as many worker processes
 * as ours — so each ours ÷ raw is taken on the same cluster at the same worker count; then the inbox
 * through the gateway (two replicas). Prints the usual table, ours ÷ raw per worker count, and each
 * scenario's throughput and p50 against its one-worker figure.
 */
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ClusterBenchSystem } from '../scripts/support/cluster/bench-system.js';
import { accessRequestsHttp } from './scenarios/access-requests-http.js';
import { expiryPrecision } from './scenarios/expiry-precision.js';
import { inboxLatency } from './scenarios/inbox-latency.js';
import { rawAccessRequests } from './scenarios/raw-access-requests.js';
import { rawExpiry } from './scenarios/raw-expiry.js';
import type { BenchSize, Measured, Scenario } from './scenarios/types.js';
import { BENCH_APP_ENV } from './support/app.js';
import { Api } from './support/http.js';
import { ratios, render, writeResults, type ScenarioRecord } from './support/report.js';

const SCALED: Scenario[] = [rawAccessRequests, accessRequestsHttp, rawExpiry, expiryPrecision];

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

/** Each scaled scenario's throughput and its compared latency's p50 at n workers ÷ at the first count. */
export function scalingTable(records: ScenarioRecord[], counts: number[]): string {
  const rows: string[][] = [['scenario', ...counts.map((n) => `${n}w thr/s`), ...counts.slice(1).map((n) => `${n}w÷${counts[0]}w thr`), ...counts.slice(1).map((n) => `${n}w÷${counts[0]}w p50`)]];
  for (const s of SCALED) {
    const at = counts.map((n) => records.find((r) => r.id === `${s.id} @${n}w`)?.result).map((r) => (r?.status === 'measured' && r.compare ? r : undefined));
    const thr = at.map((r) => r?.compare?.throughputPerSec);
    const p50 = at.map((r) => (r ? r.latencies[r.compare!.latency]?.p50 : undefined));
    const ratio = (v: (number | undefined)[], i: number) => (v[i] !== undefined && v[0] ? fmt(v[i]! / v[0]) : '—');
    rows.push([s.id, ...thr.map((t) => (t === undefined ? '—' : fmt(t))), ...counts.slice(1).map((_, k) => ratio(thr, k + 1)), ...counts.slice(1).map((_, k) => ratio(p50, k + 1))]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

export async function runClusterBench(argv: string[], progress: (m: string) => void): Promise<void> {
  const counts = (argv.find((a) => a.startsWith('--workers='))?.slice(10) ?? '1,2,4').split(',').map(Number);
  if (!counts.length || counts.some((n) => !Number.isInteger(n) || n < 1 || n > 8)) throw new Error('--workers takes worker counts from 1 to 8, e.g. --workers=1,2,4');
  const size: BenchSize = argv.includes('--full') ? 'full' : 'default';
  const [load1] = loadavg();
  progress(`cluster: Temporal services as processes, 2 API replicas behind nginx; workers ${counts.join(', ')}; ${size} sizes`);
  if (load1 > cpus().length) progress(`note: load average ${load1.toFixed(1)} on ${cpus().length} cores before starting; expect lower figures than on an idle machine`);
  const started = new Date();
  const records: ScenarioRecord[] = [];
  const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
  const settings = { size, temporal: 'cluster (PostgreSQL, split services)', workers: counts.join(','), loadAverageAtStart: load1.toFixed(1) };
  const record = (s: Scenario, id: string, durationSec: number, result: ScenarioRecord['result'], keySuffix: string) => {
    if (result.status === 'measured' && result.compare) result.compare = { ...result.compare, key: `${result.compare.key}${keySuffix}` };
    if (result.status === 'measured' && result.baseline) {
      const { baseline, ...ours } = result;
      records.push({ id, title: s.title, durationSec, result: ours as Measured }, { id: `${baseline.id}${keySuffix}`, title: baseline.title, durationSec: 0, result: baseline.result });
    } else records.push({ id, title: s.title, durationSec, result });
    writeResults(resultsDir, started, settings, records, ratios(records));
  };
  const runOne = async (system: ClusterBenchSystem, s: Scenario, id: string, rawWorkers: number, keySuffix: string) => {
    progress(`${id}: ${s.title}`);
    const t0 = performance.now();
    const result = await s.run({ size, system, progress: (m) => progress(`  ${m}`), rawWorkers }).catch((e: Error) => ({ status: 'failed' as const, error: e.message }));
    const durationSec = Math.round((performance.now() - t0) / 100) / 10;
    progress(`${id}: ${result.status} in ${durationSec} s`);
    record(s, id, durationSec, result, keySuffix);
  };

  await ClusterBenchSystem.use(progress, { shape: { historyHosts: 2, apiReplicas: 2, workers: Math.max(...counts) }, initialWorkers: counts[0], appOverrides: BENCH_APP_ENV }, async (system) => {
    const app = await system.endpoints();
    // Each run of the end-to-end scenario onboards 8 requesters, each taking a standard agent ID (AID-1):
    // three worker counts outrun the demo pool, so the bench adds a range first (as the fault load does).
    const api = new Api(app.baseUrl);
    await api.call(await api.login('idadmin'), 'POST', '/api/agent-ids/ranges', { prefix: 'BCH', from: 1, to: 40 * counts.length, kind: 'standard' }, { untimed: true });
    for (const n of counts) {
      await system.scaleWorkers(n);
      progress(`${n} worker(s) polling`);
      for (const s of SCALED) await runOne(system, s, `${s.id} @${n}w`, n, ` @${n}w`);
    }
    await runOne(system, inboxLatency, `${inboxLatency.id} (2 API replicas)`, 1, '');
  });

  const rs = ratios(records);
  process.stdout.write(`\ncluster, ${size} sizes; ${cpus().length} cores, load average ${load1.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end\n\n${render(records, rs)}\n\n`);
  process.stdout.write(`scaling (each against ${counts[0]} worker(s); raw baselines run as many worker processes as ours)\n${scalingTable(records, counts)}\n\n`);
  const file = writeResults(resultsDir, started, settings, records, rs);
  process.stdout.write(`results: ${file} (total ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s)\n`);
  if (records.some((r) => r.result.status === 'failed')) process.exitCode = 1;
}
