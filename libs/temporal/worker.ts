import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type NativeConnectionOptions, type WorkerOptions } from '@temporalio/worker';
import { guardActivities } from './activity-guard.js';
import { activityOutcomeInterceptor, type ActivityOutcome } from './activity-outcomes.js';
import { fileURLToPath } from 'node:url';

/** The workflows entry point, resolved the same way from source (tsx/swc) and tests (the workflow bundler maps ESM-style ./x.js imports to ./x.ts itself). */
export const workflowsPath = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

/**
 * How every bundle of workflows/ is built (the worker, the tests, the history recorder, the benchmark).
 * The workflow modules and the policy they import are preloaded: evaluated once when the worker's
 * reusable V8 context starts, deep-frozen and shared by every workflow, instead of evaluated again for
 * each workflow (their functions, classes and tables then cost nothing per cached workflow; `npm run bench`,
 * worker-memory). Safe because none of them keeps state at module level (functions, classes, constant
 * tables and activity proxies only); a module that did would leak it across workflows.
 */
export const workflowBundleOptions: { workflowsPath: string; preloadModules: string[] } = { workflowsPath, preloadModules: [workflowsPath] };

export interface CustodianWorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  activities: object;
  /** The payload codec (custodianDataConverter). */
  dataConverter: DataConverter;
  /** mTLS to the cluster (temporalTls(config)). */
  tls?: NativeConnectionOptions['tls'];
  /** Pre-built bundle (tests bundle once per run); otherwise the worker bundles workflowsPath. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  identity?: string;
  maxConcurrentActivityTaskExecutions?: number;
  maxConcurrentWorkflowTaskExecutions?: number;
  /** The workflow cache's size; the SDK's default (from the heap limit) when unset. */
  maxCachedWorkflows?: number;
  /** How long a workflow's next task waits for the worker that holds it cached (STICKY_QUEUE_TIMEOUT). */
  stickyQueueTimeout?: string;
  /** Told how each activity attempt ended (the worker's metrics). */
  onActivityOutcome?: (activityType: string, outcome: ActivityOutcome) => void;
}

/**
 * How long a workflow task waits for the worker that has the workflow cached before the server hands it
 * to any worker, with its whole history to replay. The SDK's 10 s is shorter than a busy worker's backlog:
 * with 1,000 grants expiring together (bench expiry-precision --full) the tasks still queued after 10 s
 * timed out and were replayed from scratch on the same worker, making the drain slower still. A worker
 * that is gone stops polling, and the server then stops waiting for it well before this.
 */
export const STICKY_QUEUE_TIMEOUT = '30s';

export async function createCustodianWorker(o: CustodianWorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: o.address, tls: o.tls });
  const worker = await Worker.create({
    connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    activities: guardActivities(o.activities),
    dataConverter: o.dataConverter,
    ...(o.workflowBundle ? { workflowBundle: o.workflowBundle } : { workflowsPath, bundlerOptions: { preloadModules: workflowBundleOptions.preloadModules } }),
    ...(o.identity ? { identity: o.identity } : {}),
    maxConcurrentActivityTaskExecutions: o.maxConcurrentActivityTaskExecutions ?? 50,
    maxConcurrentWorkflowTaskExecutions: o.maxConcurrentWorkflowTaskExecutions ?? 50,
    ...(o.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: o.maxCachedWorkflows } : {}),
    shutdownGraceTime: '10s',
    stickyQueueScheduleToStartTimeout: (o.stickyQueueTimeout ?? STICKY_QUEUE_TIMEOUT) as WorkerOptions['stickyQueueScheduleToStartTimeout'],
    ...(o.onActivityOutcome ? { interceptors: { activity: [activityOutcomeInterceptor(o.onActivityOutcome)] } } : {}),
  });
  return { worker, connection };
}
