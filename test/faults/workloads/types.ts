import type { Http, Sessions } from '../http.js';

export interface WorkloadContext {
  http: Http;
  sessions: Sessions;
  /** Unique per run, so names the load creates never clash with the demo data. */
  runId: string;
  log: (m: string) => void;
  /** Records a broken expectation that the load can carry on from (the run still fails). */
  report: (kind: string, detail: string) => void;
}

/** What one round of a workload leaves behind for the invariant checks. */
export interface RoundResult {
  /** Workflows the round started, also those of failed items. */
  workflowIds: string[];
  /** Employees that must end up holding exactly one standard agent ID (AID-1). */
  employeesWithAgentId: string[];
  /** Items that went through all their steps. */
  completed: number;
  /** Items that did not, and the workflow each left behind (if it started one). */
  failures: { error: string; workflowId?: string }[];
  /** Workflows the round starts on purpose that outlive it (the yearly rules cycle of a new hire): known, not expected to end. */
  longRunning?: string[];
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

/**
 * Runs n items at once; an item names its workflow through track() as soon as it knows it, so a
 * failed item's workflow is known too. An item resolves to the employee that must hold an agent ID, if any.
 */
export async function runItems(n: number, item: (i: number, track: (workflowId: string) => void) => Promise<string | void>): Promise<RoundResult> {
  const result: RoundResult = { workflowIds: [], employeesWithAgentId: [], completed: 0, failures: [] };
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      let workflowId: string | undefined;
      const track = (id: string) => {
        workflowId = id;
        result.workflowIds.push(id);
      };
      try {
        const employee = await item(i + 1, track);
        if (employee) result.employeesWithAgentId.push(employee);
        result.completed += 1;
      } catch (e) {
        result.failures.push({ error: (e as Error).message, workflowId });
      }
    }),
  );
  return result;
}
