/**
 * Raw expiry baseline: the floor under expiry-precision's lag. N raw workflows (bench/raw/raw.workflow.ts
 * rawExpiryWorkflow), as many as ours expires, whose timers fall due at the same instant, each then
 * running one no-op activity, on the same Temporal server in the same run, with no HTTP and no
 * database. Lag = the wall-clock time the activity ran − the due instant. What ours adds on top
 * (expiry lag p99, ours ÷ raw) is our workflow task, the endGrant transaction and its event write.
 */
import { custodianDataConverter } from '../../libs/temporal/payload-codec.js';
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { generatePayloadKey } from '../../libs/config/payload-keys.js';
import { rawExpiryWorkflow } from '../raw/raw.workflow.js';
import { LatencyRecorder } from '../support/latency.js';
import { runLoad } from '../support/load.js';
import { EXPIRY_COMPARE_KEY, EXPIRY_SIZES } from './expiry-precision.js';
import { startRawWorker } from './raw-access-requests.js';
import type { Scenario, ScenarioResult } from './types.js';

/** Starts are fast (no approvals): the due instant leaves room for all of them on a busy machine. */
const leadMs = (grants: number) => 2_000 + grants * 20;

export const rawExpiry: Scenario = {
  id: 'raw-expiry',
  title: 'Raw Temporal baseline: N timers falling due at one instant, then one no-op activity each; lag from due time',
  async run(ctx): Promise<ScenarioResult> {
    const { grants } = EXPIRY_SIZES[ctx.size];
    const temporal = await ctx.system.temporal();
    const taskQueue = `bench-raw-expiry-${randomUUID()}`;
    const payloadKeys = process.env.TEMPORAL_PAYLOAD_KEYS ?? generatePayloadKey();
    const workers = await Promise.all(Array.from({ length: ctx.rawWorkers ?? 1 }, (_, k) => startRawWorker(ctx, temporal.address, taskQueue, { label: `raw-expiry-worker${k ? `-${k + 1}` : ''}`, payloadKeys })));
    const connection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection, namespace: 'default', dataConverter: custodianDataConverter({ TEMPORAL_PAYLOAD_KEYS: payloadKeys }) });
    try {
      const dueAt = Date.now() + leadMs(grants);
      const handles: Awaited<ReturnType<typeof client.workflow.start<typeof rawExpiryWorkflow>>>[] = [];
      const started = await runLoad({
        label: 'raw expiry starts',
        total: grants,
        concurrency: 25,
        progress: ctx.progress,
        task: async (i) => {
          handles.push(await client.workflow.start(rawExpiryWorkflow, { taskQueue, workflowId: `raw-expiry-${taskQueue}-${i}`, args: [`grant-${i}`, dueAt] }));
        },
      });
      const lateStarts = Date.now() > dueAt;
      ctx.progress(`${handles.length} timers set; all fall due in ${((dueAt - Date.now()) / 1000).toFixed(0)} s`);
      const rec = new LatencyRecorder();
      const ran = await Promise.all(handles.map((h) => h.result().catch(() => null)));
      const done = ran.filter((t): t is number => t !== null);
      for (const t of done) rec.record('expiry lag (due → activity ran)', t - dueAt);
      // Expiries a second, from the due instant to the last one: the rate the batch drained at.
      const drainSec = Math.max(1, Math.max(...done) - dueAt) / 1000;
      const throughputPerSec = done.length / drainSec;
      return {
        status: 'measured',
        parameters: { grants, leadSec: leadMs(grants) / 1000 },
        metrics: { expired: done.length, failed: started.failed + (handles.length - done.length), expiredEarly: done.filter((t) => t < dueAt).length, drainSec, throughputPerSec },
        latencies: rec.summaries(),
        compare: { key: EXPIRY_COMPARE_KEY, side: 'raw', throughputPerSec, latency: 'expiry lag (due → activity ran)' },
        notes: [...started.errors, ...(lateStarts ? ['some starts finished after the due instant: their timers fired at once'] : [])],
      };
    } finally {
      await connection.close();
      await Promise.all(workers.map((w) => w.stop()));
    }
  },
};
