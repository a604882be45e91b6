/**
 * A Temporal worker in a process of its own, started beside the system for one scenario: the raw
 * baseline's worker, or Custodian's own worker (apps/worker) on a task queue of the scenario's, so
 * what it measures is that process alone. The system adopts it, so it is stopped on every exit path.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../libs/temporal/binaries.js';
import { stopChild } from '../../scripts/support/local-system.js';
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
  child: ChildProcess;
  logFile: string;
  /** Memory after a full GC of the main thread (only with `probe: true`). */
  memory: () => Promise<MemorySample>;
  stop: () => Promise<void>;
}

export async function startWorkerProcess(
  ctx: BenchContext,
  o: { label: string; entry: string; env: Record<string, string | undefined>; ready: (output: string) => boolean; probe?: boolean },
): Promise<WorkerProcess> {
  const logFile = join(ctx.system.workDir, `${o.label}.log`);
  const flags = ['--import', '@swc-node/register/esm-register', ...(o.probe ? ['--expose-gc', '--require', './bench/support/memory-probe.cjs'] : [])];
  const child = ctx.system.adopt(
    spawn(process.execPath, [...flags, o.entry], { cwd: projectRoot, env: o.env, stdio: ['ignore', 'pipe', 'pipe', ...(o.probe ? (['ipc'] as const) : [])] }),
  );
  const out = createWriteStream(logFile);
  let seen = '';
  let errors = '';
  let ready = false;
  child.stderr!.on('data', (d: Buffer) => {
    out.write(d);
    if (!ready) errors = (errors + String(d)).slice(-2000);
  });
  await new Promise<void>((resolve, reject) => {
    // The scenario's directory may be gone by the time anyone looks: say what the process said.
    const onExit = (code: number | null) => reject(new Error(`${o.label} exited (${code}) before it was ready: ${(errors || seen).trim().slice(-1000)}`));
    child.once('exit', onExit);
    child.stdout!.on('data', (d: Buffer) => {
      out.write(d);
      if (ready) return;
      seen = (seen + String(d)).slice(-4096); // a marker may straddle two chunks
      if (o.ready(seen)) {
        ready = true;
        child.off('exit', onExit);
        resolve();
      }
    });
  });
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
    stop: () => stopChild(child),
  };
}
