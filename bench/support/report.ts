import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Measured, ScenarioResult } from '../scenarios/types.js';
import type { LatencySummary } from './latency.js';

export type Outcome = ScenarioResult | { status: 'failed'; error: string };
export interface ScenarioRecord {
  id: string;
  title: string;
  durationSec: number;
  result: Outcome;
}

/** ours ÷ raw: above 1 for latency means slower than raw; below 1 for throughput means fewer per second. */
export interface Ratio {
  key: string;
  ours: string;
  raw: string;
  throughput: number;
  latency: { p50: number; p95: number; p99: number };
  /** The same for single calls both sides name (e.g. a decision: POST /api/tasks/:id/complete ÷ the raw Update). */
  calls?: { label: string; p50: number; p95: number; p99: number }[];
}

export function ratios(records: ScenarioRecord[]): Ratio[] {
  const measured = records.filter((r): r is ScenarioRecord & { result: Measured } => r.result.status === 'measured' && !!r.result.compare);
  const out: Ratio[] = [];
  for (const ours of measured.filter((r) => r.result.compare!.side === 'ours')) {
    const raw = measured.find((r) => r.result.compare!.side === 'raw' && r.result.compare!.key === ours.result.compare!.key);
    if (!raw) continue;
    const [o, w] = [ours.result.latencies[ours.result.compare!.latency], raw.result.latencies[raw.result.compare!.latency]];
    const div = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    const pct = (a: LatencySummary, b: LatencySummary) => ({ p50: div(a.p50, b.p50), p95: div(a.p95, b.p95), p99: div(a.p99, b.p99) });
    const ratio: Ratio = {
      key: ours.result.compare!.key,
      ours: ours.id,
      raw: raw.id,
      throughput: div(ours.result.compare!.throughputPerSec, raw.result.compare!.throughputPerSec),
      latency: pct(o, w),
    };
    const [oc, rc] = [ours.result.compare!.calls ?? {}, raw.result.compare!.calls ?? {}];
    const calls = Object.keys(oc)
      .filter((label) => rc[label] && ours.result.latencies[oc[label]] && raw.result.latencies[rc[label]])
      .map((label) => ({ label: `${label}: ${oc[label]} ÷ ${rc[label]}`, ...pct(ours.result.latencies[oc[label]], raw.result.latencies[rc[label]]) }));
    if (calls.length) ratio.calls = calls;
    out.push(ratio);
  }
  return out;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

export function render(records: ScenarioRecord[], rs: Ratio[]): string {
  const metrics: string[][] = [['scenario', 'metric', 'value']];
  const latency: string[][] = [['scenario / operation (ms)', 'n', 'p50', 'p95', 'p99', 'max']];
  const notes: string[] = [];
  for (const r of records) {
    const res = r.result;
    if (res.status !== 'measured') {
      notes.push(`${r.id}: ${res.status === 'skipped' ? `skipped — ${res.reason}` : `FAILED — ${res.error}`}`);
      continue;
    }
    // The sizes first: a figure means little without the load it was taken at.
    for (const [k, v] of Object.entries(res.parameters)) metrics.push([r.id, `size: ${k}`, typeof v === 'number' ? fmt(v) : v]);
    for (const [k, v] of Object.entries(res.metrics)) metrics.push([r.id, k, fmt(v)]);
    latency.push([r.id, '', '', '', '', '']);
    for (const [op, l] of Object.entries(res.latencies)) latency.push([`  ${op}`, String(l.count), fmt(l.p50), fmt(l.p95), fmt(l.p99), fmt(l.max)]);
    for (const n of res.notes ?? []) notes.push(`${r.id}: ${n}`);
  }
  const lines: string[] = [];
  if (metrics.length > 1) lines.push(table(metrics), '', table(latency));
  if (rs.length) {
    lines.push('', 'ours ÷ raw (same run, same Temporal server; throughput below 1 and latency above 1 = slower than raw)');
    const rows = rs.flatMap((x) => [
      [`${x.key} (${x.ours} ÷ ${x.raw})`, fmt(x.throughput), fmt(x.latency.p50), fmt(x.latency.p95), fmt(x.latency.p99)],
      ...(x.calls ?? []).map((c) => [`  ${c.label}`, '', fmt(c.p50), fmt(c.p95), fmt(c.p99)]),
    ]);
    lines.push(table([['comparison', 'throughput', 'p50', 'p95', 'p99'], ...rows]));
  } else {
    lines.push('', 'ours ÷ raw: not yet — no "ours" scenario with a raw counterpart was measured in this run');
  }
  if (notes.length) lines.push('', ...notes);
  return lines.join('\n');
}

function commit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** bench/results/<timestamp>.json; returns its path. */
export function writeResults(dir: string, started: Date, settings: Record<string, string>, records: ScenarioRecord[], rs: Ratio[]): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  const cpu = cpus();
  const doc = {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    ...settings,
    commit: commit(),
    machine: { cpus: cpu.length, cpuModel: cpu[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform, loadAverageAtEnd: loadavg().map((l) => Math.round(l * 10) / 10) },
    scenarios: records,
    ratios: rs,
  };
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  return file;
}
