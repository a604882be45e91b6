import { routeOf } from '../bench/support/http.js';
import { LatencyRecorder } from '../bench/support/latency.js';
import type { Measured } from '../bench/scenarios/types.js';
import { ratios, render, type ScenarioRecord } from '../bench/support/report.js';

const measured = (id: string, side: 'ours' | 'raw', throughputPerSec: number, p: number): ScenarioRecord => ({
  id,
  title: id,
  durationSec: 1,
  result: {
    status: 'measured',
    parameters: {},
    metrics: { throughputPerSec },
    latencies: { total: { count: 10, p50: p, p95: 2 * p, p99: 4 * p, max: 5 * p, mean: p } },
    compare: { key: 'shape', side, throughputPerSec, latency: 'total' },
  },
});

describe('benchmark report', () => {
  it('records latencies into percentiles (milliseconds, 3 significant digits)', () => {
    const rec = new LatencyRecorder();
    for (let i = 1; i <= 1000; i++) rec.record('op', i); // 1 … 1000 ms
    const s = rec.summaries().op;
    expect(s.count).toBe(1000);
    expect(s.p50).toBeGreaterThanOrEqual(499);
    expect(s.p50).toBeLessThanOrEqual(501);
    expect(s.p99).toBeGreaterThanOrEqual(989);
    expect(s.p99).toBeLessThanOrEqual(991);
    expect(s.max).toBeGreaterThanOrEqual(999);
  });

  it('reports ours ÷ raw only for scenarios of the same key measured in the run', () => {
    const records = [measured('raw', 'raw', 100, 10), measured('ours', 'ours', 25, 40), { id: 'hook', title: 'hook', durationSec: 0, result: { status: 'skipped' as const, reason: 'later' } }];
    expect(ratios(records)).toEqual([{ key: 'shape', ours: 'ours', raw: 'raw', throughput: 0.25, latency: { p50: 4, p95: 4, p99: 4 } }]);
    expect(ratios(records.slice(0, 1))).toEqual([]);
    expect(render(records, ratios(records))).toContain('hook: skipped — later');
  });

  it('reports ours ÷ raw for the single calls both sides name, and prints the sizes with the figures', () => {
    const withCalls = (r: ScenarioRecord, calls: Record<string, string>, op: string): ScenarioRecord => {
      const m = r.result as Measured;
      return { ...r, result: { ...m, parameters: { requests: 10 }, latencies: { ...m.latencies, [op]: { count: 30, p50: 2, p95: 4, p99: 8, max: 9, mean: 2 } }, compare: { ...m.compare!, calls } } };
    };
    const raw = withCalls(measured('raw', 'raw', 100, 10), { decision: 'decide', other: 'x' }, 'decide');
    const ours = withCalls(measured('ours', 'ours', 25, 40), { decision: 'POST /api/tasks/:id/complete' }, 'POST /api/tasks/:id/complete');
    const [r] = ratios([raw, ours]);
    expect(r.calls).toEqual([{ label: 'decision: POST /api/tasks/:id/complete ÷ decide', p50: 1, p95: 1, p99: 1 }]);
    expect(render([raw, ours], [r])).toContain('size: requests');
  });

  it('names latencies by route: ids and query strings cut off, so all calls of a route share a histogram', () => {
    expect(routeOf('/api/tasks/0b0e7f3c-8d2a-4c1e-9f3b-2a6d5e4c3b1a/complete')).toBe('/api/tasks/:id/complete');
    expect(routeOf('/api/tasks?pageSize=200')).toBe('/api/tasks');
  });
});
