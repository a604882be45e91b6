import { fileURLToPath } from 'node:url';
import { supervise, type Supervised } from '../../libs/runtime/supervisor.js';
import { need, TEST_ENV } from './env.js';
import { workflowBundle } from './temporal.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface WorkerProcess {
  child: Supervised['child'];
  output: () => string;
  /**
   * Sends the signal to the worker's process group and waits until it is gone; a worker still there
   * after `graceMs` (a SIGTERM stuck in a graceful shutdown) is killed with SIGKILL.
   */
  stop: (signal: NodeJS.Signals, graceMs?: number) => Promise<void>;
}

/** Every worker started and not yet gone, so a failed or timed-out test cannot leak one (and the supervisor kills any left at exit). */
const live = new Set<WorkerProcess>();

/** Stops every worker still running (afterEach/afterAll): SIGTERM, then SIGKILL after the grace time. */
export async function stopAllWorkers(graceMs = 5_000): Promise<void> {
  await Promise.all([...live].map((w) => w.stop('SIGTERM', graceMs)));
}

/**
 * The real worker (apps/worker/src/main.ts) as a child process in a process group of its own, as
 * production runs it, on the given database and task queue. Resolves once it polls Temporal.
 */
export async function startWorkerProcess(databaseUrl: string, taskQueue: string, timeoutMs = 60_000, env: Record<string, string> = {}): Promise<WorkerProcess> {
  const proc = supervise({
    name: 'worker',
    command: process.execPath,
    args: ['--import', '@swc-node/register/esm-register', 'apps/worker/src/main.ts'],
    cwd: root,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: need(TEST_ENV.temporalAddress),
      TEMPORAL_TASK_QUEUE: taskQueue,
      TEMPORAL_WORKFLOW_BUNDLE: workflowBundle().codePath,
      ...env,
    },
  });
  const worker: WorkerProcess = {
    child: proc.child,
    output: () => proc.tail(),
    stop: async (signal, graceMs = 10_000) => {
      await proc.stop({ signal, graceMs });
      live.delete(worker);
    },
  };
  live.add(worker);
  // A half-started worker is never left behind: ready() stops it on timeout or exit.
  await proc.ready({ logLine: 'polling task queue' }, { timeoutMs, intervalMs: 100 });
  return worker;
}
