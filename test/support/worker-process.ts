import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { need, TEST_ENV } from './env.js';
import { workflowBundle } from './temporal.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  /**
   * Sends the signal to the worker's process group and waits until it is gone; a worker still there
   * after `graceMs` (a SIGTERM stuck in a graceful shutdown) is killed with SIGKILL.
   */
  stop: (signal: NodeJS.Signals, graceMs?: number) => Promise<void>;
}

/** Every worker started and not yet gone, so a failed or timed-out test cannot leak one. */
const live = new Set<WorkerProcess>();

/** The child runs in a process group of its own (spawned detached): the group's id is its pid. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

// Last resort if the test process exits with a worker still running (the handler must be synchronous).
process.once('exit', () => {
  for (const w of live) signalGroup(w.child, 'SIGKILL');
});

/** Stops every worker still running (afterEach/afterAll): SIGTERM, then SIGKILL after the grace time. */
export async function stopAllWorkers(graceMs = 5_000): Promise<void> {
  await Promise.all([...live].map((w) => w.stop('SIGTERM', graceMs)));
}

/**
 * The real worker (apps/worker/src/main.ts) as a child process, as production runs it, on the given
 * database and task queue. Resolves once it polls Temporal.
 */
export async function startWorkerProcess(databaseUrl: string, taskQueue: string, timeoutMs = 60_000): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'apps/worker/src/main.ts'], {
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
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so a kill reaches anything it started too
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: NodeJS.Signals, graceMs = 10_000): Promise<void> => {
    signalGroup(child, signal);
    let timer: NodeJS.Timeout | undefined;
    const gone = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), graceMs)))]);
    clearTimeout(timer);
    if (!gone) {
      signalGroup(child, 'SIGKILL');
      await exited;
    }
    live.delete(worker);
  };
  const worker: WorkerProcess = { child, output: () => out, stop };
  live.add(worker);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      signalGroup(child, 'SIGKILL'); // never leave a half-started worker behind
      reject(new Error(`worker did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('polling task queue')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code} during start-up:\n${out}`));
    });
  });
  return worker;
}
