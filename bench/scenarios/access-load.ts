import type { BenchSize } from './types.js';

/**
 * The load both sides of "external-network access request" run at, so ours ÷ raw compares like with
 * like: the same number of requests, the same number in flight, the same warm-up. The default runs 100
 * (ours ~20 s on an idle 2-core machine): with 20, two waves of 10, a run's throughput was mostly its
 * ramp and tail and its p99 was its largest sample, so three runs of the same code gave 0.60-0.70 and
 * 1.39-1.81 (throughput, start -> enabled p99); with 100, two runs gave 0.74, 0.75 and 1.39, 1.38.
 * --full keeps 50 in flight.
 */
export const ACCESS_LOAD: Record<BenchSize, { total: number; concurrency: number; deadlineMs: number }> = {
  default: { total: 100, concurrency: 10, deadlineMs: 60_000 },
  full: { total: 200, concurrency: 50, deadlineMs: 20 * 60_000 },
};
export const ACCESS_WARMUP = 3;
