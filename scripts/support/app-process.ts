/**
 * One Custodian app (the API or a worker) run from source as a child process that a tool can kill and
 * start again: `npm run test:faults` SIGKILLs workers and restarts the API in the middle of a load.
 * Started the way the launcher starts it (`node --import @swc-node/register/esm-register <entry>`),
 * with its output appended to a log file that survives restarts.
 */
import { projectRoot } from '../../libs/temporal/binaries.js';
import { supervise, type Readiness, type ReadyOptions, type Supervised } from '../../libs/runtime/supervisor.js';

export interface AppExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the tool asked for it (kill/stop); false when the app died on its own. */
  expected: boolean;
}

/** Resolves after ms with undefined, or with the promise's value if that comes first. */
export function within<T>(ms: number, p: Promise<T>): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([p, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]).finally(() => clearTimeout(timer));
}

export class AppProcess {
  private current?: Supervised;
  private exited?: Promise<AppExit>;
  private expectingExit = false;
  /** Set by stop(): the app is being shut down for good and start() refuses (a fault must not revive it). */
  private closed = false;
  /** How many times the process was started. */
  starts = 0;
  /** Exits nobody asked for (a crash): a fault-injection run reports these. */
  readonly unexpectedExits: AppExit[] = [];

  constructor(
    readonly name: string,
    private readonly entry: string,
    private readonly env: Record<string, string>,
    readonly logFile: string,
    private readonly onUnexpectedExit: (app: AppProcess, exit: AppExit) => void = () => {},
  ) {}

  get pid(): number | undefined {
    return this.current?.pid;
  }

  get running(): boolean {
    return !!this.current?.running;
  }

  start(): void {
    if (this.closed) throw new Error(`${this.name} was stopped for good`);
    if (this.running) throw new Error(`${this.name} is already running (pid ${this.pid})`);
    const app = supervise({
      name: this.name,
      command: process.execPath,
      args: ['--enable-source-maps', '--import', '@swc-node/register/esm-register', this.entry],
      cwd: projectRoot,
      env: this.env,
      logFile: this.logFile,
    });
    this.current = app;
    this.expectingExit = false;
    this.starts += 1;
    this.exited = app.exited.then(({ code, signal }) => {
      const exit = { code, signal, expected: this.expectingExit };
      if (!exit.expected) {
        this.unexpectedExits.push(exit);
        this.onUnexpectedExit(this, exit);
      }
      return exit;
    });
  }

  /** Waits until the current process passes the readiness probe (see libs/runtime/supervisor.ts). */
  async ready(readiness: Readiness, opts?: ReadyOptions): Promise<void> {
    if (!this.current) throw new Error(`${this.name} was never started`);
    await this.current.ready(readiness, opts);
  }

  /** Sends the signal to its process group and waits until it is gone (SIGKILL after graceMs for a gentler signal). */
  async kill(signal: NodeJS.Signals = 'SIGKILL', graceMs = 15_000): Promise<AppExit | undefined> {
    if (!this.running) return undefined;
    this.expectingExit = true;
    await this.current!.stop({ signal, graceMs: signal === 'SIGKILL' ? 30_000 : graceMs });
    return this.exited;
  }

  /**
   * For good: SIGTERM (the app drains and closes its connections), SIGKILL if it takes longer than
   * graceMs. A later start() throws, so a fault under way cannot bring it back after the run stopped.
   */
  stop(graceMs = 15_000): Promise<AppExit | undefined> {
    this.closed = true;
    return this.kill('SIGTERM', graceMs);
  }

  /** Resolves when the current process exits for whatever reason. */
  whenExited(): Promise<AppExit> | undefined {
    return this.exited;
  }
}
