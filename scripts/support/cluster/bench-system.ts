/**
 * The cluster (./cluster.ts) as the system the benchmark drives (`npm run bench -- --cluster`,
 * bench/scenarios/types.ts BenchSystem): started once on free ports in a temporary directory with the
 * bench's app settings, the load going through the gateway to the API replicas; scaleWorkers(n) runs
 * n workers between scenarios, so 1, 2 and 4 workers are measured on the same cluster.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { custodianDataConverter } from '../../../libs/temporal/payload-codec.js';
import { freePort } from '../../../libs/runtime/ports.js';
import { runStoppable, type Supervised } from '../../../libs/runtime/supervisor.js';
import type { BenchSystem } from '../../../bench/scenarios/types.js';
import type { AppEndpoints } from '../local-system.js';
import { Cluster } from './cluster.js';
import { clusterPlan, freePorts, type ClusterShape } from './plan.js';

export class ClusterBenchSystem implements BenchSystem {
  readonly workDir: string;
  cluster?: Cluster;
  private started?: Promise<AppEndpoints>;
  private readonly adopted: Supervised[] = [];

  constructor(
    private readonly log: (m: string) => void,
    private readonly shape: ClusterShape,
    private readonly initialWorkers: number,
    private readonly appOverrides: Record<string, string>,
  ) {
    this.workDir = mkdtempSync(join(tmpdir(), 'custodian-cluster-bench-'));
    chmodSync(this.workDir, 0o755);
  }

  /** The whole cluster on first use (the raw baselines need only Temporal, but run on the same cluster as ours). */
  endpoints(): Promise<AppEndpoints> {
    this.started ??= (async () => {
      const plan = clusterPlan({ shape: this.shape, ports: await freePorts(this.shape, freePort) });
      const cluster = new Cluster({ plan, dataDir: join(this.workDir, 'cluster'), log: this.log, prometheus: false, appOverrides: this.appOverrides, initialWorkers: this.initialWorkers });
      this.cluster = cluster;
      await cluster.start();
      // The bench's own connection (seeding the inbox disables triggers, checks) as the superuser, as under
      // LocalSystem; the apps keep the `custodian` role.
      return { baseUrl: cluster.gatewayUrl, databaseUrl: cluster.adminUrl?.('custodian') ?? cluster.databaseUrl, temporalAddress: plan.temporal.frontendAddress, env: cluster.env };
    })();
    return this.started;
  }

  async temporal(): Promise<{ address: string }> {
    return { address: (await this.endpoints()).temporalAddress };
  }

  /** Exactly n workers, each polling the task queue before this returns. */
  async scaleWorkers(n: number): Promise<void> {
    const { env, temporalAddress } = await this.endpoints();
    const workers = await this.cluster!.scaleWorkers(n);
    const deadline = Date.now() + 120_000;
    const connection = await Connection.connect({ address: temporalAddress });
    try {
      const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter: custodianDataConverter(env) });
      for (;;) {
        const q = await client.workflowService.describeTaskQueue({ namespace: env.TEMPORAL_NAMESPACE, taskQueue: { name: env.TEMPORAL_TASK_QUEUE }, taskQueueType: 1 });
        const polling = new Set(q.pollers?.map((p) => p.identity));
        if (workers.every((w) => w.pid && polling.has(`custodian-worker@${hostname()}:${w.pid}`))) return;
        if (Date.now() > deadline) throw new Error(`${n} worker(s) did not all poll within 120 s`);
        await new Promise((r) => setTimeout(r, 500));
      }
    } finally {
      await connection.close();
    }
  }

  adopt<T extends Supervised>(child: T): T {
    this.adopted.push(child);
    return child;
  }

  async stop(opts: { keepWorkDir?: boolean } = {}): Promise<void> {
    await Promise.all(this.adopted.map((c) => c.stop()));
    await this.cluster?.stop();
    if (!opts.keepWorkDir) rmSync(this.workDir, { recursive: true, force: true });
  }

  static async use<T>(log: (m: string) => void, o: { shape: ClusterShape; initialWorkers: number; appOverrides: Record<string, string> }, fn: (s: ClusterBenchSystem) => Promise<T>): Promise<T> {
    return runStoppable(new ClusterBenchSystem(log, o.shape, o.initialWorkers, o.appOverrides), log, fn);
  }
}
