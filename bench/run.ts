/**
 * `npm run bench [-- --full] [-- --only=id,id] [-- --list] [-- --temporal-in-memory]`
 * `npm run bench -- --cluster [--workers=1,2,4]`: scaling on the production topology (bench/cluster.ts)
 *
 * Runs the benchmark scenarios (bench/scenarios/index.ts) against engines started for the run on free
 * ports in a temporary directory (embedded PostgreSQL, Temporal dev server, and API + worker through
 * the launcher when a scenario needs them), prints progress while it runs, then a table, and writes
 * the results as JSON under bench/results/. The default sizes finish within 3 minutes on the 2-core
 * reference machine; --full runs the large sizes. The Temporal dev server persists to a file as under
 * `npm start`; --temporal-in-memory removes that storage cost (raw numbers rise, ratios grow).
 * Speed is measured here, never asserted in tests.
 */
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { LocalSystem } from '../scripts/support/local-system.js';
import { runClusterBench } from './cluster.js';
import { scenarios } from './scenarios/index.js';
import type { BenchSize } from './scenarios/types.js';
import { ratios, render, writeResults, type ScenarioRecord } from './support/report.js';

const progress = (m: string) => process.stderr.write(`[bench] ${m}\n`);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--cluster')) return runClusterBench(argv, progress);
  if (argv.includes('--list')) {
    for (const s of scenarios) process.stdout.write(`${s.id.padEnd(22)} ${s.title}\n`);
    return;
  }
  const only = argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
  const unknown = only?.filter((id) => !scenarios.some((s) => s.id === id)) ?? [];
  if (unknown.length) throw new Error(`unknown scenario(s): ${unknown.join(', ')} (see --list)`);
  const selected = scenarios.filter((s) => !only || only.includes(s.id));
  const size: BenchSize = argv.includes('--full') ? 'full' : 'default';
  const temporalInMemory = argv.includes('--temporal-in-memory');
  const started = new Date();
  progress(`${selected.length} scenario(s), ${size} sizes, Temporal ${temporalInMemory ? 'in memory' : 'file-persisted'}`);
  // Other work on the machine slows every figure (ours and raw alike, not always equally): say so up front.
  const [load1] = loadavg();
  if (load1 > cpus().length) progress(`note: load average ${load1.toFixed(1)} on ${cpus().length} cores before starting; expect lower figures than on an idle machine`);

  const records: ScenarioRecord[] = [];
  const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
  const settings = { size, temporal: temporalInMemory ? 'in-memory' : 'file', loadAverageAtStart: load1.toFixed(1) };
  await LocalSystem.use('bench', progress, async (system) => {
    for (const [i, s] of selected.entries()) {
      progress(`(${i + 1}/${selected.length}) ${s.id}: ${s.title}`);
      const t0 = performance.now();
      const result = await s
        .run({ size, system, progress: (m) => progress(`  ${m}`) })
        .catch((e: Error) => ({ status: 'failed' as const, error: e.message }));
      const durationSec = Math.round((performance.now() - t0) / 100) / 10;
      progress(`(${i + 1}/${selected.length}) ${s.id}: ${result.status} in ${durationSec} s`);
      if (result.status === 'measured' && result.baseline) {
        const { baseline, ...ours } = result;
        records.push({ id: s.id, title: s.title, durationSec, result: ours }, { id: baseline.id, title: baseline.title, durationSec: 0, result: baseline.result });
      } else {
        records.push({ id: s.id, title: s.title, durationSec, result });
      }
      // Written after every scenario (the same file each time), so a run cut short keeps what it measured.
      writeResults(resultsDir, started, settings, records, ratios(records));
    }
  }, { temporalInMemory });

  const rs = ratios(records);
  const machine = `${size} sizes, Temporal ${settings.temporal}; ${cpus().length} cores, load average ${load1.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end`;
  process.stdout.write(`\n${machine}\n\n${render(records, rs)}\n\n`);
  const file = writeResults(resultsDir, started, settings, records, rs);
  process.stdout.write(`results: ${file} (total ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s)\n`);
  if (records.some((r) => r.result.status === 'failed')) process.exitCode = 1;
}

main().catch((e) => {
  process.stderr.write(`[bench] ${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
