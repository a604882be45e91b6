/**
 * The whole system on this machine, for tools that drive it from outside (`npm run test:fuzz`,
 * `npm run bench`, `npm run test:faults`): started the same way as `npm start` and the tests, but on
 * free ports and in a temporary directory, so it never touches ./data or a developer's running instance.
 *
 * Each engine starts on first use (a raw Temporal benchmark needs no PostgreSQL), and `stop()` stops
 * every process this object started — call it from `finally` and from signal handlers. The engines
 * can be stopped and started again on the same port with the same data (`stopPostgres`,
 * `stopTemporal`), and `apps()` runs the API and worker as separate processes a tool can kill.
 */
import { randomBytes } from 'node:crypto';
import { bundleWorkflowCode } from '@temporalio/worker';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../libs/db/embedded-postgres.js';
import { freePort } from '../../libs/runtime/ports.js';
import { runStoppable, supervise, type Supervised } from '../../libs/runtime/supervisor.js';
import { ensureTemporalBinary, projectRoot } from '../../libs/temporal/binaries.js';
import { startTemporalDevServer, type DevServerHandle } from '../../libs/temporal/dev-server.js';
import { workflowBundleOptions } from '../../libs/temporal/worker.js';
import { createDataSource, migrate } from '../../libs/db/data-source.js';
import { generatePayloadKey } from '../../libs/config/payload-keys.js';
import { AppProcess, within, type AppExit } from './app-process.js';

export interface AppEndpoints {
  baseUrl: string;
  databaseUrl: string;
  temporalAddress: string;
  /** The environment the API and worker run with: reuse it to start extra processes (e.g. more workers). */
  env: Record<string, string>;
}

/** The API and worker(s) as separate processes (`LocalSystem.apps()`), each killable on its own. */
export interface AppProcesses {
  endpoints: AppEndpoints;
  api: AppProcess;
  workers: AppProcess[];
}

export class LocalSystem {
  readonly workDir: string;
  readonly logFile: string;
  private pg?: Promise<EmbeddedPostgresHandle>;
  private temporalServer?: Promise<DevServerHandle>;
  private app?: Promise<AppEndpoints>;
  private launcher?: Supervised;
  private appProcesses?: Promise<AppProcesses>;
  private readonly adopted: Supervised[] = [];
  private started?: AppProcesses;
  /** Fixed at first start, so a restarted engine comes back where the apps expect it. */
  private pgPort?: number;
  private temporalPorts?: { port: number; uiPort: number };
  private stopped = false;

  constructor(
    label: string,
    private readonly log: (m: string) => void,
    private readonly options: { temporalInMemory?: boolean } = {},
  ) {
    this.workDir = mkdtempSync(join(tmpdir(), `custodian-${label}-`));
    chmodSync(this.workDir, 0o755); // embedded PostgreSQL runs as another user when we are root (initdb refuses root)
    this.logFile = join(this.workDir, 'app.log');
  }

  postgres(): Promise<EmbeddedPostgresHandle> {
    this.pg ??= (async () => {
      const port = (this.pgPort ??= await freePort());
      this.log(`starting embedded PostgreSQL on 127.0.0.1:${port}`);
      return startEmbeddedPostgres({ dir: join(this.workDir, 'pg'), port, database: 'custodian' });
    })();
    return this.pg;
  }

  /**
   * Stops PostgreSQL with a fast shutdown (open sessions are terminated, as in a real restart) and
   * keeps its data; the next `postgres()` starts it again on the same port.
   */
  async stopPostgres(): Promise<void> {
    const handle = await this.pg?.catch(() => undefined);
    this.pg = undefined;
    await handle?.stop();
  }

  temporal(): Promise<DevServerHandle> {
    this.temporalServer ??= (async () => {
      const cli = ensureTemporalBinary('cli', this.log);
      if (!cli) throw new Error('No Temporal CLI could be found or installed: set TEMPORAL_CLI_PATH');
      const { port, uiPort } = (this.temporalPorts ??= { port: await freePort(), uiPort: await freePort() });
      this.log(`starting Temporal dev server on 127.0.0.1:${port}`);
      // File-persisted like `npm start` (and like a real cluster, which writes to its database) unless asked.
      const dbFile = this.options.temporalInMemory ? undefined : join(this.workDir, 'temporal.db');
      return startTemporalDevServer({ cliPath: cli.path, dbFile, port, uiPort, headless: true });
    })();
    return this.temporalServer;
  }

  /**
   * Stops the Temporal dev server; the next `temporal()` starts it again on the same port from the
   * same file, so running workflows carry on (refused in memory, where a restart would lose them).
   */
  async stopTemporal(): Promise<void> {
    if (this.options.temporalInMemory) throw new Error('an in-memory Temporal dev server cannot be restarted without losing its workflows');
    const handle = await this.temporalServer?.catch(() => undefined);
    this.temporalServer = undefined;
    await handle?.stop();
  }

  /**
   * PostgreSQL + Temporal + the launcher (apps/launcher: migrations, worker(s), API) with the demo
   * directory seeded. The launcher gets DATABASE_URL and TEMPORAL_ADDRESS, so it starts only the apps.
   */
  endpoints(overrides: Record<string, string> = {}): Promise<AppEndpoints> {
    if (this.appProcesses) throw new Error('apps() already runs the API and worker: use its endpoints');
    this.app ??= (async () => {
      const { env, port, pg, temporal } = await this.appEnvironment(overrides);
      this.log(`starting API and worker (launcher; their log: ${this.logFile})`);
      // The launcher stops the API and worker(s) in order on SIGTERM; the group's SIGKILL catches the rest.
      this.launcher = supervise({
        name: 'the launcher (API and worker)',
        command: process.execPath,
        args: ['--import', '@swc-node/register/esm-register', 'apps/launcher/src/main.ts'],
        cwd: projectRoot,
        env,
        logFile: this.logFile,
        graceMs: 20_000,
      });
      const baseUrl = `http://127.0.0.1:${port}`;
      await this.launcher.ready({ http: `${baseUrl}/health/ready` }, { timeoutMs: 120_000, intervalMs: 500 });
      return { baseUrl, databaseUrl: pg.url, temporalAddress: temporal.address, env };
    })();
    return this.app;
  }

