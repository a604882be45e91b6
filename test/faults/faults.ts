/**
 * The faults the run injects in the middle of a load, and how each one is undone. Every fault
 * measures how long the system was impaired and how long it took to answer again.
 */
import { custodianDataConverter } from '../../libs/temporal/payload-codec.js';
import { Client, Connection } from '@temporalio/client';
import { hostname } from 'node:os';
import type { AppProcesses, LocalSystem } from '../../scripts/support/local-system.js';
import type { Http, Sessions } from './http.js';
import { probePostgresOutage, probeTemporalOutage, type OutageProbes, type ProbeStats } from './outage-probes.js';
import type { Violations } from './violations.js';

export interface FaultContext {
  system: LocalSystem;
  procs: AppProcesses;
  http: Http;
  sessions: Sessions;
  violations: Violations;
  probes: OutageProbes;
  log: (m: string) => void;
}

export interface FaultRecord {
  /** Processes killed or restarted by this fault. */
  kills: number;
  restarts: number;
  /** Time the component was down, and from its restart until the system answered again. */
  downMs: number;
  recoveryMs: number;
  probes?: ProbeStats;
}

export interface Fault {
  readonly kind: 'worker-kill' | 'api-restart' | 'postgres-restart' | 'temporal-restart';
  readonly label: string;
  inject(ctx: FaultContext): Promise<FaultRecord>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until a worker process with this pid polls the task queue (its identity names the pid). */
async function waitPolling(ctx: FaultContext, pid: number, timeoutMs = 120_000): Promise<void> {
  const { env, temporalAddress } = ctx.procs.endpoints;
  const identity = `custodian-worker@${hostname()}:${pid}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Connection.connect({ address: temporalAddress, connectTimeout: 2000 });
      try {
        const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE ?? 'default', dataConverter: custodianDataConverter(env) });
        const q = await client.workflowService.describeTaskQueue({
          namespace: client.options.namespace,
          taskQueue: { name: env.TEMPORAL_TASK_QUEUE ?? 'custodian' },
          taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
        });
        if (q.pollers?.some((p) => p.identity === identity)) return;
      } finally {
        await connection.close();
      }
    } catch {
      // Temporal itself may be coming back: keep asking
    }
    if (Date.now() >= deadline) throw new Error(`worker pid ${pid} did not poll the task queue within ${timeoutMs / 1000} s`);
    await sleep(300);
  }
}

/** SIGKILL the worker in the middle of its activities, `times` times, restarting it after each. */
export function workerKill(times = 1): Fault {
  return {
    kind: 'worker-kill',
    label: times === 1 ? 'worker SIGKILL' : `worker SIGKILL ×${times}`,
    async inject(ctx) {
      const rec: FaultRecord = { kills: 0, restarts: 0, downMs: 0, recoveryMs: 0 };
      for (let i = 0; i < times; i++) {
        for (const w of ctx.procs.workers) {
          const t0 = Date.now();
          await w.kill('SIGKILL');
          rec.kills += 1;
          await sleep(1000); // down long enough for its sticky queue and running activities to be orphaned
          const t1 = Date.now();
          w.start();
          rec.restarts += 1;
          await waitPolling(ctx, w.pid!);
          rec.downMs += t1 - t0;
          rec.recoveryMs += Date.now() - t1;
        }
        if (i < times - 1) await sleep(3000); // let the load move on before the next kill
      }
      return rec;
    },
  };
}

/** Restart the API: SIGKILL (a crash, requests in flight are cut) or SIGTERM (a deployment). */
export function apiRestart(signal: 'SIGKILL' | 'SIGTERM'): Fault {
  return {
    kind: 'api-restart',
    label: `API restart (${signal})`,
    async inject(ctx) {
      const t0 = Date.now();
      await ctx.procs.api.kill(signal);
      const t1 = Date.now();
      ctx.procs.api.start();
      await ctx.system.apiReady(ctx.procs);
      return { kills: 1, restarts: 1, downMs: t1 - t0, recoveryMs: Date.now() - t1 };
    },
  };
}

/**
 * Stop PostgreSQL (fast shutdown: sessions are cut), keep it down for downMs while probing that every
 * answer is a 503 with Retry-After within the hang limit, then start it and wait until the API is ready.
 */
export function postgresRestart(downMs: number): Fault {
  return {
    kind: 'postgres-restart',
    label: `PostgreSQL restart (${downMs / 1000} s down)`,
    async inject(ctx) {
      const t0 = Date.now();
      await ctx.system.stopPostgres();
      const probes = await probePostgresOutage(ctx, downMs);
      const t1 = Date.now();
      await ctx.system.postgres();
      await ctx.system.apiReady(ctx.procs);
      return { kills: 0, restarts: 1, downMs: t1 - t0, recoveryMs: Date.now() - t1, probes };
    },
  };
}

/** Stop the Temporal dev server (its state is in a file), keep it down for downMs, start it again. */
export function temporalRestart(downMs: number): Fault {
  return {
    kind: 'temporal-restart',
    label: `Temporal restart (${downMs / 1000} s down)`,
    async inject(ctx) {
      const t0 = Date.now();
      await ctx.system.stopTemporal();
      const probes = await probeTemporalOutage(ctx, downMs);
      const t1 = Date.now();
      await ctx.system.temporal();
      await ctx.system.apiReady(ctx.procs);
      // The workers reconnect on their own: wait until each polls again.
      for (const w of ctx.procs.workers) if (w.pid) await waitPolling(ctx, w.pid);
      return { kills: 0, restarts: 1, downMs: t1 - t0, recoveryMs: Date.now() - t1, probes };
    },
  };
}
