import { build, type Histogram } from 'hdr-histogram-js';

/** Milliseconds, as printed and written to the JSON results. */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * One HDR histogram per named operation (e.g. `start`, `decide`, `GET /api/tasks`), recorded in
 * microseconds with 3 significant digits, so percentiles stay exact enough at any count without
 * keeping every sample.
 */
export class LatencyRecorder {
  private readonly histograms = new Map<string, Histogram>();

  record(name: string, ms: number): void {
    let h = this.histograms.get(name);
    if (!h) {
      h = build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 });
      this.histograms.set(name, h);
    }
    h.recordValue(Math.max(1, Math.round(ms * 1000)));
  }

  /** Times fn (successful calls only: a failure is counted by the caller, not as a latency). */
  async time<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await fn();
    this.record(name, performance.now() - started);
    return result;
  }

  summaries(): Record<string, LatencySummary> {
    const ms = (us: number) => Math.round(us) / 1000;
    return Object.fromEntries(
      [...this.histograms].map(([name, h]) => [
        name,
        { count: h.totalCount, p50: ms(h.getValueAtPercentile(50)), p95: ms(h.getValueAtPercentile(95)), p99: ms(h.getValueAtPercentile(99)), max: ms(h.maxValue), mean: ms(h.mean) },
      ]),
    );
  }
}
