/**
 * Worker memory per open workflow: N access-request workflows (SYS-1) left open on their first human
 * task, in a Custodian worker process of this scenario's own (apps/worker, unchanged, on a task queue
 * of its own), against N raw workflows left open on their first Update in a raw worker process. Per
 * side: (memory with N more open − memory before) ÷ N, for the workflow thread's V8 heap after a full
 * GC (bench/support/memory-probe.cjs; the steady figure) and for the process's RSS.
 *
 * Both workers are given a workflow cache (TEMPORAL_MAX_CACHED_WORKFLOWS) that holds every workflow
 * opened, so all N stay in memory: with the SDK's default (≈2,300 with a 4 GiB heap) the rest would be
 * evicted, cost nothing while waiting and replay their history at their next task (which parks them at
 * a few per second), and the per-workflow figure would fall with N. The setting is reported.
 *
 * The workflows are started with the Temporal client (the API's POST /api/access-requests does the
 * same after its checks), since what is measured is the worker holding them, not the HTTP path.
 */
import { custodianDataConverter } from '../../libs/temporal/payload-codec.js';
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import v8 from 'node:v8';
import { hours } from '../../libs/policy/index.js';
import { rawAccessRequestWorkflow } from '../raw/raw.workflow.js';
import { startAccessRequest } from '../support/access-direct.js';
import { benchApp } from '../support/app.js';
import { directoryUser, withPg } from '../support/db.js';
import { pollUntil, sleep } from '../support/http.js';
import { runLoad } from '../support/load.js';
import { startWorkerProcess, type MemorySample, type WorkerProcess } from '../support/worker-process.js';
import { startRawWorker } from './raw-access-requests.js';
import type { AppEndpoints } from '../../scripts/support/local-system.js';
import type { BenchContext, Scenario, ScenarioResult } from './types.js';

const SIZES = { default: { open: 100 }, full: { open: 10_000 } } as const; // default: the whole `npm run bench` stays within 3 minutes here
/** Opened first and kept open, so lazy start-up costs (workflow context, pools) land in "before". */
const WARMUP = 10;
const START_CONCURRENCY = 50;
const SETTLE_MS = 2000;
const SAMPLES = 5;
/** Cache slots beyond the workflows opened, so none is ever evicted. */
const CACHE_HEADROOM = 100;

interface Side {
  label: string;
  worker: WorkerProcess;
  /** Starts workflow i (a fresh id each), returning its id. */
  start: (i: number) => Promise<string>;
  /** How many of these workflows have reached their wait point. */
  parked: (ids: string[]) => Promise<number>;
}

