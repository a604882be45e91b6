/**
 * The raw baseline's worker, in its own process like Custodian's worker (so the driver's event loop
 * measures only the client side). Same worker options as ours (libs/temporal/worker.ts).
 * Env: TEMPORAL_ADDRESS, BENCH_TASK_QUEUE, TEMPORAL_PAYLOAD_KEYS, TEMPORAL_MAX_CACHED_WORKFLOWS (optional, as for ours). Prints READY once polling; stops on SIGTERM (the Temporal
 * runtime drains the worker on it).
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { custodianDataConverter } from '../../libs/temporal/payload-codec.js';
import { createCustodianWorker } from '../../libs/temporal/worker.js';
import { createRawActivities } from './raw.activities.js';

const address = process.env.TEMPORAL_ADDRESS;
const taskQueue = process.env.BENCH_TASK_QUEUE;
if (!address || !taskQueue) throw new Error('TEMPORAL_ADDRESS and BENCH_TASK_QUEUE are required');
const maxCached = process.env.TEMPORAL_MAX_CACHED_WORKFLOWS;
const payloadKeys = process.env.TEMPORAL_PAYLOAD_KEYS;
if (!payloadKeys) throw new Error('TEMPORAL_PAYLOAD_KEYS is required (the raw baseline encrypts as Custodian does)');

const quiet = { trace() {}, debug() {}, info() {}, warn: (m: string) => process.stderr.write(`${m}\n`), error: (m: string) => process.stderr.write(`${m}\n`) };
const { code } = await bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL('./raw.workflow.ts', import.meta.url)), logger: quiet as never });
const { worker, connection } = await createCustodianWorker({
  address,
  namespace: 'default',
  taskQueue,
  activities: createRawActivities(),
  dataConverter: custodianDataConverter({ TEMPORAL_PAYLOAD_KEYS: payloadKeys }),
  workflowBundle: { code },
  identity: `bench-raw-worker@${process.pid}`,
  maxCachedWorkflows: maxCached ? Number(maxCached) : undefined,
});
process.stdout.write('READY\n');
try {
  await worker.run();
} finally {
  await connection.close();
}
