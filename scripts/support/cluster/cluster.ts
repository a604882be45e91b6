/**
 * Starts and stops the production topology on this machine (the plan of ./plan.ts): PostgreSQL, the
 * Temporal services as separate processes of the server built from source (libs/temporal/server-build.ts),
 * the namespace and search attributes (deploy/temporal/setup-namespace.sh, as compose's temporal-setup),
 * the migrations, the workers, the API replicas, nginx in front of them and Prometheus. Every process
 * runs under libs/runtime/supervisor.ts (a process group each), and can be killed and started again one
 * by one (`npm run test:faults -- --cluster`). Data persists in the data directory between runs.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { Connection } from '@temporalio/client';
import pg from 'pg';
import { generatePayloadKey } from '../../../libs/config/payload-keys.js';
import { createDataSource, migrate } from '../../../libs/db/data-source.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../../libs/db/embedded-postgres.js';
import { assertPortFree } from '../../../libs/runtime/ports.js';
import { supervise, type Readiness, type Supervised } from '../../../libs/runtime/supervisor.js';
import { ensureWebBuild } from '../../../libs/runtime/web-build.js';
import { ensureTemporalBinary, projectRoot } from '../../../libs/temporal/binaries.js';
import { ensureTemporalServer, type TemporalServerBinaries } from '../../../libs/temporal/server-build.js';
import { workflowBundleOptions } from '../../../libs/temporal/worker.js';
import { AppProcess, type AppExit } from '../app-process.js';
import { appEnv, appProcessEnv, deployPath, renderNginxConfig, renderPrometheusConfig, type ClusterPlan } from './plan.js';

export const NGINX_PATH = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
export const PROMETHEUS_PATH = process.env.PROMETHEUS_PATH ?? '/usr/bin/prometheus';

export interface ClusterOptions {
  plan: ClusterPlan;
  dataDir: string;
  log: (m: string) => void;
  /** Both or neither: an existing PostgreSQL for Custodian and for Temporal (the databases temporal and temporal_visibility, created if missing). */
  databaseUrl?: string;
  temporalDbUrl?: string;
  /** Start Prometheus (when installed). */
  prometheus?: boolean;
  /** Added to the apps' environment (e.g. quotas off for a load). */
  appOverrides?: Record<string, string>;
  /** A process that dies unasked is started again after a second (compose's `restart: unless-stopped`); otherwise reported here. */
  autoRestart?: boolean;
  onUnexpectedExit?: (name: string, exit: { code: number | null; signal: NodeJS.Signals | null }) => void;
  /** Start fewer workers than the plan has ports for (scaleWorkers adds the others later). */
  initialWorkers?: number;
}

/** A non-app process of the cluster (a Temporal service, nginx, Prometheus) that can be killed and started again. */
export class ClusterProcess {
  private current?: Supervised;
  private expecting = false;
  private closed = false;
  starts = 0;

  constructor(
    readonly name: string,
    private readonly spawn: () => Supervised,
    readonly readiness: Readiness,
    readonly logFile: string,
    private readonly onExit: (p: ClusterProcess, exit: AppExit) => void,
  ) {}

  get running(): boolean {
    return !!this.current?.running;
  }

  get pid(): number | undefined {
    return this.current?.pid;
  }

  start(): void {
    if (this.closed) throw new Error(`${this.name} was stopped for good`);
    if (this.running) return;
    const p = this.spawn();
    this.current = p;
    this.expecting = false;
    this.starts += 1;
    void p.exited.then(({ code, signal }) => this.onExit(this, { code, signal, expected: this.expecting || this.closed }));
  }

  async ready(timeoutMs = 120_000): Promise<void> {
    await this.current!.ready(this.readiness, { timeoutMs, intervalMs: 300, keepOnFailure: true });
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.running) return;
    this.expecting = true;
    await this.current!.stop({ signal, graceMs: 20_000 });
  }

  async stop(): Promise<void> {
    this.closed = true;
    await this.kill('SIGTERM');
  }

  tail(): string {
    return this.current?.tail() ?? '';
  }
}

