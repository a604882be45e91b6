/**
 * The production topology without Docker (`npm run cluster`), as data: which processes run, on which
 * ports, with which configuration files and environment variable names. scripts/support/cluster/cluster.ts
 * starts exactly this, and test/compose-agreement.spec.ts compares it with docker-compose.yml, so the two
 * topologies cannot drift apart unnoticed.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '../../../libs/temporal/binaries.js';
import { TEMPORAL_SERVER_VERSION } from '../../../libs/temporal/server-build.js';

/** The files compose mounts, which the cluster reads too (paths relative to the repository). */
export const DEPLOY_FILES = {
  temporalConfig: 'deploy/temporal/config/custodian.yaml',
  temporalDynamicConfig: 'deploy/temporal/dynamicconfig.yaml',
  temporalNamespaceSetup: 'deploy/temporal/setup-namespace.sh',
  nginx: 'deploy/nginx/custodian.conf',
  prometheus: 'deploy/prometheus/prometheus.yml',
  prometheusRules: 'deploy/prometheus/rules.yml',
} as const;

export type TemporalServiceKind = 'frontend' | 'history' | 'matching' | 'worker';

export interface TemporalProcessPlan {
  /** Unique per process: frontend, history-1, history-2, matching, worker. */
  name: string;
  service: TemporalServiceKind;
  grpcPort: number;
  membershipPort: number;
  /** Its Prometheus endpoint (the server's own metrics). */
  metricsPort: number;
  /** Connections to the main store and to visibility (the template's SQL_MAX_CONNS / SQL_VIS_MAX_CONNS). */
  maxConns: number;
  visMaxConns: number;
  /** The process's own environment for the config template (besides the shared one). */
  env: Record<string, string>;
}

export interface ClusterPorts {
  postgres: number;
  frontendGrpc: number;
  frontendHttp: number;
  frontendMembership: number;
  historyGrpc: number[];
  historyMembership: number[];
  matchingGrpc: number;
  matchingMembership: number;
  workerGrpc: number;
  workerMembership: number;
  /** One per Temporal process, in the order frontend, history hosts, matching, worker. */
  temporalMetrics: number[];
  gateway: number;
  api: number[];
  apiMetrics: number[];
  workerMetrics: number[];
  prometheus: number;
}

export interface ClusterShape {
  historyHosts: number;
  apiReplicas: number;
  workers: number;
}

export const DEFAULT_SHAPE: ClusterShape = { historyHosts: 2, apiReplicas: 2, workers: 3 };

/**
 * The default ports. Those compose also names are the same: the gateway's published 3000, Temporal's
 * frontend 7233 (TEMPORAL_ADDRESS temporal:7233), the first API's and worker's metrics 9464 and 9465
 * (deploy/prometheus/prometheus.yml). The rest are the Temporal services' usual ports; a second history
 * host, more API replicas and workers take the next free numbers of their series.
 */
export function defaultPorts(shape: ClusterShape = DEFAULT_SHAPE): ClusterPorts {
  const n = (count: number, first: (i: number) => number) => Array.from({ length: count }, (_, i) => first(i));
  return {
    postgres: 54339,
    frontendGrpc: 7233,
    frontendHttp: 7243,
    frontendMembership: 6933,
    historyGrpc: n(shape.historyHosts, (i) => (i === 0 ? 7234 : 7250 + i)),
    historyMembership: n(shape.historyHosts, (i) => (i === 0 ? 6934 : 6950 + i)),
    matchingGrpc: 7235,
    matchingMembership: 6935,
    workerGrpc: 7239,
    workerMembership: 6939,
    temporalMetrics: n(shape.historyHosts + 3, (i) => 8000 + i),
    gateway: 3000,
    api: n(shape.apiReplicas, (i) => 3001 + i),
    apiMetrics: n(shape.apiReplicas, (i) => 9464 + 100 * i),
    workerMetrics: n(shape.workers, (i) => 9465 + i),
    prometheus: 9090,
  };
}

