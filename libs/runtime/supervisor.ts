/**
 * The one way this project starts and stops a local process: PostgreSQL, the Temporal dev server, slapd,
 * squid, the API and the workers, and tools such as schemathesis. `npm start`, the tests, the benchmark,
 * the fault and fuzz runners all go through it, so every one of them gets the same guarantees:
 *
 * - the child runs in a process group of its own (spawned detached: the group's id is its pid), so a
 *   stop reaches whatever it forked (squid's helpers, a launcher's API and workers);
 * - ready() waits for a TCP port, an HTTP probe, a log line or any check, and its error names the
 *   process and ends with the tail of its output; a process that never became ready is stopped;
 * - stop() sends SIGTERM (or the process's own stop signal) to the group, SIGKILL after a grace
 *   period, and resolves once it is gone; it is idempotent;
 * - nothing is left behind: a detached group no longer gets the terminal's Ctrl-C, so SIGINT, SIGTERM
 *   and SIGHUP stop every live child (or run the program's own onStopSignal handler), and on exit any
 *   group still alive is killed.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { connect } from 'node:net';
import { constants } from 'node:os';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (e.g. ENOENT). */
  error?: Error;
}

export type Readiness =
  | { port: number; host?: string }
  | { http: string; status?: number }
  | { logLine: string | RegExp }
  | { check: () => Promise<unknown> };

export interface SuperviseOptions {
  /** Names the process in log lines and errors. */
  name: string;
  command: string;
  args?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  /** Appends stdout and stderr to this file (opened per start, so a restarted process adds to it). */
  logFile?: string;
  /** Called with every line of output, e.g. `(l) => log(`[slapd] ${l}`)` for a prefixed stream. */
  onLine?: (line: string) => void;
  /** The child writes to this process's stdout and stderr (there is then no tail to quote). */
  inheritOutput?: boolean;
  /** Opens an IPC channel (child.send / 'message'). */
  ipc?: boolean;
  /** The signal that starts a stop (default SIGTERM; PostgreSQL's fast shutdown is SIGINT). */
  stopSignal?: NodeJS.Signals;
  /** How long a stop waits before SIGKILL (default 5 s). */
  graceMs?: number;
}

export interface ReadyOptions {
  timeoutMs?: number;
  intervalMs?: number;
  keepOnFailure?: boolean;
}

export interface Supervised {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number | undefined;
  readonly running: boolean;
  /** Resolves once the process has exited, for whatever reason. */
  readonly exited: Promise<ChildExit>;
  /** The last few KiB of its output. */
  tail(): string;
  /** Sends a signal to the whole group (no-op once the process is gone). */
  signal(signal: NodeJS.Signals): void;
  /**
   * Resolves once `readiness` holds; on timeout or exit rejects with the tail of the output, after
   * stopping the group (unless `keepOnFailure`: a tool that restarted the process decides itself).
   */
  ready(readiness: Readiness, opts?: ReadyOptions): Promise<this>;
  /** Ends the group (stop signal, SIGKILL after graceMs); idempotent; resolves with how it exited. */
  stop(opts?: { signal?: NodeJS.Signals; graceMs?: number }): Promise<ChildExit>;
}

const TAIL_CHARS = 8192;
const live = new Set<Supervised>();
const stopHandlers: ((signal: NodeJS.Signals) => void)[] = [];
let hooked = false;

/** Stops every child still running, newest first. */
export async function stopAllSupervised(): Promise<void> {
  for (const p of [...live].reverse()) await p.stop();
}

/**
 * Replaces the default reaction to SIGINT/SIGTERM/SIGHUP (stop every child, exit 128+n) with the
 * program's own, e.g. the launcher's ordered stop; the returned function puts the default back.
 */
export function onStopSignal(handler: (signal: NodeJS.Signals) => void): () => void {
  installHooks();
  stopHandlers.push(handler);
  return () => {
    const i = stopHandlers.lastIndexOf(handler);
    if (i >= 0) stopHandlers.splice(i, 1);
  };
}

/**
 * Runs fn with a system that starts processes, and stops it afterwards, on failure and on Ctrl-C /
 * SIGTERM (then exit 130). A failed run keeps the system's working directory for a look; `kept` names
 * what is there. One shape for the dev-server system, the cluster's fault system and its bench system.
 */
export async function runStoppable<S extends { workDir: string; stop(opts?: { keepWorkDir?: boolean }): Promise<void> }, T>(
  system: S,
  log: (m: string) => void,
  fn: (system: S) => Promise<T>,
  kept = '',
): Promise<T> {
  const off = onStopSignal((signal) => {
    log(`${signal}: stopping everything that was started`);
    void system.stop().finally(() => process.exit(130));
  });
  let failed = false;
  try {
    return await fn(system);
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    off();
    await system.stop({ keepWorkDir: failed });
    if (failed) log(`kept ${system.workDir} for inspection${kept ? ` (${kept})` : ''}`);
  }
}

function installHooks(): void {
  if (hooked) return;
  hooked = true;
  // Last resort, synchronous as an 'exit' listener must be: no group outlives this process.
  process.on('exit', () => {
    for (const p of live) p.signal('SIGKILL');
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      const handler = stopHandlers.at(-1);
      if (handler) return handler(sig);
      void stopAllSupervised().finally(() => process.exit(128 + constants.signals[sig]));
    });
  }
}

