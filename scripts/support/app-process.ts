/**
 * One Custodian app (the API or a worker) run from source as a child process that a tool can kill and
 * start again: `npm run test:faults` SIGKILLs workers and restarts the API in the middle of a load.
 * Started the way the launcher starts it (`node --import @swc-node/register/esm-register <entry>`),
 * with its output appended to a log file that survives restarts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { projectRoot } from '../../libs/temporal/binaries.js';

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
  private child?: ChildProcess;
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
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    if (this.closed) throw new Error(`${this.name} was stopped for good`);
    if (this.running) throw new Error(`${this.name} is already running (pid ${this.child!.pid})`);
    const out = openSync(this.logFile, 'a');
    const child = spawn(process.execPath, ['--enable-source-maps', '--import', '@swc-node/register/esm-register', this.entry], {
      cwd: projectRoot,
      env: this.env,
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    this.child = child;
    this.expectingExit = false;
    this.starts += 1;
    this.exited = new Promise<AppExit>((resolve) => {
      child.once('exit', (code, signal) => {
        const exit = { code, signal, expected: this.expectingExit };
        if (!exit.expected) {
          this.unexpectedExits.push(exit);
          this.onUnexpectedExit(this, exit);
        }
        resolve(exit);
      });
    });
  }

  /** Sends the signal and waits until the process is gone (SIGKILL after graceMs for a gentler signal). */
  async kill(signal: NodeJS.Signals = 'SIGKILL', graceMs = 15_000): Promise<AppExit | undefined> {
    if (!this.running) return undefined;
    this.expectingExit = true;
    this.child!.kill(signal);
    const exit = await within(signal === 'SIGKILL' ? 30_000 : graceMs, this.exited!);
    if (exit) return exit;
    this.child!.kill('SIGKILL');
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
