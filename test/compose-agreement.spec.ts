import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// js-yaml is in node_modules through @nestjs/swagger; see the report: name it (or `yaml`) as a devDependency.
import { load } from 'js-yaml';
import { searchAttributeDefinitions } from '../libs/policy/search-attributes.js';
import { TEMPORAL_SERVER_VERSION } from '../libs/temporal/server-build.js';
import { appEnv, appProcessEnv, clusterPlan, defaultPorts, DEFAULT_SHAPE, renderNginxConfig, renderPrometheusConfig } from '../scripts/support/cluster/plan.js';

/**
 * docker-compose.yml cannot run on these machines (no Docker), so `npm run cluster` runs the same
 * topology from its plan (scripts/support/cluster/plan.ts). This holds the two together as data: the
 * Temporal version, the configuration files, the variable names and the ports. A change to one side
 * alone fails here.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const read = (p: string) => readFileSync(join(root, p), 'utf8');

interface Service {
  image?: string;
  environment?: Record<string, string | number>;
  volumes?: string[];
  ports?: string[];
  command?: string[];
  secrets?: string[];
}
const compose = load(read('docker-compose.yml')) as { services: Record<string, Service>; 'x-custodian-env': Record<string, string>; 'x-custodian-app': Service };
const services = compose.services;
const plan = clusterPlan();
const ports = defaultPorts(DEFAULT_SHAPE);

/** `${NAME:-default}` → default; a plain value stays. */
const defaultOf = (v: string | number) => String(v).replace(/^\$\{[A-Z_]+:-([^}]*)\}$/, '$1');
/** The mounts of a service as source (relative, no ./) → target. */
const mounts = (s: Service) => new Map((s.volumes ?? []).map((v) => v.split(':')).filter(([src]) => src.startsWith('./')).map(([src, target]) => [src.slice(2), target]));

