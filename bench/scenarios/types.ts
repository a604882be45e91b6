import type { LocalSystem } from '../../scripts/support/local-system.js';

/** What a scenario runs against: LocalSystem (the dev server), or the cluster (`npm run bench -- --cluster`). */
export type BenchSystem = Pick<LocalSystem, 'endpoints' | 'adopt' | 'workDir'> & { temporal(): Promise<{ address: string }> };
import type { LatencySummary } from '../support/latency.js';

/** `npm run bench` runs the default sizes (≤ 3 min on this 2-core machine); `--full` the large ones. */
export type BenchSize = 'default' | 'full';

export interface BenchContext {
  size: BenchSize;
  /** Engines start on first use: `system.temporal()`, `system.postgres()`, `system.endpoints()` (API + worker). */
  system: BenchSystem;
  /** How many worker processes the raw baselines run (default 1): on the cluster, as many as ours. */
  rawWorkers?: number;
  /** A progress line on stderr while the scenario runs. */
  progress: (message: string) => void;
}

export interface Measured {
  status: 'measured';
  /** The sizes used (counts, concurrency), so a result can be compared with another run. */
  parameters: Record<string, number | string>;
  /** Scalar results, e.g. { throughputPerSec, failed, bytesPerWorkflow }. */
  metrics: Record<string, number>;
  /** Per operation, in milliseconds. */
  latencies: Record<string, LatencySummary>;
  /**
   * Scenarios measuring the same shape of work share a key; the runner prints ours ÷ raw for
   * throughput and for the named latency's p50/p95/p99 when both sides were measured in the run.
   */
  compare?: {
    key: string;
    side: 'ours' | 'raw';
    throughputPerSec: number;
    latency: string;
    /** Single calls doing the same job on both sides (label → this side's operation), e.g. a decision. */
    calls?: Record<string, string>;
  };
  notes?: string[];
  /**
   * The raw counterpart measured inside the same scenario (e.g. the same directory emptied by one plain
   * LDAP modify): the runner reports it as a scenario of its own, so the ours ÷ raw ratio shows with --only.
   */
  baseline?: { id: string; title: string; result: Measured };
}

export interface Skipped {
  status: 'skipped';
  reason: string;
}

export type ScenarioResult = Measured | Skipped;

export interface Scenario {
  id: string;
  title: string;
  run: (ctx: BenchContext) => Promise<ScenarioResult>;
}
