/** The run's summary: one line per round, then the totals and every violation. */
import type { RunSummary } from './runner.js';

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function renderSummary(run: RunSummary): string {
  const rows = run.rounds.map((r) => {
    const wf = r.checks.find((c) => c.name === 'workflows complete')?.figure ?? '-';
    const probes = r.record.probes ? `${r.record.probes.answers} (${Object.entries(r.record.probes.byStatus).map(([k, v]) => `${k}×${v}`).join(' ')}, max ${r.record.probes.maxMs} ms)` : '-';
    const failed = r.checks.filter((c) => c.problems.length).map((c) => c.name);
    return [String(r.index), r.label, r.stepsAtFault, s(r.record.downMs), s(r.record.recoveryMs), probes, wf, failed.length ? `FAIL: ${failed.join(', ')}` : 'all ok', String(r.violations), s(r.ms)];
  });
  const kills = run.rounds.reduce((n, r) => n + (r.label.startsWith('worker') ? r.record.kills : 0), 0);
  const restarts = (kind: string) => run.rounds.filter((r) => r.label.startsWith(kind)).reduce((n, r) => n + r.record.restarts, 0);
  const last = run.rounds.at(-1)?.checks.find((c) => c.name === 'workflows complete')?.figure ?? '0/0 completed';
  const statuses = [...run.statusCounts.entries()].sort().map(([k, v]) => `${k}×${v}`).join(' ');
  const out = [
    table(['#', 'fault', 'load step at fault', 'down', 'back after', 'outage probes', 'workflows', 'invariants', 'violations', 'round'], rows),
    '',
    `plan ${run.plan}: ${run.rounds.length} rounds in ${s(run.ms)}; worker SIGKILLs ${kills}, API restarts ${restarts('API')}, PostgreSQL restarts ${restarts('PostgreSQL')}, Temporal restarts ${restarts('Temporal')}`,
    `workflows: ${last} (all rounds); HTTP answers: ${statuses}`,
    run.violations.list.length ? `VIOLATIONS (${run.violations.list.length}):` : 'no violations: every invariant held after every fault',
    ...run.violations.list.map((v) => `  [${v.phase}] ${v.kind}: ${v.detail}`),
  ];
  return out.join('\n');
}