/** A secret generated once per data directory and kept there (0600). */
function secret(dir: string, name: string, make: () => string = () => randomBytes(24).toString('hex')): string {
  const file = join(dir, name);
  if (!existsSync(file)) writeFileSync(file, `${make()}\n`, { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function uidOf(user: string): { uid: number; gid: number } | undefined {
  try {
    return { uid: Number(execFileSync('id', ['-u', user]).toString()), gid: Number(execFileSync('id', ['-g', user]).toString()) };
  } catch {
    return undefined;
  }
}

export class Cluster {
  readonly logDir: string;
  readonly runDir: string;
  readonly temporal = new Map<string, ClusterProcess>();
  readonly apis: AppProcess[] = [];
  readonly workers: AppProcess[] = [];
  gateway?: ClusterProcess;
  prometheusProcess?: ClusterProcess;
  private pg?: EmbeddedPostgresHandle;
  private binaries?: TemporalServerBinaries;
  private appEnv: Record<string, string> = {};
  private readonly workerStarts: number[] = [];
  private stopping = false;
  /** The admin URL of the embedded PostgreSQL (faults restart it). */
  private pgAdmin?: (db: string) => string;

  constructor(readonly o: ClusterOptions) {
    this.logDir = join(o.dataDir, 'logs');
    this.runDir = join(o.dataDir, 'run');
  }

  get plan(): ClusterPlan {
    return this.o.plan;
  }

  get gatewayUrl(): string {
    return this.plan.gateway.url;
  }

  get databaseUrl(): string {
    return this.appEnv.DATABASE_URL;
  }

  get env(): Record<string, string> {
    return this.appEnv;
  }

  get metricsToken(): string {
    return readFileSync(join(this.o.dataDir, 'metrics-token'), 'utf8').trim();
  }

  private exitHandler = (p: { name: string; start(): void }, exit: AppExit) => {
    if (exit.expected || this.stopping) return;
    this.o.log(`${p.name} exited on its own (${exit.signal ?? `code ${exit.code}`}); its log: ${join(this.logDir, `${p.name}.log`)}`);
    this.o.onUnexpectedExit?.(p.name, exit);
    if (this.o.autoRestart) setTimeout(() => !this.stopping && p.start(), 1000).unref();
  };

  async start(): Promise<void> {
    const { log, dataDir } = this.o;
    for (const d of [dataDir, this.logDir, this.runDir]) mkdirSync(d, { recursive: true });
    chmodSync(dataDir, 0o755); // the embedded PostgreSQL and nginx's workers run as other users when we are root
    if ((this.o.databaseUrl === undefined) !== (this.o.temporalDbUrl === undefined)) throw new Error('set both DATABASE_URL and TEMPORAL_DB_URL (an existing PostgreSQL), or neither (an embedded one in the data directory)');
    if (!existsSync(NGINX_PATH)) throw new Error(`nginx is needed for the gateway: run npm run tools:cluster (Debian package nginx) or set NGINX_PATH (${NGINX_PATH} is missing)`);
    await this.checkPorts();

    this.binaries = await ensureTemporalServer(log);
    const cli = ensureTemporalBinary('cli', log);
    if (!cli) throw new Error('the temporal CLI (namespace setup) is missing: run npm run tools');

    const dbs = await this.startDatabase();
    await this.setupTemporalSchemas(dbs.temporal);
    await this.startTemporal(dbs.temporal);
    await this.setupNamespace(cli.path);

    const ds = createDataSource({ url: dbs.custodian, applicationName: 'custodian-cluster' });
    await ds.initialize();
    try {
      const done = await migrate(ds, log);
      if (!done.length) log('[db] schema up to date');
    } finally {
      await ds.destroy();
    }
    await ensureWebBuild(log);
    await this.startApps(dbs.custodian, dbs.embedded);
    await this.startGateway();
    if (this.o.prometheus !== false && existsSync(PROMETHEUS_PATH)) await this.startPrometheus();
  }

  private async checkPorts(): Promise<void> {
    const p = this.plan.ports;
    const named: [number, string][] = [
      ...(this.o.databaseUrl ? [] : [[p.postgres, 'CLUSTER_POSTGRES_PORT'] as [number, string]]),
      ...this.plan.temporal.processes.flatMap((t) => [[t.grpcPort, `${t.name} gRPC`], [t.membershipPort, `${t.name} membership`], [t.metricsPort, `${t.name} metrics`]] as [number, string][]),
      [p.frontendHttp, 'frontend HTTP'],
      [p.gateway, 'CUSTODIAN_PUBLISHED_PORT'],
      ...p.api.map((x, i) => [x, `API replica ${i + 1}`] as [number, string]),
      ...p.apiMetrics.map((x, i) => [x, `API replica ${i + 1} metrics`] as [number, string]),
      ...p.workerMetrics.map((x, i) => [x, `worker ${i + 1} metrics`] as [number, string]),
    ];
    for (const [port, what] of named) await assertPortFree(port, '127.0.0.1', what);
  }

  /** PostgreSQL: embedded in the data directory (roles `custodian` and `temporal`, as deploy/postgres/init-databases.sh makes them), or the URLs given. */
  private async startDatabase(): Promise<{ custodian: string; temporal: URL; embedded: boolean }> {
    if (this.o.databaseUrl && this.o.temporalDbUrl) return { custodian: this.o.databaseUrl, temporal: new URL(this.o.temporalDbUrl), embedded: false };
    const port = this.plan.ports.postgres;
    this.o.log(`[cluster] PostgreSQL on 127.0.0.1:${port} (data: ${join(this.o.dataDir, 'postgres')})`);
    this.pg = await startEmbeddedPostgres({ dir: join(this.o.dataDir, 'postgres'), port, database: 'postgres' });
    this.pgAdmin = this.pg.adminUrl;
    const custodianPw = secret(this.o.dataDir, 'custodian-db-password');
    const temporalPw = secret(this.o.dataDir, 'temporal-db-password');
    const admin = new pg.Client({ connectionString: this.pg.adminUrl('postgres') });
    await admin.connect();
    try {
      for (const [role, pw] of [['custodian', custodianPw], ['temporal', temporalPw]]) {
        const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
        // The password is ours (hex): a literal is safe, and CREATE/ALTER ROLE take no parameters.
        await admin.query(`${rowCount ? 'ALTER' : 'CREATE'} ROLE ${role} LOGIN PASSWORD '${pw}'`);
      }
      const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'custodian'");
      if (!rowCount) await admin.query('CREATE DATABASE custodian OWNER custodian');
    } finally {
      await admin.end();
    }
    const adminUrl = new URL(this.pg.adminUrl('postgres'));
    // The temporal databases are created by temporal-sql-tool as the admin, then handed to the role.
    await this.sqlTool(adminUrl, this.plan.temporal.databases.main, ['create-database'], true);
    await this.sqlTool(adminUrl, this.plan.temporal.databases.visibility, ['create-database'], true);
    const admin2 = new pg.Client({ connectionString: this.pg.adminUrl('postgres') });
    await admin2.connect();
    try {
      for (const db of Object.values(this.plan.temporal.databases)) await admin2.query(`ALTER DATABASE ${db} OWNER TO temporal`);
    } finally {
      await admin2.end();
    }
    const temporal = new URL(`postgres://temporal:${temporalPw}@127.0.0.1:${port}/`);
    return { custodian: `postgres://custodian:${custodianPw}@127.0.0.1:${port}/custodian`, temporal, embedded: true };
  }

  /** Runs temporal-sql-tool (the password through SQL_PASSWORD, never on the command line); `existsOk` accepts "already exists". */
  private async sqlTool(url: URL, db: string, args: string[], existsOk = false): Promise<void> {
    const run = supervise({
      name: `temporal-sql-tool ${args[0]} (${db})`,
      command: this.binaries!.sqlTool,
      args: ['--plugin', 'postgres12', '--ep', url.hostname, '-p', url.port || '5432', '-u', decodeURIComponent(url.username), '--db', db, ...args],
      env: { ...process.env, SQL_PASSWORD: decodeURIComponent(url.password) },
      logFile: join(this.logDir, 'temporal-sql-tool.log'),
    });
    const exit = await run.exited;
    if (exit.code === 0 || (existsOk && /already exists/.test(run.tail()))) return;
    throw new Error(`temporal-sql-tool ${args.join(' ')} on ${db} failed (${exit.signal ?? exit.code}): ${run.tail().trim().split('\n').slice(-8).join('\n')}`);
  }

  /** deploy/temporal/setup-schema.sh's steps, with the schemas of the module the server was built from. */
  private async setupTemporalSchemas(url: URL): Promise<void> {
    this.o.log('[cluster] Temporal schemas (setup-schema -v 0.0, update-schema)');
    for (const [db, dir] of [[this.plan.temporal.databases.main, 'temporal'], [this.plan.temporal.databases.visibility, 'visibility']]) {
      await this.sqlTool(url, db, ['setup-schema', '-v', '0.0']);
      await this.sqlTool(url, db, ['update-schema', '-d', join(this.binaries!.postgresSchemaDir, dir, 'versioned')]);
    }
  }

  private temporalEnv(url: URL): Record<string, string> {
    const shared = { ...this.plan.temporal.sharedEnv, POSTGRES_SEEDS: url.hostname, DB_PORT: url.port || '5432', POSTGRES_USER: decodeURIComponent(url.username), POSTGRES_PWD: decodeURIComponent(url.password) };
    return { ...(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined)) as Record<string, string>), ...shared };
  }

  private async startTemporal(url: URL): Promise<void> {
    const env = this.temporalEnv(url);
    for (const t of this.plan.temporal.processes) {
      const readiness: Readiness =
        t.service === 'frontend'
          ? {
              check: async () => {
                const c = await Connection.connect({ address: this.plan.temporal.frontendAddress, connectTimeout: 1000 });
                try {
                  await c.workflowService.getSystemInfo({});
                } finally {
                  await c.close();
                }
              },
            }
          : // The system worker serves no gRPC: it is up once it listens for membership.
            { port: t.service === 'worker' ? t.membershipPort : t.grpcPort };
      const logFile = join(this.logDir, `temporal-${t.name}.log`);
      const proc = new ClusterProcess(
        `temporal-${t.name}`,
        () => supervise({ name: `temporal ${t.name}`, command: this.binaries!.server, args: ['start', '--service', t.service], env: { ...env, ...t.env }, logFile, graceMs: 20_000 }),
        readiness,
        logFile,
        this.exitHandler,
      );
      this.temporal.set(t.name, proc);
    }
    this.o.log(`[cluster] Temporal ${this.plan.temporal.version}: ${this.plan.temporal.processes.map((t) => `${t.name} :${t.grpcPort}`).join(', ')}`);
    // The frontend alone first: on a fresh database every process writes the cluster's metadata at
    // start, and those racing each other fail with "failed to initialize current cluster metadata".
    const [first, ...rest] = [...this.temporal.values()];
    first.start();
    await first.ready(180_000);
    for (const p of rest) p.start();
    await Promise.all(rest.map((p) => p.ready(180_000)));
  }

  /** Compose's temporal-setup: the same script, with the temporal CLI of .tools on the PATH. */
  private async setupNamespace(cliPath: string): Promise<void> {
    const run = supervise({
      name: 'setup-namespace.sh',
      command: 'sh',
      args: [deployPath('temporalNamespaceSetup')],
      env: { ...process.env, PATH: `${dirname(cliPath)}${delimiter}${process.env.PATH ?? ''}`, TEMPORAL_ADDRESS: this.plan.temporal.frontendAddress, TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE ?? 'default' },
      onLine: (l) => this.o.log(`[temporal-setup] ${l}`),
    });
    const exit = await run.exited;
    if (exit.code !== 0) throw new Error(`deploy/temporal/setup-namespace.sh failed (${exit.signal ?? exit.code})`);
  }

  private async startApps(databaseUrl: string, embedded: boolean): Promise<void> {
    const { plan, dataDir } = this.o;
    secret(dataDir, 'metrics-token'); // the scrape credential (at least 16 characters), read by the apps and Prometheus from the file
    const bundle = join(this.runDir, 'workflow-bundle.js');
    const { code } = await bundleWorkflowCode({ ...workflowBundleOptions, logger: { trace() {}, debug() {}, info() {}, warn: this.o.log, error: this.o.log } as never });
    writeFileSync(bundle, code);
    const given = process.env;
    const payloadKeysFile = given.TEMPORAL_PAYLOAD_KEYS || given.TEMPORAL_PAYLOAD_KEYS_FILE ? undefined : join(dataDir, 'temporal-payload-keys');
    if (payloadKeysFile) secret(dataDir, 'temporal-payload-keys', () => generatePayloadKey('cluster1'));
    const visitorKeyFile = given.VISITOR_KEY || given.VISITOR_KEY_FILE ? undefined : join(dataDir, 'visitor-key');
    if (visitorKeyFile) secret(dataDir, 'visitor-key', () => randomBytes(32).toString('base64'));
    const base: Record<string, string> = {
      ...(Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Record<string, string>),
      ...appEnv(plan, {
        databaseUrl,
        embedded,
        jwtSecret: secret(dataDir, 'jwt-secret', () => randomBytes(48).toString('base64url')),
        payloadKeysFile,
        visitorKeyFile,
        metricsTokenFile: join(dataDir, 'metrics-token'),
        workflowBundle: bundle,
        given,
      }),
    };
    Object.assign(base, this.o.appOverrides);
    this.appEnv = base;
    const onExit = (app: AppProcess, exit: AppExit) => this.exitHandler(app, exit);
    // Worker processes read this.appEnv (workerProcess).
    for (let i = 0; i < (this.o.initialWorkers ?? plan.shape.workers); i++) {
      this.workers.push(this.workerProcess(i));
    }
    for (let i = 0; i < plan.shape.apiReplicas; i++) {
      this.apis.push(new AppProcess(`api-${i + 1}`, 'apps/api/src/main.ts', { ...base, ...appProcessEnv(plan, 'api', i) }, join(this.logDir, `api-${i + 1}.log`), onExit));
    }
    this.o.log(`[cluster] ${this.workers.length} worker(s) and ${plan.shape.apiReplicas} API replica(s) (logs: ${this.logDir})`);
    for (const w of this.workers) w.start();
    // The first replica alone first: it seeds the demo directory once; the others then find it done.
    this.apis[0].start();
    await this.apiReady(0);
    for (const a of this.apis.slice(1)) a.start();
    await Promise.all(this.apis.slice(1).map((_, i) => this.apiReady(i + 1)));
  }

  /** Worker i (0-based) of the plan, not started yet. */
  private workerProcess(i: number): AppProcess {
    const starts = (this.workerStarts[i] = (this.workerStarts[i] ?? 0) + 1);
    const name = starts === 1 ? `worker-${i + 1}` : `worker-${i + 1}.${starts}`;
    return new AppProcess(name, 'apps/worker/src/main.ts', { ...this.appEnv, ...appProcessEnv(this.plan, 'worker', i) }, join(this.logDir, `${name}.log`), (app, exit) => this.exitHandler(app, exit));
  }

  /**
   * Runs exactly n workers (n at most the plan's shape.workers, which sizes their metrics ports): stops
   * the newest beyond n (SIGTERM, they drain), starts the missing ones. For the benchmark's 1, 2, 4 workers.
   */
  async scaleWorkers(n: number): Promise<AppProcess[]> {
    if (n > this.plan.shape.workers) throw new Error(`the plan has ports for ${this.plan.shape.workers} workers, not ${n}`);
    while (this.workers.length > n) await this.workers.pop()!.stop(30_000);
    for (let i = this.workers.length; i < n; i++) {
      const w = this.workerProcess(i);
      this.workers.push(w);
      w.start();
    }
    return this.workers;
  }

  async apiReady(i: number, timeoutMs = 180_000): Promise<void> {
    await this.apis[i].ready({ http: `http://127.0.0.1:${this.plan.ports.api[i]}/health/ready` }, { timeoutMs, intervalMs: 500, keepOnFailure: true });
  }

  private async startGateway(): Promise<void> {
    const user = process.getuid?.() === 0 ? uidOf('www-data') ?? uidOf('nobody') : undefined;
    for (const t of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
      const d = join(this.runDir, `nginx-${t}`);
      mkdirSync(d, { recursive: true });
      if (user) chownSync(d, user.uid, user.gid);
    }
    const conf = join(this.runDir, 'nginx.conf');
    const userName = user ? (uidOf('www-data') ? 'www-data' : 'nobody') : undefined;
    writeFileSync(conf, renderNginxConfig(readFileSync(deployPath('nginx'), 'utf8'), this.plan, this.runDir, userName));
    const logFile = join(this.logDir, 'gateway.log');
    this.gateway = new ClusterProcess(
      'gateway',
      () => supervise({ name: 'nginx (gateway)', command: NGINX_PATH, args: ['-e', 'stderr', '-p', this.runDir, '-c', conf], logFile, stopSignal: 'SIGQUIT', graceMs: 10_000 }),
      { http: `${this.plan.gateway.url}/health/ready` },
      logFile,
      this.exitHandler,
    );
    this.gateway.start();
    await this.gateway.ready(60_000);
  }

  private async startPrometheus(): Promise<void> {
    const conf = join(this.runDir, 'prometheus.yml');
    writeFileSync(conf, renderPrometheusConfig(this.plan, join(this.o.dataDir, 'metrics-token')));
    const data = join(this.o.dataDir, 'prometheus');
    mkdirSync(data, { recursive: true });
    const logFile = join(this.logDir, 'prometheus.log');
    this.prometheusProcess = new ClusterProcess(
      'prometheus',
      () => supervise({ name: 'prometheus', command: PROMETHEUS_PATH, args: [`--config.file=${conf}`, `--storage.tsdb.path=${data}`, `--web.listen-address=127.0.0.1:${this.plan.ports.prometheus}`, '--log.level=warn'], logFile }),
      { http: `${this.plan.prometheus.url}/-/ready` },
      logFile,
      this.exitHandler,
    );
    this.prometheusProcess.start();
    await this.prometheusProcess.ready(60_000);
  }

  /** PostgreSQL's fast shutdown (sessions cut, as in a real restart); its data stays (the embedded one only). */
  async stopPostgres(): Promise<void> {
    if (!this.pg) throw new Error('PostgreSQL is not the embedded one: restart it yourself');
    await this.pg.stop();
    this.pg = undefined;
  }

  /** Starts the embedded PostgreSQL again on the same port and data. */
  async startPostgres(): Promise<void> {
    this.pg ??= await startEmbeddedPostgres({ dir: join(this.o.dataDir, 'postgres'), port: this.plan.ports.postgres, database: 'postgres' });
  }

  /** Every Temporal process down (system worker, frontend, matching, history); startTemporalAgain() brings them back. */
  async stopTemporal(): Promise<void> {
    for (const name of ['worker', 'frontend', 'matching']) await this.temporal.get(name)?.kill('SIGTERM');
    await Promise.all([...this.temporal.values()].map((p) => p.kill('SIGTERM')));
  }

  async startTemporalAgain(): Promise<void> {
    const [first, ...rest] = [...this.temporal.values()];
    first.start();
    await first.ready(180_000);
    for (const p of rest) p.start();
    await Promise.all(rest.map((p) => p.ready(180_000)));
  }

  get adminUrl(): ((db: string) => string) | undefined {
    return this.pgAdmin;
  }

  /** Everything, in the reverse order of the start: gateway, APIs, workers, Prometheus, Temporal (system worker, frontend, matching, history), PostgreSQL. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    await this.gateway?.stop();
    await Promise.all(this.apis.map((a) => a.stop()));
    await Promise.all(this.workers.map((w) => w.stop(30_000)));
    await this.prometheusProcess?.stop();
    const order = ['worker', 'frontend', 'matching'];
    for (const name of order) await this.temporal.get(name)?.stop();
    await Promise.all([...this.temporal.values()].map((p) => p.stop()));
    await this.pg?.stop().catch(() => undefined);
  }
}

/** Where `npm run cluster` keeps its data by default. */
export const defaultClusterDataDir = () => process.env.CLUSTER_DATA_DIR ?? join(projectRoot, 'data', 'cluster');