interface SideResult {
  before: MemorySample;
  after: MemorySample;
  /** Per open workflow, in bytes: the workflow thread's live heap, the whole process's RSS, the main thread's heap. */
  workflowHeap: number;
  rss: number;
  mainHeap: number;
  /** How far RSS wandered between samples of one state, per workflow: the RSS figure's resolution. */
  rssNoise: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** A few samples half a second apart: the median of each figure, and how far RSS wandered. */
async function sample(worker: WorkerProcess): Promise<{ at: MemorySample; rssSpread: number }> {
  const all: MemorySample[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    if (i) await sleep(500);
    const m = await worker.memory();
    // A thread heap left out (its GC outlasted the probe's wait) would make the difference meaningless.
    if (m.missing > 0 || (all.length && m.threads !== all[0].threads)) {
      throw new Error(`${worker.logFile}: ${m.missing} worker thread(s) did not report their heap in time (${m.threads} did, ${all[0]?.threads ?? m.threads} before)`);
    }
    all.push(m);
  }
  const rss = all.map((x) => x.rss);
  return {
    at: { rss: median(rss), heapUsed: median(all.map((x) => x.heapUsed)), threadHeapUsed: median(all.map((x) => x.threadHeapUsed)), threads: all[0].threads, missing: 0 },
    rssSpread: Math.max(...rss) - Math.min(...rss),
  };
}

async function openAll(ctx: BenchContext, side: Side, count: number, label: string): Promise<void> {
  const ids: string[] = [];
  // No deadline short of the count: a busy machine starts 10,000 at a few per second (runLoad's default 10 min cut a --full run short).
  const load = await runLoad({
    label: `${side.label} ${label}: start`,
    total: count,
    concurrency: START_CONCURRENCY,
    deadlineMs: Math.max(10 * 60_000, count * 1000),
    progress: ctx.progress,
    task: async (i) => void ids.push(await side.start(i)),
  });
  if (load.failed || ids.length < count) throw new Error(`${side.label}: ${count - ids.length} of ${count} workflow starts failed or were not made: ${load.errors.join('; ')}`);
  let last = 0;
  await pollUntil(`${side.label} workflows to reach their wait point`, async () => {
    const n = await side.parked(ids);
    if (n !== last) ctx.progress(`${side.label} ${label}: ${n}/${count} waiting`);
    last = n;
    return n >= count ? n : undefined;
  }, Math.max(15 * 60_000, count * 500), 1000); // a busy 2-core machine parks a few per second
}

async function measure(ctx: BenchContext, side: Side, n: number): Promise<SideResult> {
  await openAll(ctx, side, WARMUP, 'warm-up');
  await sleep(SETTLE_MS);
  const before = await sample(side.worker);
  ctx.progress(`${side.label}: workflow heap ${mib(before.at.threadHeapUsed)} MiB, RSS ${mib(before.at.rss)} MiB with ${WARMUP} open; opening ${n} more`);
  await openAll(ctx, side, n, 'open');
  await sleep(SETTLE_MS);
  const after = await sample(side.worker);
  ctx.progress(`${side.label}: workflow heap ${mib(after.at.threadHeapUsed)} MiB, RSS ${mib(after.at.rss)} MiB with ${WARMUP + n} open`);
  if (after.at.threads < 1) throw new Error(`${side.label}: the worker reported no workflow thread`);
  if (after.at.threads !== before.at.threads) throw new Error(`${side.label}: ${before.at.threads} worker threads reported before, ${after.at.threads} after`);
  return {
    before: before.at,
    after: after.at,
    workflowHeap: (after.at.threadHeapUsed - before.at.threadHeapUsed) / n,
    rss: (after.at.rss - before.at.rss) / n,
    mainHeap: (after.at.heapUsed - before.at.heapUsed) / n,
    rssNoise: Math.max(before.rssSpread, after.rssSpread) / n,
  };
}

const mib = (b: number) => (b / 2 ** 20).toFixed(1);

/**
 * The workers' workflow cache size: @temporalio/worker 1.24's default (reuseV8Context), 600 workflows per
 * GiB of V8 heap limit above 200 MiB. The worker processes run the same node with the same heap flags.
 */
function heapStatistics() {
  const heapLimitMiB = v8.getHeapStatistics().heap_size_limit / 2 ** 20;
  return { heapLimitMiB: Math.round(heapLimitMiB), defaultMaxCachedWorkflows: Math.max(Math.floor((Math.max(heapLimitMiB - 200, 0) * 600) / 1024), 10) };
}

/** Custodian's own worker (apps/worker, unchanged) on a task queue of this scenario's, and how to fill it. */
async function oursSide(ctx: BenchContext, client: Client, app: AppEndpoints, run: string, maxCached: number): Promise<Side> {
  const requester = await withPg(app.databaseUrl, (c) => directoryUser(c, 'agent1'));
  const taskQueue = `bench-memory-ours-${run}`;
  const worker = await startWorkerProcess(ctx, {
    label: 'ours-memory-worker',
    entry: 'apps/worker/src/main.ts',
    env: { ...app.env, TEMPORAL_TASK_QUEUE: taskQueue, TEMPORAL_MAX_CACHED_WORKFLOWS: String(maxCached), LOG_LEVEL: 'info' },
    readyLine: 'polling task queue',
    probe: true,
  });
  return {
    label: 'ours',
    worker,
    start: () => startAccessRequest(client, { taskQueue, requester, durationMs: hours(8), justification: 'bench: worker memory' }),
    // Parked once its first task is open in the read model (the openTask activity has run).
    parked: (ids) => withPg(app.databaseUrl, async (c) => Number((await c.query(`SELECT count(*) AS n FROM tasks WHERE process_key = ANY($1) AND status = 'open'`, [ids])).rows[0].n)),
  };
}

/** The raw baseline's worker, and raw workflows that wait on their first Update. */
async function rawSide(ctx: BenchContext, client: Client, app: AppEndpoints, run: string, maxCached: number): Promise<Side> {
  const taskQueue = `bench-memory-raw-${run}`;
  const worker = await startRawWorker(ctx, app.temporalAddress, taskQueue, { label: 'raw-memory-worker', probe: true, maxCachedWorkflows: maxCached, payloadKeys: app.env.TEMPORAL_PAYLOAD_KEYS });
  const parked = new Set<string>();
  return {
    label: 'raw',
    worker,
    start: async (i) => {
      const id = `raw-memory-${run}-${randomUUID()}`;
      await client.workflow.start(rawAccessRequestWorkflow, { taskQueue, workflowId: id, args: [`req-${i}`] });
      return id;
    },
    // Parked once its first activity has completed and the workflow task after it is done (10 history
    // events). Checked in start order, at most a page per round, stopping at the first not yet parked
    // (the worker takes them roughly in that order): describing all 10,000 every second would itself
    // load the server being measured.
    parked: async (ids) => {
      const pending = ids.filter((id) => !parked.has(id)).slice(0, 200);
      for (let i = 0; i < pending.length; i += 20) {
        const page = pending.slice(i, i + 20);
        const done = await Promise.all(
          page.map(async (id) => {
            const d = await client.workflow.getHandle(id).describe();
            return (d.historyLength ?? 0) >= 10 && d.raw.pendingActivities?.length === 0;
          }),
        );
        page.forEach((id, k) => done[k] && parked.add(id));
        if (done.includes(false)) break;
      }
      return ids.filter((id) => parked.has(id)).length;
    },
  };
}

export const workerMemory: Scenario = {
  id: 'worker-memory',
  title: 'Ours vs raw: worker memory per open workflow (--full: 10,000 open workflows)',
  async run(ctx): Promise<ScenarioResult> {
    const n = SIZES[ctx.size].open;
    const app = await benchApp(ctx);
    const connection = await Connection.connect({ address: app.temporalAddress });
    const client = new Client({ connection, namespace: 'default', dataConverter: custodianDataConverter(app.env) });
    const run = randomUUID().slice(0, 8);
    const sides: Side[] = [];
    try {
      // Both sides at once: each measures its own process, and the run takes half as long.
      const maxCached = n + WARMUP + CACHE_HEADROOM;
      const made = await Promise.allSettled([oursSide(ctx, client, app, run, maxCached), rawSide(ctx, client, app, run, maxCached)]);
      for (const m of made) if (m.status === 'fulfilled') sides.push(m.value);
      for (const m of made) if (m.status === 'rejected') throw m.reason;
      const [ours, raw] = await Promise.all(sides.map((side) => measure(ctx, side, n)));

      const cache = heapStatistics();
      return {
        status: 'measured',
        parameters: { openWorkflows: n, warmUp: WARMUP, maxCachedWorkflows: maxCached, sdkDefaultMaxCachedWorkflows: cache.defaultMaxCachedWorkflows, heapLimitMiB: cache.heapLimitMiB },
        metrics: {
          oursWorkflowHeapBytesPerOpenWorkflow: Math.round(ours.workflowHeap),
          rawWorkflowHeapBytesPerOpenWorkflow: Math.round(raw.workflowHeap),
          workflowHeapOursOverRaw: Math.round((ours.workflowHeap / raw.workflowHeap) * 100) / 100,
          oursRssBytesPerOpenWorkflow: Math.round(ours.rss),
          rawRssBytesPerOpenWorkflow: Math.round(raw.rss),
          oursRssNoiseBytesPerWorkflow: Math.round(ours.rssNoise),
          rawRssNoiseBytesPerWorkflow: Math.round(raw.rssNoise),
          oursMainHeapBytesPerOpenWorkflow: Math.round(ours.mainHeap),
          rawMainHeapBytesPerOpenWorkflow: Math.round(raw.mainHeap),
          oursRssBeforeMiB: Number(mib(ours.before.rss)),
          oursRssAfterMiB: Number(mib(ours.after.rss)),
          rawRssBeforeMiB: Number(mib(raw.before.rss)),
          rawRssAfterMiB: Number(mib(raw.after.rss)),
        },
        latencies: {},
        notes: [
          `per open workflow = (median after − median before) ÷ ${n}, each sample after a full GC of every thread. Workflow heap = the V8 heap of the SDK's workflow thread (live data, the steady figure); RSS = the whole process (also allocator slack and the Rust core); RSS noise = the widest spread of ${SAMPLES} samples ÷ ${n}`,
          `both workers ran with maxCachedWorkflows ${maxCached}, so all ${n + WARMUP} open workflows stayed cached (the SDK's default here would be ${cache.defaultMaxCachedWorkflows})`,
        ],
      };
    } finally {
      await Promise.all(sides.map((s) => s.worker.stop()));
      await connection.close();
    }
  },
};
