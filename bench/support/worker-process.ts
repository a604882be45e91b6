/**
 * A Temporal worker in a process of its own, started beside the system for one scenario: the raw
 * baseline's worker, or Custodian's own worker (apps/worker) on a task queue of the scenario's, so
 * what it measures is that process alone. The system adopts it, so it is stopped on every exit path.
 */
import { join } from 'node:path';
import { supervise, type Supervised } from '../../libs/runtime/supervisor.js';
import { projectRoot } from '../../libs/temporal/binaries.js';
import type { BenchContext } from '../scenarios/types.js';

/** What bench/support/memory-probe.cjs reports, in bytes, after a full GC of every thread. */
export interface MemorySample {
  rss: number;
  /** The main thread's V8 heap (activities, the SDK's bookkeeping). */
  heapUsed: number;
  /** The worker threads' V8 heaps: the SDK runs workflows in one. */
  threadHeapUsed: number;
  threads: number;
  /** Threads that answered the previous sample but not this one in time (the figure then misses their heap). */
  missing: number;
}

export interface WorkerProcess {
  child: Supervised['child'];
  logFile: string;
  /** Memory after a full GC of the main thread (only with `probe: true`). */
  memory: () => Promise<MemorySample>;
  stop: () => Promise<void>;
}

export async function startWorkerProcess(
  ctx: BenchContext,
  o: { label: string; entry: string; env: Record<string, string | undefined>; readyLine: string; probe?: boolean },
): Promise<WorkerProcess> {
  const logFile = join(ctx.system.workDir, `${o.label}.log`);
  const flags = ['--import', '@swc-node/register/esm-register', ...(o.probe ? ['--expose-gc', '--require', './bench/support/memory-probe.cjs'] : [])];
  const proc = ctx.system.adopt(supervise({ name: o.label, command: process.execPath, args: [...flags, o.entry], cwd: projectRoot, env: o.env, logFile, ipc: o.probe, graceMs: 15_000 }));
  // The scenario's directory may be gone by the time anyone looks: the error quotes what the process said.
  await proc.ready({ logLine: o.readyLine }, { timeoutMs: 180_000 });
  const child = proc.child;
  return {
    child,
    logFile,
    memory: () =>
      new Promise<MemorySample>((resolve, reject) => {
        if (!child.send) return reject(new Error(`${o.label} was started without the memory probe`));
        const onMessage = (m: { type?: string } & MemorySample) => {
          if (m?.type !== 'bench:memory') return;
          child.off('message', onMessage);
          resolve({ rss: m.rss, heapUsed: m.heapUsed, threadHeapUsed: m.threadHeapUsed, threads: m.threads, missing: m.missing });
        };
        child.on('message', onMessage);
        child.send('bench:memory');
      }),
    stop: async () => void (await proc.stop()),
  };
}
