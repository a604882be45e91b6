import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { supervise, type Supervised } from '../../libs/runtime/supervisor.js';
import { freePort } from './env.js';

/** Debian's prometheus package (scripts/ensure-system-packages.sh); PROMETHEUS_PATH selects another, promtool beside it. */
export const PROMETHEUS_PATH = process.env.PROMETHEUS_PATH ?? '/usr/bin/prometheus';
export const PROMTOOL_PATH = join(dirname(PROMETHEUS_PATH), 'promtool');
export const prometheusInstalled = existsSync(PROMETHEUS_PATH) && existsSync(PROMTOOL_PATH);
export const deployDir = fileURLToPath(new URL('../../deploy/prometheus', import.meta.url));

export interface PrometheusTarget {
  job: string;
  /** host:port */
  target: string;
  token?: string;
}

export interface PrometheusHandle {
  url: string;
  process: Supervised;
  /** GET /api/v1/<path>: the `data` of the answer. */
  api: (path: string) => Promise<any>;
  stop: () => Promise<void>;
}

/**
 * A real Prometheus on a free loopback port, with its own temporary data directory, scraping the given
 * targets every second with deploy/prometheus/rules.yml loaded; stop() ends its process group and removes the directory.
 */
export async function startPrometheus(targets: PrometheusTarget[]): Promise<PrometheusHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'custodian-prometheus-'));
  const port = await freePort();
  const jobs = targets.map((t, i) => {
    const lines = [`  - job_name: ${t.job}`, '    scrape_interval: 1s', '    scrape_timeout: 1s'];
    if (t.token) {
      writeFileSync(join(dir, `token-${i}`), t.token, { mode: 0o600 });
      lines.push('    authorization:', `      credentials_file: ${join(dir, `token-${i}`)}`);
    }
    lines.push('    static_configs:', `      - targets: ['${t.target}']`);
    return lines.join('\n');
  });
  writeFileSync(
    join(dir, 'prometheus.yml'),
    ['global:', '  evaluation_interval: 1s', 'rule_files:', `  - ${join(deployDir, 'rules.yml')}`, 'scrape_configs:', ...jobs, ''].join('\n'),
  );
  const url = `http://127.0.0.1:${port}`;
  const proc = supervise({
    name: 'prometheus',
    command: PROMETHEUS_PATH,
    args: [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    cwd: dir,
  });
  await proc.ready({ http: `${url}/-/ready` }, { timeoutMs: 60_000 });
  return {
    url,
    process: proc,
    api: async (path) => {
      const r = await fetch(`${url}/api/v1/${path}`);
      const body = (await r.json()) as { status: string; data: unknown; error?: string };
      if (body.status !== 'success') throw new Error(`prometheus ${path}: ${body.error}`);
      return body.data;
    },
    stop: async () => {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
