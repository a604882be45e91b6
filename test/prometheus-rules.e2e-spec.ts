import { execFile } from 'node:child_process';
import { join } from 'node:path';
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
