import { spawn, type ChildProcess } from 'node:child_process';

/** A server this project started as a plain process, in a process group of its own. */
export interface ServerProcess {
  process: ChildProcess;
  /** Ends the whole process group (SIGTERM, SIGKILL after graceMs) and resolves when it is gone. */
  stop: () => Promise<void>;
  /** True once the process has exited (by itself or by stop()). */
  readonly exited: boolean;
}

/**
 * Spawns `cmd` detached, so the group's id is its pid and stop() reaches anything it forked (squid's
 * helpers, slapd's threads). Output goes to `log` line by line.
 */
export function spawnServer(name: string, cmd: string, args: string[], opts: { cwd?: string; log?: (m: string) => void; graceMs?: number } = {}): ServerProcess {
  const log = opts.log ?? (() => {});
  const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const onData = (d: Buffer) => {
    for (const line of String(d).split('\n')) if (line.trim()) log(`[${name}] ${line.trim()}`);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let exited = false;
  const gone = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  child.once('error', (e) => { log(`[${name}] ${e.message}`); exited = true; });
  const signalGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      /* the group is already gone */
    }
  };
  return {
    process: child,
    get exited() {
      return exited;
    },
    stop: async () => {
      if (exited || child.pid === undefined) return;
      signalGroup('SIGTERM');
      const t = setTimeout(() => signalGroup('SIGKILL'), opts.graceMs ?? 5000);
      await gone;
      clearTimeout(t);
      signalGroup('SIGKILL'); // helpers that outlived their parent
    },
  };
}
