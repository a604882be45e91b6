import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { deployDir, prometheusInstalled, PROMTOOL_PATH } from './support/prometheus.js';

const run = promisify(execFile);
const promtool = (...args: string[]) => run(PROMTOOL_PATH, args, { cwd: deployDir }).catch((e: { stdout: string; stderr: string; code: number }) => ({ ...e, failed: true }));

if (!prometheusInstalled) {
  process.stderr.write(`[prometheus-rules] skipped: ${PROMTOOL_PATH} not found (npm run tools installs the Debian package prometheus; PROMETHEUS_PATH selects another)\n`);
}

/** The alerting rules a call center acts on (deploy/prometheus), checked by Prometheus's own tool. */
(prometheusInstalled ? describe : describe.skip)('Prometheus alerting rules (promtool)', () => {
  it('rules.yml is valid and the example scrape configuration parses', async () => {
    const rules = await promtool('check', 'rules', join(deployDir, 'rules.yml'));
    expect(rules.stdout).toMatch(/SUCCESS: \d+ rules found/);
    expect('failed' in rules).toBe(false);
    const config = await promtool('check', 'config', '--syntax-only', join(deployDir, 'prometheus.yml'));
    expect(config.stdout).toContain('SUCCESS');
    expect('failed' in config).toBe(false);
  });

  it('INF-9, SYS-1: the unit tests of rules.test.yml pass (worker down and absent, a broken audit chain reported once by two replicas, a removal pending too long, tasks past deadline)', async () => {
    const tested = await promtool('test', 'rules', join(deployDir, 'rules.test.yml'));
    expect(`${tested.stdout}${tested.stderr}`).toContain('SUCCESS');
    expect('failed' in tested).toBe(false);
  });
});

/** Runs with or without promtool (and so the file never skips whole: a Jest run that executes no test at all never reaches global teardown). */
describe('the alerting rules and the exported metrics', () => {
  it('every custodian_ metric that rules.yml names is one the API or a worker exports, so a renamed metric cannot silence an alert', () => {
    const rules = readFileSync(join(deployDir, 'rules.yml'), 'utf8').split('\n').filter((l) => !l.trim().startsWith('#')).join('\n');
    const named = new Set([...rules.matchAll(/\b(custodian_[a-z_]+)/g)].map((m) => m[1].replace(/_(count|sum|bucket)$/, '')));
    const source = ['apps/api/src/metrics/metrics.service.ts', 'apps/worker/src/worker-metrics.ts', 'libs/runtime/prometheus.ts']
      .map((f) => readFileSync(fileURLToPath(new URL(`../${f}`, import.meta.url)), 'utf8'))
      .join('\n');
    const exported = new Set([...source.matchAll(/'(custodian_[a-z_]+)'/g)].map((m) => m[1]));
    expect(named.size).toBeGreaterThan(10);
    expect([...named].filter((n) => !exported.has(n))).toEqual([]);
  });
});
