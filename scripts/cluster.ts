/**
 * `npm run cluster`: Custodian's production topology (docker-compose.yml) on this machine, without Docker.
 *
 *   PostgreSQL (embedded, data in data/cluster/postgres; or DATABASE_URL + TEMPORAL_DB_URL)
 *   Temporal v1.30.1 built from source: frontend, two history hosts, matching, system worker (processes of their own)
 *   the namespace and search attributes (deploy/temporal/setup-namespace.sh), Custodian's migrations
 *   WORKER_COUNT workers (default 3), API_REPLICAS API replicas (default 2) behind nginx (deploy/nginx/custodian.conf)
 *   Prometheus scraping every /metrics (when installed)
 *
 * Prints the gateway's URL when ready; Ctrl-C stops everything (data kept). See scripts/support/cluster/.
 */
import { z } from 'zod';
import { onStopSignal, stopAllSupervised } from '../libs/runtime/supervisor.js';
import { Cluster, defaultClusterDataDir } from './support/cluster/cluster.js';
import { clusterPlan, defaultPorts } from './support/cluster/plan.js';

const settings = z
  .object({
    WORKER_COUNT: z.coerce.number().int().min(1).max(16).default(3),
    API_REPLICAS: z.coerce.number().int().min(1).max(8).default(2),
    CUSTODIAN_PUBLISHED_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    CLUSTER_POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    DATABASE_URL: z.string().min(1).optional(),
    TEMPORAL_DB_URL: z.string().min(1).optional(),
    CLUSTER_PROMETHEUS: z.enum(['on', 'off']).default('on'),
  })
  .parse(process.env);

const say = (m: string) => process.stdout.write(`${m}\n`);
const shape = { historyHosts: 2, apiReplicas: settings.API_REPLICAS, workers: settings.WORKER_COUNT };
const ports = defaultPorts(shape);
if (settings.CUSTODIAN_PUBLISHED_PORT) ports.gateway = settings.CUSTODIAN_PUBLISHED_PORT;
if (settings.CLUSTER_POSTGRES_PORT) ports.postgres = settings.CLUSTER_POSTGRES_PORT;
const plan = clusterPlan({ shape, ports });
const cluster = new Cluster({
  plan,
  dataDir: defaultClusterDataDir(),
  log: say,
  databaseUrl: settings.DATABASE_URL,
  temporalDbUrl: settings.TEMPORAL_DB_URL,
  prometheus: settings.CLUSTER_PROMETHEUS === 'on',
  autoRestart: true,
});

let stopping = false;
async function stop(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  say('\n[cluster] stopping…');
  await cluster.stop().catch((e) => say(`[cluster] ${(e as Error).message}`));
  await stopAllSupervised();
  say(`[cluster] stopped; data kept in ${defaultClusterDataDir()}`);
  process.exit(code);
}
onStopSignal(() => void stop(0));

try {
  await cluster.start();
} catch (e) {
  process.stderr.write(`[cluster] ${(e as Error).message}\n`);
  await stop(1);
}
const t = plan.temporal;
say('');
say('Custodian cluster is running. Ctrl-C stops it.');
say(`  Gateway / 网关:        ${plan.gateway.url}/   (nginx → ${plan.gateway.upstreams.join(', ')})`);
say(`  Temporal frontend:    ${t.frontendAddress}   (temporal workflow list --address ${t.frontendAddress})`);
say(`  Temporal services:    ${t.processes.map((p) => `${p.name} :${p.grpcPort}`).join(', ')}; ${t.numHistoryShards} history shards`);
say(`  Workers:              ${plan.shape.workers}`);
if (cluster.prometheusProcess) say(`  Prometheus:           ${plan.prometheus.url}   (targets: ${plan.prometheus.jobs.map((j) => `${j.job} ×${j.targets.length}`).join(', ')})`);
say(`  Metrics credential:   ${cluster.env.METRICS_TOKEN_FILE}`);
say(`  Logs:                 ${cluster.logDir}`);
if (cluster.env.SEED_DEMO === '1') say('  Demo accounts:        hr, agent1, supervisor, leader, it, … / password demo-password (see README)');
