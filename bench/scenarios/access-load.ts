import type { BenchSize } from './types.js';

/**
 * The load both sides of "external-network access request" run at, so ours ÷ raw compares like with
 * like: the same number of requests, the same number in flight, the same warm-up. The default keeps
 * ours to about half a minute on an idle 2-core machine; --full keeps 50 in flight.
 */
export const ACCESS_LOAD: Record<BenchSize, { total: number; concurrency: number; deadlineMs: number }> = {
  default: { total: 20, concurrency: 10, deadlineMs: 60_000 },
  full: { total: 200, concurrency: 50, deadlineMs: 20 * 60_000 },
};
export const ACCESS_WARMUP = 3;