/** A free loopback port below 32768: Temporal keeps membership ports in a smallint column (values above fail at start). */
async function freeMembershipPort(taken: Set<number>): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) {
      taken.add(port);
      return port;
    }
  }
  throw new Error('no free port between 20000 and 32000 for Temporal membership');
}

/** Every port of the plan on a free loopback port (tests, faults and bench runs beside a developer's cluster). */
export async function freePorts(shape: ClusterShape, freePort: () => Promise<number>): Promise<ClusterPorts> {
  const n = async (count: number, next: () => Promise<number> = freePort) => {
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push(await next());
    return out;
  };
  const taken = new Set<number>();
  const membership = () => freeMembershipPort(taken);
  return {
    postgres: await freePort(),
    frontendGrpc: await freePort(),
    frontendHttp: await freePort(),
    frontendMembership: await membership(),
    historyGrpc: await n(shape.historyHosts),
    historyMembership: await n(shape.historyHosts, membership),
    matchingGrpc: await freePort(),
    matchingMembership: await membership(),
    workerGrpc: await freePort(),
    workerMembership: await membership(),
    temporalMetrics: await n(shape.historyHosts + 3),
    gateway: await freePort(),
    api: await n(shape.apiReplicas),
    apiMetrics: await n(shape.apiReplicas),
    workerMetrics: await n(shape.workers),
    prometheus: await freePort(),
  };
}

export interface ClusterPlan {
  shape: ClusterShape;
  ports: ClusterPorts;
  temporal: {
    version: string;
    numHistoryShards: number;
    databases: { main: string; visibility: string };
    /** What every Temporal process gets (the names compose's `temporal` service sets too). */
    sharedEnv: Record<string, string>;
    processes: TemporalProcessPlan[];
    frontendAddress: string;
  };
  /** Of the variables appEnv() sets, the ones compose does not set, and why. */
  appEnvLocalOnly: Record<string, string>;
  gateway: { url: string; upstreams: string[] };
  prometheus: { url: string; jobs: { job: string; targets: string[]; token: boolean }[] };
  files: typeof DEPLOY_FILES;
}

/** Absolute path of a deploy file. */
export const deployPath = (file: keyof typeof DEPLOY_FILES) => join(projectRoot, DEPLOY_FILES[file]);

