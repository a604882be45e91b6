import type { Http, Sessions } from '../http.js';

export interface WorkloadContext {
  http: Http;
  sessions: Sessions;
  /** Unique per run, so names the load creates never clash with the demo data. */
  runId: string;
  log: (m: string) => void;
}

/** What one round of a workload leaves behind for the invariant checks. */
export interface RoundResult {
  /** Workflows the round started; each must end COMPLETED. */
  workflowIds: string[];
  /** Employees that must end up holding exactly one standard agent ID (AID-1). */
  employeesWithAgentId: string[];
  /** Items that went through all their steps. */
  completed: number;
}

/**
 * A kind of traffic the fault run drives through HTTP while faults happen. Every call goes through
 * the Http client, which retries like a careful client and records server errors and hangs.
 */
export interface Workload {
  readonly name: string;
  /** HTTP steps one item takes (the runner injects its fault after about a third of a round's steps). */
  readonly stepsPerItem: number;
  /** Demo users it acts as (signed in before the first fault). */
  readonly users: string[];
  /** Once before the first round, with the number of items all rounds will use. */
  prepare(ctx: WorkloadContext, totalItems: number): Promise<void>;
  /** n items concurrently; onStep after each HTTP step; resolves when every item is through. */
  round(ctx: WorkloadContext, round: number, n: number, onStep: () => void): Promise<RoundResult>;
}

export const emptyRound = (): RoundResult => ({ workflowIds: [], employeesWithAgentId: [], completed: 0 });