  /** Engines up, and the environment the apps run with (one API port, a fresh signing secret). */
  private async appEnvironment(overrides: Record<string, string>) {
    const [pg, temporal] = await Promise.all([this.postgres(), this.temporal()]);
    const port = await freePort();
    const env: Record<string, string> = {
      ...(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined)) as Record<string, string>),
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporal.address,
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      CUSTODIAN_DATA_DIR: join(this.workDir, 'data'),
      JWT_SECRET: randomBytes(36).toString('base64url'),
      DECISION_LINK_SECRET: randomBytes(36).toString('base64url'),
      TEMPORAL_PAYLOAD_KEYS: generatePayloadKey(),
      // The visitors' master key (INF-1, PIPL): without it the visitor desk answers 503.
      VISITOR_KEY: randomBytes(32).toString('base64'),
      SEED_DEMO: '1',
      WORKER_COUNT: '1',
      ...overrides,
    };
    return { env, port, pg, temporal };
  }

  /**
   * Like endpoints(), but without the launcher (which stops everything when one app exits): the
   * migrations run here, then each worker and the API are separate child processes that a tool can
   * SIGKILL and start again (`npm run test:faults`). An exit nobody asked for is passed to
   * onUnexpectedExit. Use either this or endpoints() on one LocalSystem.
   */
  apps(opts: { overrides?: Record<string, string>; workers?: number; onUnexpectedExit?: (app: AppProcess, exit: AppExit) => void } = {}): Promise<AppProcesses> {
    if (this.app) throw new Error('endpoints() already runs the apps through the launcher');
    this.appProcesses ??= (async () => {
      const { env, port, pg, temporal } = await this.appEnvironment(opts.overrides ?? {});
      // Bundled once here: a worker that is killed and started again then does not bundle workflows/
      // anew each time (seconds on two busy cores), and every start runs the same code.
      if (!env.TEMPORAL_WORKFLOW_BUNDLE) {
        const { code } = await bundleWorkflowCode({ ...workflowBundleOptions, logger: { trace() {}, debug() {}, info() {}, warn: this.log, error: this.log } as never });
        env.TEMPORAL_WORKFLOW_BUNDLE = join(this.workDir, 'workflow-bundle.js');
        writeFileSync(env.TEMPORAL_WORKFLOW_BUNDLE, code);
      }
      const ds = createDataSource({ url: pg.url, applicationName: 'custodian-local-system' });
      await ds.initialize();
      try {
        await migrate(ds, this.log);
      } finally {
        await ds.destroy();
      }
      const app = (name: string, entry: string) => new AppProcess(name, entry, env, join(this.workDir, `${name}.log`), opts.onUnexpectedExit);
      const workers = Array.from({ length: opts.workers ?? 1 }, (_, i) => app(`worker-${i + 1}`, 'apps/worker/src/main.ts'));
      const api = app('api', 'apps/api/src/main.ts');
      const procs: AppProcesses = { endpoints: { baseUrl: `http://127.0.0.1:${port}`, databaseUrl: pg.url, temporalAddress: temporal.address, env }, api, workers };
      this.started = procs;
      this.log(`starting API and ${workers.length} worker(s) (logs: ${join(this.workDir, '*.log')})`);
      for (const w of workers) w.start();
      api.start();
      await this.apiReady(procs);
      return procs;
    })();
    return this.appProcesses;
  }

  /** Waits for the API of apps() to answer readiness (after a start or restart). */
  async apiReady(procs: AppProcesses, timeoutMs = 120_000): Promise<void> {
    await procs.api.ready({ http: `${procs.endpoints.baseUrl}/health/ready` }, { timeoutMs, intervalMs: 300, keepOnFailure: true });
  }

  /** A process a tool started beside the system (e.g. a benchmark's own worker): stop() ends it too. */
  adopt<T extends Supervised>(child: T): T {
    this.adopted.push(child);
    return child;
  }

  /** Stops everything started here, newest first; safe to call twice and after a crash. */
  async stop(opts: { keepWorkDir?: boolean } = {}): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all(this.adopted.map((child) => child.stop()));
    // Apps started by apps(): the API first (it stops taking requests), then the workers.
    if (this.started) {
      await this.started.api.stop();
      await Promise.all(this.started.workers.map((w) => w.stop()));
    }
    await this.launcher?.stop();
    const settle = async (p: Promise<{ stop: () => Promise<void> }> | undefined) => {
      const h = await p?.catch(() => undefined);
      if (h) await within(15_000, h.stop().catch(() => undefined));
    };
    await settle(this.temporalServer);
    await settle(this.pg);
    if (!opts.keepWorkDir) rmSync(this.workDir, { recursive: true, force: true });
  }

  /** Runs fn with the system, stopping it afterwards and on Ctrl-C / SIGTERM. */
  static async use<T>(label: string, log: (m: string) => void, fn: (system: LocalSystem) => Promise<T>, options: LocalSystem['options'] = {}): Promise<T> {
    const system = new LocalSystem(label, log, options);
    return runStoppable(system, log, fn, `app log: ${system.logFile}`);
  }
}