describe('docker-compose.yml and npm run cluster run the same topology', () => {
  it('the Temporal images are the version the tools build from source', () => {
    for (const name of ['temporal', 'temporal-schema', 'temporal-setup']) {
      const m = /^temporalio\/(server|admin-tools):(.+)$/.exec(services[name].image ?? '');
      expect(m).not.toBeNull();
      expect(`v${defaultOf(m![2])}`).toBe(TEMPORAL_SERVER_VERSION);
    }
    expect(plan.temporal.version).toBe(TEMPORAL_SERVER_VERSION);
  });

  it('the temporal service mounts the server configuration and the dynamic configuration the cluster runs with', () => {
    const t = services.temporal;
    const env = t.environment!;
    const m = mounts(t);
    expect(m.get(plan.files.temporalConfig)).toBe(env.TEMPORAL_SERVER_CONFIG_FILE_PATH);
    expect(m.get(plan.files.temporalDynamicConfig)).toBe(env.DYNAMIC_CONFIG_FILE_PATH);
    expect(plan.temporal.sharedEnv.TEMPORAL_SERVER_CONFIG_FILE_PATH).toBe(join(root, plan.files.temporalConfig));
    expect(plan.temporal.sharedEnv.DYNAMIC_CONFIG_FILE_PATH).toBe(join(root, plan.files.temporalDynamicConfig));
    // The schema and namespace jobs run the scripts of deploy/temporal, the cluster the same namespace script.
    expect(mounts(services['temporal-setup']).get('deploy/temporal')).toBe('/custodian');
    expect(services['temporal-setup']).toMatchObject({ entrypoint: ['/bin/sh', `/custodian/${plan.files.temporalNamespaceSetup.split('/').pop()}`] });
  });

  it('the temporal service sets the variables the cluster sets, and the configuration template reads them all', () => {
    const template = read(plan.files.temporalConfig);
    const read_ = new Set([...template.matchAll(/env "([A-Z0-9_]+)"/g)].map((m) => m[1]));
    // Read by temporal-server itself rather than by the template.
    const serverFlags = new Set(['TEMPORAL_SERVER_CONFIG_FILE_PATH', 'TEMPORAL_ALLOW_NO_AUTH']);
    const composeNames = Object.keys(services.temporal.environment!);
    const clusterNames = new Set([...Object.keys(plan.temporal.sharedEnv), ...plan.temporal.processes.flatMap((p) => Object.keys(p.env))]);
    for (const name of composeNames) expect({ name, inCluster: clusterNames.has(name) }).toEqual({ name, inCluster: true });
    for (const name of clusterNames) expect({ name, read: serverFlags.has(name) || read_.has(name) }).toEqual({ name, read: true });
    // What the cluster sets beyond compose: the image's entrypoint sets the broadcast address; the rest are per-process ports, pools and log level.
    const extra = [...clusterNames].filter((n) => !composeNames.includes(n)).sort();
    expect(extra.every((n) => /^(TEMPORAL_BROADCAST_ADDRESS|LOG_LEVEL|PROMETHEUS_ENDPOINT|SQL_(VIS_)?MAX(_IDLE)?_CONNS|[A-Z]+_(GRPC|HTTP|MEMBERSHIP)_PORT)$/.test(n))).toBe(true);
    expect(defaultOf(services.temporal.environment!.DB)).toBe(plan.temporal.sharedEnv.DB);
    expect(defaultOf(services.temporal.environment!.DBNAME)).toBe(plan.temporal.databases.main);
    expect(defaultOf(services.temporal.environment!.VISIBILITY_DBNAME)).toBe(plan.temporal.databases.visibility);
  });

  it('the cluster splits the services compose runs in one process: frontend, two history hosts, matching, the system worker', () => {
    expect(plan.temporal.processes.map((p) => p.service)).toEqual(['frontend', 'history', 'history', 'matching', 'worker']);
    const all = plan.temporal.processes.flatMap((p) => [p.grpcPort, p.membershipPort, p.metricsPort]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('the ports compose names are the cluster defaults: Temporal frontend, gateway, API, metrics', () => {
    const env = compose['x-custodian-env'];
    expect(env.TEMPORAL_ADDRESS).toBe(`temporal:${ports.frontendGrpc}`);
    expect(plan.temporal.frontendAddress).toBe(`127.0.0.1:${ports.frontendGrpc}`);
    const [published, container] = services.gateway.ports![0].split(/:(?=\d+$)/);
    expect(Number(defaultOf(published))).toBe(ports.gateway);
    const nginx = read(plan.files.nginx);
    expect(nginx).toContain(`listen ${container};`);
    expect(nginx).toContain(`http://api:${env.API_PORT}`);
    const prom = load(read(plan.files.prometheus)) as { scrape_configs: { job_name: string; dns_sd_configs: { port: number }[] }[] };
    const port = (job: string) => prom.scrape_configs.find((j) => j.job_name === job)!.dns_sd_configs[0].port;
    expect(port('custodian-api')).toBe(ports.apiMetrics[0]);
    expect(port('custodian-worker')).toBe(ports.workerMetrics[0]);
  });

  it('the gateway is the nginx file compose mounts, with the API replicas as its upstream and every other line kept', () => {
    expect(mounts(services.gateway).get(plan.files.nginx)).toBe('/etc/nginx/conf.d/default.conf');
    const source = read(plan.files.nginx);
    const rendered = renderNginxConfig(source, plan, '/tmp/run');
    for (const upstream of plan.gateway.upstreams) expect(rendered).toContain(`server ${upstream} `);
    expect(rendered).toContain(`listen 127.0.0.1:${plan.ports.gateway};`);
    const kept = source.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#') && !/resolver|listen|api:3000/.test(l));
    for (const line of kept) expect(rendered).toContain(line);
  });

  it('Prometheus scrapes the jobs of deploy/prometheus/prometheus.yml with the same credential file rule and rules', () => {
    const prom = load(read(plan.files.prometheus)) as { rule_files: string[]; scrape_configs: { job_name: string; authorization?: unknown }[] };
    const rendered = load(renderPrometheusConfig(plan, '/tmp/token')) as { rule_files: string[]; scrape_configs: { job_name: string; authorization?: { credentials_file: string } }[] };
    expect(prom.rule_files.map((f) => `deploy/prometheus/${f}`)).toEqual([plan.files.prometheusRules]);
    expect(rendered.rule_files).toEqual([join(root, plan.files.prometheusRules)]);
    for (const job of prom.scrape_configs) {
      const mine = rendered.scrape_configs.find((j) => j.job_name === job.job_name);
      expect(mine).toBeDefined();
      expect(!!mine!.authorization).toBe(!!job.authorization);
    }
  });

  it('compose runs Prometheus with the files of deploy/prometheus, at the version Debian gives the cluster (2.42), and the apps serve metrics where it scrapes', () => {
    const prometheus = services.prometheus;
    expect(prometheus).toBeDefined();
    expect(mounts(prometheus).get(plan.files.prometheus)).toBe('/etc/prometheus/prometheus.yml');
    expect(mounts(prometheus).get(plan.files.prometheusRules)).toBe('/etc/prometheus/rules.yml');
    expect(defaultOf(prometheus.image!.split(':').slice(1).join(':'))).toBe('v2.42.0');
    const env = compose['x-custodian-env'];
    expect({ METRICS_PORT: Number(env.METRICS_PORT), WORKER_METRICS_PORT: Number(env.WORKER_METRICS_PORT) }).toEqual({ METRICS_PORT: ports.apiMetrics[0], WORKER_METRICS_PORT: ports.workerMetrics[0] });
    // The credential Prometheus presents is the one the apps require: the same mounted secret.
    const prom = load(read(plan.files.prometheus)) as { scrape_configs: { authorization?: { credentials_file: string } }[] };
    for (const job of prom.scrape_configs) expect(job.authorization?.credentials_file).toBe(env.METRICS_TOKEN_FILE);
    expect(env.METRICS_TOKEN_FILE).toBe('/run/secrets/metrics-token');
    expect(prometheus.secrets).toEqual(['metrics-token']);
    expect(compose['x-custodian-app'].secrets).toEqual(['metrics-token']);
  });

  it('the apps get only variables compose sets too, or ones the plan says why it sets alone', () => {
    const composeNames = new Set([...Object.keys(compose['x-custodian-env']), ...Object.keys(services.api.environment ?? {})]);
    const names = Object.keys({
      ...appEnv(plan, { databaseUrl: 'postgres://x', embedded: true, jwtSecret: 'x', payloadKeysFile: '/k', visitorKeyFile: '/v', metricsTokenFile: '/t', workflowBundle: '/b' }),
      ...appProcessEnv(plan, 'api', 0),
      ...appProcessEnv(plan, 'worker', 0),
    });
    for (const name of names) expect({ name, known: composeNames.has(name) || name in plan.appEnvLocalOnly }).toEqual({ name, known: true });
    for (const name of Object.keys(plan.appEnvLocalOnly)) expect({ name, inCompose: composeNames.has(name) }).toEqual({ name, inCompose: false });
  });

  it('the namespace script creates the search attributes the workflows set (libs/policy/search-attributes.ts)', () => {
    const line = /^attributes="([^"]*)"/m.exec(read(plan.files.temporalNamespaceSetup));
    const pairs = Object.fromEntries(line![1].split(/\s+/).map((p) => p.split(':')));
    expect(pairs).toEqual(searchAttributeDefinitions);
  });
});
