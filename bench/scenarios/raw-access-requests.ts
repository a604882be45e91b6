/**
 * Raw baseline: N external-network-shaped workflows (bench/raw/raw.workflow.ts) driven straight
 * through the Temporal client — start, three decision Updates, result — against the same Temporal
 * server as ours, with no HTTP and no database. Ours ÷ raw (see access-requests-http.ts) is the cost
 * of everything Custodian adds on top of Temporal.
 */
import { generatePayloadKey } from '../../libs/config/payload-keys.js';
import { custodianDataConverter } from '../../libs/temporal/payload-codec.js';
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { RAW_STAGES, rawAccessRequestWorkflow, rawDecideUpdate } from '../raw/raw.workflow.js';
import { historyLengths, mean } from '../support/history.js';
import { LatencyRecorder } from '../support/latency.js';
import { runLoad } from '../support/load.js';
import { startWorkerProcess } from '../support/worker-process.js';
import { ACCESS_LOAD, ACCESS_WARMUP } from './access-load.js';
import type { BenchContext, Scenario, ScenarioResult } from './types.js';

/** The raw baseline encrypts its payloads as Custodian does (same codec, same cost), with a key of its own. */
const rawPayloadKeys = process.env.TEMPORAL_PAYLOAD_KEYS ?? generatePayloadKey();

/** The raw baseline's worker (bench/raw/raw-worker.ts) in its own process, like Custodian's worker. */
export function startRawWorker(ctx: BenchContext, address: string, taskQueue: string, o: { label?: string; probe?: boolean; maxCachedWorkflows?: number; payloadKeys?: string } = {}) {
  return startWorkerProcess(ctx, {
    label: o.label ?? 'raw-worker',
    entry: 'bench/raw/raw-worker.ts',
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_PAYLOAD_KEYS: o.payloadKeys ?? rawPayloadKeys,
      BENCH_TASK_QUEUE: taskQueue,
      ...(o.maxCachedWorkflows !== undefined ? { TEMPORAL_MAX_CACHED_WORKFLOWS: String(o.maxCachedWorkflows) } : {}),
    },
    readyLine: 'READY',
    probe: o.probe,
  });
}

export const rawAccessRequests: Scenario = {
  id: 'raw-access-requests',
  title: 'Raw Temporal baseline: access-request-shaped workflows (3 Updates, 7 no-op activities), no HTTP, no DB',
  async run(ctx): Promise<ScenarioResult> {
    const { total, concurrency, deadlineMs } = ACCESS_LOAD[ctx.size];
    const temporal = await ctx.system.temporal();
    const taskQueue = `bench-raw-${randomUUID()}`;
    const workers = await Promise.all(Array.from({ length: ctx.rawWorkers ?? 1 }, (_, k) => startRawWorker(ctx, temporal.address, taskQueue, { label: k ? `raw-worker-${k + 1}` : 'raw-worker' })));
    const connection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection, namespace: 'default', dataConverter: custodianDataConverter({ TEMPORAL_PAYLOAD_KEYS: rawPayloadKeys }) });
    const rec = new LatencyRecorder();
    const done: string[] = [];
    const once = async (i: number, r: LatencyRecorder | undefined) => {
      const time = <T>(name: string, fn: () => Promise<T>) => (r ? r.time(name, fn) : fn());
      const started = performance.now();
      const handle = await time('start', () => client.workflow.start(rawAccessRequestWorkflow, { taskQueue, workflowId: `raw-${taskQueue}-${i}`, args: [`req-${i}`] }));
      for (const stage of RAW_STAGES) {
        await time(`decide`, () => handle.executeUpdate(rawDecideUpdate, { args: [{ stage, approve: true, actor: `${stage}-user` }] }));
      }
      const outcome = await time('result', () => handle.result());
      if (outcome !== 'enabled') throw new Error(`workflow ended ${outcome}`);
      r?.record('total (start → enabled)', performance.now() - started);
      if (r) done.push(handle.workflowId);
    };
    try {
      ctx.progress(`warm-up: ${ACCESS_WARMUP} workflows`);
      await Promise.all(Array.from({ length: ACCESS_WARMUP }, (_, i) => once(-1 - i, undefined)));
      const load = await runLoad({ label: 'raw', total, concurrency, deadlineMs, progress: ctx.progress, task: (i) => once(i, rec) });
      const latencies = rec.summaries();
      const events = await historyLengths(temporal.address, 'default', done);
      return {
        status: 'measured',
        parameters: { workflows: total, concurrency, updatesPerWorkflow: RAW_STAGES.length, activitiesPerWorkflow: 7 },
        metrics: { completed: load.completed, failed: load.failed, throughputPerSec: load.throughputPerSec, elapsedSec: load.elapsedMs / 1000, historyEventsPerRequest: mean(events) },
        latencies,
        compare: {
          key: 'external-network access request',
          side: 'raw',
          throughputPerSec: load.throughputPerSec,
          latency: 'total (start → enabled)',
          calls: { submit: 'start', decision: 'decide' },
        },
        notes: load.errors,
      };
    } finally {
      await connection.close();
      await Promise.all(workers.map((w) => w.stop()));
    }
  },
};
