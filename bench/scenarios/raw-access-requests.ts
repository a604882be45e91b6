/**
 * Raw baseline: N external-network-shaped workflows (bench/raw/raw.workflow.ts) driven straight
 * through the Temporal client — start, three decision Updates, result — against the same Temporal
 * server as ours, with no HTTP and no database. Ours ÷ raw (see access-requests-http.ts) is the cost
 * of everything Custodian adds on top of Temporal.
 */
import { Client, Connection } from '@temporalio/client';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../libs/temporal/binaries.js';
import { stopChild } from '../../scripts/support/local-system.js';
import { RAW_STAGES, rawAccessRequestWorkflow, rawDecideUpdate } from '../raw/raw.workflow.js';
import { LatencyRecorder } from '../support/latency.js';
import { runLoad } from '../support/load.js';
import type { BenchContext, Scenario, ScenarioResult } from './types.js';

// Default: about a minute here, leaving the rest of the 3-minute budget to the "ours" scenarios.
const SIZES = { default: { total: 200, concurrency: 30, deadlineMs: 75_000 }, full: { total: 5000, concurrency: 100, deadlineMs: 20 * 60_000 } } as const;
const WARMUP = 10;

async function startRawWorker(ctx: BenchContext, address: string, taskQueue: string) {
  const log = join(ctx.system.workDir, 'raw-worker.log');
  const child = ctx.system.adopt(
    spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'bench/raw/raw-worker.ts'], {
      cwd: projectRoot,
      env: { ...process.env, TEMPORAL_ADDRESS: address, BENCH_TASK_QUEUE: taskQueue },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const out = createWriteStream(log);
  child.stderr!.pipe(out);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => (String(d).includes('READY') ? resolve() : out.write(d)));
    child.once('exit', (code) => reject(new Error(`raw worker exited (${code}); see ${log}`)));
  });
  return child;
}

export const rawAccessRequests: Scenario = {
  id: 'raw-access-requests',
  title: 'Raw Temporal baseline: access-request-shaped workflows (3 Updates, 7 no-op activities), no HTTP, no DB',
  async run(ctx): Promise<ScenarioResult> {
    const { total, concurrency, deadlineMs } = SIZES[ctx.size];
    const temporal = await ctx.system.temporal();
    const taskQueue = `bench-raw-${randomUUID()}`;
    const worker = await startRawWorker(ctx, temporal.address, taskQueue);
    const connection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection, namespace: 'default' });
    const rec = new LatencyRecorder();
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
    };
    try {
      ctx.progress(`warm-up: ${WARMUP} workflows`);
      await Promise.all(Array.from({ length: WARMUP }, (_, i) => once(-1 - i, undefined)));
      const load = await runLoad({ label: 'raw', total, concurrency, deadlineMs, progress: ctx.progress, task: (i) => once(i, rec) });
      const latencies = rec.summaries();
      return {
        status: 'measured',
        parameters: { workflows: total, concurrency, updatesPerWorkflow: RAW_STAGES.length, activitiesPerWorkflow: 7 },
        metrics: { completed: load.completed, failed: load.failed, throughputPerSec: load.throughputPerSec, elapsedSec: load.elapsedMs / 1000 },
        latencies,
        compare: { key: 'external-network access request', side: 'raw', throughputPerSec: load.throughputPerSec, latency: 'total (start → enabled)' },
        notes: load.errors,
      };
    } finally {
      await connection.close();
      await stopChild(worker);
    }
  },
};