export function clusterPlan(opts: { shape?: ClusterShape; ports?: ClusterPorts; numHistoryShards?: number } = {}): ClusterPlan {
  const shape = opts.shape ?? DEFAULT_SHAPE;
  const ports = opts.ports ?? defaultPorts(shape);
  const host = '127.0.0.1';
  const proc = (name: string, service: TemporalServiceKind, grpcPort: number, membershipPort: number, metricsPort: number, maxConns: number): TemporalProcessPlan => {
    const prefix = service.toUpperCase();
    const env: Record<string, string> = { [`${prefix}_GRPC_PORT`]: String(grpcPort), [`${prefix}_MEMBERSHIP_PORT`]: String(membershipPort), PROMETHEUS_ENDPOINT: `${host}:${metricsPort}`, SQL_MAX_CONNS: String(maxConns), SQL_MAX_IDLE_CONNS: String(maxConns), SQL_VIS_MAX_CONNS: '4', SQL_VIS_MAX_IDLE_CONNS: '4' };
    // The frontend's address is in the cluster metadata every process reads.
    if (service !== 'frontend') Object.assign(env, { FRONTEND_GRPC_PORT: String(ports.frontendGrpc), FRONTEND_HTTP_PORT: String(ports.frontendHttp) });
    else env.FRONTEND_HTTP_PORT = String(ports.frontendHttp);
    return { name, service, grpcPort, membershipPort, metricsPort, maxConns, visMaxConns: 4, env };
  };
  // Connections per process: history does most of the persistence work. 2×20 + 10 + 10 + 5 for the main
  // store and 5×4 for visibility = 85, well within the embedded PostgreSQL's max_connections (300) with
  // the apps' pools (DATABASE_POOL_SIZE 10 each) beside them.
  const processes: TemporalProcessPlan[] = [
    proc('frontend', 'frontend', ports.frontendGrpc, ports.frontendMembership, ports.temporalMetrics[0], 10),
    ...ports.historyGrpc.map((grpc, i) => proc(`history-${i + 1}`, 'history', grpc, ports.historyMembership[i], ports.temporalMetrics[1 + i], 20)),
    proc('matching', 'matching', ports.matchingGrpc, ports.matchingMembership, ports.temporalMetrics[1 + shape.historyHosts], 10),
    proc('worker', 'worker', ports.workerGrpc, ports.workerMembership, ports.temporalMetrics[2 + shape.historyHosts], 5),
  ];
  const numHistoryShards = opts.numHistoryShards ?? 4;
  return {
    shape,
    ports,
    temporal: {
      version: TEMPORAL_SERVER_VERSION,
      numHistoryShards,
      databases: { main: 'temporal', visibility: 'temporal_visibility' },
      sharedEnv: {
        DB: 'postgres12',
        POSTGRES_SEEDS: host,
        DB_PORT: String(ports.postgres),
        POSTGRES_USER: 'temporal',
        POSTGRES_PWD: '(from the data directory)',
        DBNAME: 'temporal',
        VISIBILITY_DBNAME: 'temporal_visibility',
        BIND_ON_IP: host,
        TEMPORAL_BROADCAST_ADDRESS: host,
        NUM_HISTORY_SHARDS: String(numHistoryShards),
        DYNAMIC_CONFIG_FILE_PATH: deployPath('temporalDynamicConfig'),
        TEMPORAL_SERVER_CONFIG_FILE_PATH: deployPath('temporalConfig'),
        LOG_LEVEL: 'warn',
        // No authorizer: the frontend listens on loopback (compose: on its private network) only.
        TEMPORAL_ALLOW_NO_AUTH: 'true',
      },
      processes,
      frontendAddress: `${host}:${ports.frontendGrpc}`,
    },
    appEnvLocalOnly: {
      TEMPORAL_WORKFLOW_BUNDLE: 'the workflows bundled once for every worker (the image bundles at start)',
      SEED_DEMO: 'demo accounts on the embedded database only, as under npm start; never in compose',
    },
    gateway: { url: `http://${host}:${ports.gateway}`, upstreams: ports.api.map((p) => `${host}:${p}`) },
    prometheus: {
      url: `http://${host}:${ports.prometheus}`,
      jobs: [
        { job: 'custodian-api', targets: ports.apiMetrics.map((p) => `${host}:${p}`), token: true },
        { job: 'custodian-worker', targets: ports.workerMetrics.map((p) => `${host}:${p}`), token: true },
        { job: 'temporal', targets: processes.map((p) => `${host}:${p.metricsPort}`), token: false },
      ],
    },
    files: DEPLOY_FILES,
  };
}

export interface AppEnvInputs {
  databaseUrl: string;
  /** The embedded database: demo accounts seeded, as under `npm start`. */
  embedded: boolean;
  jwtSecret: string;
  payloadKeysFile?: string;
  visitorKeyFile?: string;
  metricsTokenFile: string;
  workflowBundle: string;
  /** The user's own settings, which win where they set the same name (NODE_ENV, LOG_LEVEL, TEMPORAL_NAMESPACE, …). */
  given?: NodeJS.ProcessEnv;
}

/** The environment every API replica and worker gets (without its own ports: appProcessEnv adds them). */
export function appEnv(plan: ClusterPlan, i: AppEnvInputs): Record<string, string> {
  const given = i.given ?? {};
  return {
    NODE_ENV: given.NODE_ENV ?? 'production',
    LOG_FORMAT: 'json',
    LOG_LEVEL: given.LOG_LEVEL ?? 'warn',
    DATABASE_URL: i.databaseUrl,
    DATABASE_POOL_SIZE: given.DATABASE_POOL_SIZE ?? '10',
    TEMPORAL_ADDRESS: plan.temporal.frontendAddress,
    TEMPORAL_NAMESPACE: given.TEMPORAL_NAMESPACE ?? 'default',
    TEMPORAL_TASK_QUEUE: given.TEMPORAL_TASK_QUEUE ?? 'custodian',
    JWT_SECRET: given.JWT_SECRET ?? i.jwtSecret,
    PUBLIC_URL: given.PUBLIC_URL ?? plan.gateway.url,
    API_HOST: '127.0.0.1',
    // The gateway reaches the replicas from loopback: its X-Forwarded-For is believed (as compose's gateway address is).
    TRUST_PROXY: '127.0.0.1',
    METRICS_HOST: '127.0.0.1',
    METRICS_TOKEN_FILE: i.metricsTokenFile,
    TEMPORAL_WORKFLOW_BUNDLE: i.workflowBundle,
    ...(i.embedded ? { SEED_DEMO: given.SEED_DEMO ?? '1' } : {}),
    ...(i.payloadKeysFile ? { TEMPORAL_PAYLOAD_KEYS_FILE: i.payloadKeysFile } : {}),
    ...(i.visitorKeyFile ? { VISITOR_KEY_FILE: i.visitorKeyFile } : {}),
  };
}

