import type { BenchSize } from './types.js';

/**
 * The load both sides of "external-network access request" run at, so ours ÷ raw compares like with
 * like: the same number of requests, the same number in flight, the same warm-up. The default keeps
 * ours to about a minute on the 2-core reference machine (a request takes ours 10-20 s end to end).
 */
export const ACCESS_LOAD: Record<BenchSize, { total: number; concurrency: number; deadlineMs: number }> = {
  default: { total: 30, concurrency: 15, deadlineMs: 60_000 },
  full: { total: 1000, concurrency: 50, deadlineMs: 20 * 60_000 },
};
export const ACCESS_WARMUP = 3;
