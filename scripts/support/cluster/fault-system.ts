/**
 * The cluster (./cluster.ts) as the system a fault run drives (test/faults/runner.ts, FaultSystem):
 * `npm run test:faults -- --cluster`. Started on free ports in a temporary directory; the load goes
 * through the gateway; `procs.api` is the first API replica (the one the API round kills while the
 * other keeps serving) and `procs.workers` are all the workers.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../libs/runtime/ports.js';
import { runStoppable, type Supervised } from '../../../libs/runtime/supervisor.js';
import type { FaultSystem, KillableService } from '../../../test/faults/faults.js';
import type { AppProcess } from '../app-process.js';
import type { AppProcesses, LocalSystem } from '../local-system.js';
import { Cluster } from './cluster.js';
import { clusterPlan, freePorts, type ClusterShape } from './plan.js';

export class ClusterFaultSystem implements FaultSystem {
  readonly workDir: string;
  cluster?: Cluster;
  private procs?: AppProcesses;
  private readonly adopted: Supervised[] = [];
  private stopped = false;

  constructor(
    private readonly log: (m: string) => void,
    private readonly shape: ClusterShape = { historyHosts: 2, apiReplicas: 2, workers: 3 },
  ) {
    this.workDir = mkdtempSync(join(tmpdir(), 'custodian-cluster-faults-'));
    chmodSync(this.workDir, 0o755);
  }

  async apps(opts: Parameters<LocalSystem['apps']>[0] = {}): Promise<AppProcesses> {
    if (this.procs) return this.procs;
    const shape = { ...this.shape, workers: opts.workers ?? this.shape.workers };
    const plan = clusterPlan({ shape, ports: await freePorts(shape, freePort) });
    const cluster = new Cluster({
      plan,
      dataDir: join(this.workDir, 'cluster'),
      log: this.log,
      prometheus: false,
      appOverrides: { LOG_LEVEL: 'warn', ...opts.overrides },
      onUnexpectedExit: (name, exit) => {
        const app = [...(this.cluster?.apis ?? []), ...(this.cluster?.workers ?? [])].find((a) => a.name === name);
        const service = app ?? ({ name, logFile: join(this.workDir, 'cluster', 'logs', `${name}.log`) } as unknown as AppProcess);
        opts.onUnexpectedExit?.(service, { ...exit, expected: false });
      },
    });
    this.cluster = cluster;
    await cluster.start();
    this.procs = {
      endpoints: { baseUrl: cluster.gatewayUrl, databaseUrl: cluster.databaseUrl, temporalAddress: plan.temporal.frontendAddress, env: cluster.env },
      api: cluster.apis[0],
      workers: cluster.workers,
    };
    return this.procs;
  }

  /** Every API replica ready, and the gateway answering. */
  async apiReady(_procs: AppProcesses, timeoutMs = 120_000): Promise<void> {
    const c = this.cluster!;
    await Promise.all(c.apis.map((_, i) => c.apiReady(i, timeoutMs)));
    await c.gateway!.ready(timeoutMs);
  }

  stopPostgres(): Promise<void> {
    return this.cluster!.stopPostgres();
  }

  postgres(): Promise<void> {
    return this.cluster!.startPostgres();
  }

  stopTemporal(): Promise<void> {
    return this.cluster!.stopTemporal();
  }

  temporal(): Promise<void> {
    return this.cluster!.startTemporalAgain();
  }

  temporalService(name: string): KillableService {
    const p = this.cluster!.temporal.get(name);
    if (!p) throw new Error(`no Temporal process ${name} (${[...this.cluster!.temporal.keys()].join(', ')})`);
    return p;
  }

  adopt<T extends Supervised>(child: T): T {
    this.adopted.push(child);
    return child;
  }

  async stop(opts: { keepWorkDir?: boolean } = {}): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all(this.adopted.map((c) => c.stop()));
    await this.cluster?.stop();
    if (!opts.keepWorkDir) rmSync(this.workDir, { recursive: true, force: true });
  }

  /** Runs fn with the cluster, stopping it afterwards and on Ctrl-C / SIGTERM (as LocalSystem.use). */
  static async use<T>(log: (m: string) => void, fn: (system: ClusterFaultSystem) => Promise<T>): Promise<T> {
    const system = new ClusterFaultSystem(log);
    return runStoppable(system, log, fn, `logs: ${join(system.workDir, 'cluster', 'logs')}`);
  }
}