/** What one API replica or worker adds: its listener and its metrics port. */
export function appProcessEnv(plan: ClusterPlan, kind: 'api' | 'worker', index: number): Record<string, string> {
  return kind === 'api' ? { API_PORT: String(plan.ports.api[index]), METRICS_PORT: String(plan.ports.apiMetrics[index]) } : { WORKER_METRICS_PORT: String(plan.ports.workerMetrics[index]) };
}

/**
 * The gateway's nginx configuration: deploy/nginx/custodian.conf (compose's gateway) with the upstreams
 * filled in. Docker's DNS name `api` becomes an upstream group of the API replicas on loopback (nginx
 * looks a proxy_pass variable's host up among the upstream groups first), and the listener moves from
 * the container's 8080 to the gateway port on loopback. Everything else is the file as compose mounts it.
 */
export function renderNginxConfig(source: string, plan: ClusterPlan, runDir: string, user?: string): string {
  const server = source
    .split('\n')
    .filter((l) => !/^\s*resolver\s/.test(l))
    .join('\n')
    .replace(/listen\s+8080;/, `listen 127.0.0.1:${plan.ports.gateway};`)
    .replace('http://api:3000', 'http://custodian_api');
  if (server.includes('http://api:3000') || !server.includes(`listen 127.0.0.1:${plan.ports.gateway};`)) throw new Error(`${DEPLOY_FILES.nginx} changed: renderNginxConfig no longer finds its listen and upstream lines`);
  const temp = (name: string) => `${name}_temp_path ${join(runDir, `nginx-${name}`)};`;
  return [
    '# Generated by npm run cluster from deploy/nginx/custodian.conf; edit that file, not this one.',
    ...(user ? [`user ${user};`] : []),
    'daemon off;',
    'worker_processes 1;',
    `pid ${join(runDir, 'nginx.pid')};`,
    'error_log stderr warn;',
    'events { worker_connections 1024; }',
    'http {',
    '  access_log off;',
    `  ${temp('client_body')} ${temp('proxy')} ${temp('fastcgi')} ${temp('uwsgi')} ${temp('scgi')}`,
    '  upstream custodian_api {',
    ...plan.gateway.upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=2s;`),
    '    keepalive 16;',
    '  }',
    server,
    '}',
    '',
  ].join('\n');
}

/** Prometheus's configuration: deploy/prometheus/prometheus.yml's jobs, with the cluster's loopback targets for Docker's DNS names, and Temporal's own. */
export function renderPrometheusConfig(plan: ClusterPlan, tokenFile: string): string {
  const jobs = plan.prometheus.jobs.flatMap((j) => [
    `  - job_name: ${j.job}`,
    ...(j.token ? ['    authorization:', `      credentials_file: ${tokenFile}`] : []),
    '    static_configs:',
    `      - targets: [${j.targets.map((t) => `'${t}'`).join(', ')}]`,
  ]);
  return ['# Generated by npm run cluster from deploy/prometheus/prometheus.yml.', 'global:', '  scrape_interval: 15s', '  evaluation_interval: 15s', 'rule_files:', `  - ${deployPath('prometheusRules')}`, 'scrape_configs:', ...jobs, ''].join('\n');
}