/** Starts `command` in a process group of its own; see the module comment. */
export function supervise(o: SuperviseOptions): Supervised {
  installHooks();
  const stdio: StdioOptions = ['ignore', o.inheritOutput ? 'inherit' : 'pipe', o.inheritOutput ? 'inherit' : 'pipe', ...(o.ipc ? ['ipc' as const] : [])];
  const child = spawn(o.command, o.args ?? [], { cwd: o.cwd, env: o.env, uid: o.uid, gid: o.gid, stdio, detached: true });
  let tail = '';
  let partial = '';
  /** Log lines a ready() waits for, and whether one was seen (checked per chunk: the tail is bounded). */
  const awaited = new Map<string | RegExp, boolean>();
  const matches = (pattern: string | RegExp, text: string) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));
  const file: WriteStream | undefined = o.logFile ? createWriteStream(o.logFile, { flags: 'a' }) : undefined;
  const onData = (d: Buffer) => {
    file?.write(d);
    const text = tail.slice(-1024) + String(d); // a line may straddle two chunks
    for (const pattern of awaited.keys()) if (matches(pattern, text)) awaited.set(pattern, true);
    tail = (tail + String(d)).slice(-TAIL_CHARS);
    if (!o.onLine) return;
    const lines = (partial + String(d)).split('\n');
    partial = lines.pop()!;
    for (const l of lines) if (l.trim()) o.onLine(l.trimEnd());
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let exit: ChildExit | undefined;
  // All output read and written to the log file.
  const closed = new Promise<void>((resolve) =>
    child.once('close', () => {
      if (partial.trim()) o.onLine?.(partial.trimEnd());
      if (file) file.end(() => resolve());
      else resolve();
    }),
  );
  // Exited at 'exit'; the promise waits for the output too, but not for long: a grandchild that
  // inherited the pipe (squid's helpers) may hold it open.
  const exited = new Promise<ChildExit>((resolve) => {
    const settle = (e: ChildExit) => {
      exit ??= e;
      void Promise.race([closed, new Promise((r) => setTimeout(r, 1000).unref())]).then(() => resolve(exit!));
    };
    child.once('error', (error) => {
      tail += `\n${error.message}`;
      settle({ code: null, signal: null, error });
    });
    child.once('exit', (code, signal) => settle({ code, signal }));
  });
  void exited.then(() => live.delete(p));
  let stopping: Promise<ChildExit> | undefined;
  /** Signals the group; after the leader's exit only right away (its id could be reused later). */
  const group = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* the group is already gone */
    }
  };
  const describe = (e: ChildExit) => e.error?.message ?? `${e.signal ?? e.code}`;
  const lastOutput = () => (tail.trim() ? `; last output:\n${tail.trim().split('\n').slice(-30).join('\n')}` : o.logFile ? `; see ${o.logFile}` : '');

  const p: Supervised = {
    name: o.name,
    child,
    get pid() {
      return exit ? undefined : child.pid;
    },
    get running() {
      return !exit && child.pid !== undefined;
    },
    exited,
    tail: () => tail,
    signal(signal) {
      if (!exit) group(signal);
    },
    stop(opts = {}) {
      stopping ??= (async () => {
        if (exit || child.pid === undefined) return exited;
        group(opts.signal ?? o.stopSignal ?? 'SIGTERM');
        const timer = setTimeout(() => group('SIGKILL'), opts.graceMs ?? o.graceMs ?? 5000);
        const result = await exited;
        clearTimeout(timer);
        group('SIGKILL'); // helpers that outlived their parent
        return result;
      })();
      return stopping;
    },
    async ready(readiness, opts = {}) {
      const timeoutMs = opts.timeoutMs ?? 60_000;
      const deadline = Date.now() + timeoutMs;
      let last: string | undefined;
      if ('logLine' in readiness) awaited.set(readiness.logLine, awaited.get(readiness.logLine) || matches(readiness.logLine, tail));
      for (;;) {
        if (exit) {
          if (!opts.keepOnFailure) group('SIGKILL'); // what it forked and left behind
          await exited; // the last words, for the error
          throw new Error(`${o.name} exited (${describe(exit)}) before it was ready${lastOutput()}`);
        }
        try {
          if (!('logLine' in readiness)) await probe(readiness);
          else if (!awaited.get(readiness.logLine)) throw new Error(`no output line matches ${readiness.logLine}`);
          return p;
        } catch (e) {
          last = (e as Error).message;
        }
        if (Date.now() >= deadline) {
          if (!opts.keepOnFailure) await p.stop();
          throw new Error(`${o.name} did not become ready within ${timeoutMs} ms (${last})${lastOutput()}`);
        }
        let pause: NodeJS.Timeout | undefined;
        await Promise.race([new Promise((r) => (pause = setTimeout(r, opts.intervalMs ?? 250))), exited]);
        clearTimeout(pause);
      }
    },
  };
  live.add(p);
  return p;
}

async function probe(r: Exclude<Readiness, { logLine: unknown }>): Promise<void> {
  if ('check' in r) {
    await r.check();
  } else if ('http' in r) {
    const res = await fetch(r.http, { signal: AbortSignal.timeout(5000) });
    if (res.status !== (r.status ?? 200)) throw new Error(`${r.http} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  } else {
    await new Promise<void>((resolve, reject) => {
      const s = connect(r.port, r.host ?? '127.0.0.1', () => { s.end(); resolve(); });
      s.once('error', reject);
    });
  }
}
