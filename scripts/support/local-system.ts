/**
 * The whole system on this machine, for tools that drive it from outside (`npm run test:fuzz`,
 * `npm run bench`): started the same way as `npm start` and the tests, but on free ports and in a
 * temporary directory, so it never touches ./data or a developer's running instance.
 *
 * Each engine starts on first use (a raw Temporal benchmark needs no PostgreSQL), and `stop()` stops
 * every process this object started — call it from `finally` and from signal handlers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../libs/db/embedded-postgres.js';
import { waitFor } from '../../libs/runtime/ports.js';
import { ensureTemporalBinary, projectRoot } from '../../libs/temporal/binaries.js';
import { startTemporalDevServer, type DevServerHandle } from '../../libs/temporal/dev-server.js';
import { freePort } from '../../test/support/env.js';

export interface AppEndpoints {
  baseUrl: string;
  databaseUrl: string;
  temporalAddress: string;
  /** The environment the API and worker run with: reuse it to start extra processes (e.g. more workers). */
  env: Record<string, string>;
}

/** Resolves after ms, or rejects when the promise does: stops of crashed processes must not hang. */
function within<T>(ms: number, p: Promise<T>): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([p, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]).finally(() => clearTimeout(timer));
}

/** SIGTERM, then SIGKILL after graceMs; resolves once the process is gone. */
export async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<true>((resolve) => child.once('exit', () => resolve(true)));
  child.kill('SIGTERM');
  if ((await within(graceMs, exited)) !== true) {
    child.kill('SIGKILL');
    await exited;
  }
}

export class LocalSystem {
  readonly workDir: string;
  readonly logFile: string;
  private pg?: Promise<EmbeddedPostgresHandle>;
  private temporalServer?: Promise<DevServerHandle>;
  private app?: Promise<AppEndpoints>;
  private launcher?: ChildProcess;
  private readonly adopted: ChildProcess[] = [];
  private stopped = false;

  constructor(
    label: string,
    private readonly log: (m: string) => void,
    private readonly options: { temporalInMemory?: boolean } = {},
  ) {
    this.workDir = mkdtempSync(join(tmpdir(), `custodian-${label}-`));
    chmodSync(this.workDir, 0o755); // embedded PostgreSQL runs as another user when we are root (STACK.md pitfall 5)
    this.logFile = join(this.workDir, 'app.log');
  }

  postgres(): Promise<EmbeddedPostgresHandle> {
    this.pg ??= (async () => {
      const port = await freePort();
      this.log(`starting embedded PostgreSQL on 127.0.0.1:${port}`);
      return startEmbeddedPostgres({ dir: join(this.workDir, 'pg'), port, database: 'custodian' });
    })();
    return this.pg;
  }

  temporal(): Promise<DevServerHandle> {
    this.temporalServer ??= (async () => {
      const cli = ensureTemporalBinary('cli', this.log);
      if (!cli) throw new Error('No Temporal CLI could be found or installed: set TEMPORAL_CLI_PATH');
      const [port, uiPort] = [await freePort(), await freePort()];
      this.log(`starting Temporal dev server on 127.0.0.1:${port}`);
      // File-persisted like `npm start` (and like a real cluster, which writes to its database) unless asked.
      const dbFile = this.options.temporalInMemory ? undefined : join(this.workDir, 'temporal.db');
      return startTemporalDevServer({ cliPath: cli.path, dbFile, port, uiPort, headless: true });
    })();
    return this.temporalServer;
  }

  /**
   * PostgreSQL + Temporal + the launcher (apps/launcher: migrations, worker(s), API) with the demo
   * directory seeded. The launcher gets DATABASE_URL and TEMPORAL_ADDRESS, so it starts only the apps.
   */
  endpoints(overrides: Record<string, string> = {}): Promise<AppEndpoints> {
    this.app ??= (async () => {
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
        SEED_DEMO: '1',
        WORKER_COUNT: '1',
        ...overrides,
      };
      const out = openSync(this.logFile, 'a');
      this.log(`starting API and worker (launcher; their log: ${this.logFile})`);
      // Its own process group, so stop() can end the launcher and its children together.
      const launcher = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'apps/launcher/src/main.ts'], {
        cwd: projectRoot,
        env,
        detached: true,
        stdio: ['ignore', out, out],
      });
      closeSync(out);
      this.launcher = launcher;
      let exit: string | undefined;
      launcher.once('exit', (code, signal) => (exit = `${signal ?? code}`));
      const baseUrl = `http://127.0.0.1:${port}`;
      await waitFor('the API', async () => {
        if (exit !== undefined) throw new Error(`the launcher exited (${exit}); see ${this.logFile}`);
        const r = await fetch(`${baseUrl}/health/ready`);
        if (r.status !== 200) throw new Error(`readiness ${r.status}`);
      }, 120_000, 500).catch((e) => {
        throw exit !== undefined ? new Error(`the launcher exited (${exit}); see ${this.logFile}`) : e;
      });
      return { baseUrl, databaseUrl: pg.url, temporalAddress: temporal.address, env };
    })();
    return this.app;
  }

  /** A process a tool started beside the system (e.g. a benchmark's own worker): stop() ends it too. */
  adopt(child: ChildProcess): ChildProcess {
    this.adopted.push(child);
    return child;
  }

  /** Stops everything started here, newest first; safe to call twice and after a crash. */
  async stop(opts: { keepWorkDir?: boolean } = {}): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all(this.adopted.map((child) => stopChild(child)));
    const launcher = this.launcher;
    if (launcher?.pid && launcher.exitCode === null && launcher.signalCode === null) {
      const exited = new Promise<void>((resolve) => launcher.once('exit', () => resolve()));
      const group = (signal: NodeJS.Signals) => {
        try {
          process.kill(-launcher.pid!, signal);
        } catch {
          // already gone
        }
      };
      group('SIGTERM'); // the launcher stops the API and worker(s) in order
      if ((await within(20_000, exited.then(() => true))) !== true) group('SIGKILL');
      // Anything of the group still alive after the launcher left (it waits for them, so normally none).
      group('SIGKILL');
    }
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
    const onSignal = (signal: NodeJS.Signals) => {
      log(`${signal}: stopping everything that was started`);
      void system.stop().finally(() => process.exit(130));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    let failed = false;
    try {
      return await fn(system);
    } catch (e) {
      failed = true;
      throw e;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      // A failed run keeps its directory (the app log is there) for a look.
      await system.stop({ keepWorkDir: failed });
      if (failed) log(`kept ${system.workDir} for inspection (app log: ${system.logFile})`);
    }
  }
}
