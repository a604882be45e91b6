/**
 * Which faults a run injects, in order, and how much load goes with each. One round = one fault in
 * the middle of a fresh batch of load, then every invariant is checked.
 */
import { apiRestart, directoryOutage, postgresRestart, smtpOutage, temporalRestart, temporalServiceKill, workerKill, type Fault } from './faults.js';

export interface Plan {
  name: 'short' | 'full' | 'cluster';
  /** Items per workload per round. */
  items: number;
  faults: Fault[];
  /** How long a round's workflows may take to complete after the load is through. */
  settleMs: number;
}

/**
 * short (CI, about three minutes on 2 cores): one of each kind, a small load.
 * full: several worker kills (one round kills it three times in a row), both kinds of API restart,
 * two restarts each of PostgreSQL and Temporal, and the directory down during expiries, with a larger load.
 * `only` keeps the faults of those kinds (e.g. ['directory-outage'] runs that round alone).
 */
export function makePlan(kind: 'short' | 'full', items?: number, only?: Fault['kind'][]): Plan {
  const plan = makeWholePlan(kind, items);
  return only ? { ...plan, faults: plan.faults.filter((f) => only.includes(f.kind)) } : plan;
}

function makeWholePlan(kind: 'short' | 'full', items?: number): Plan {
  if (kind === 'short') {
    return { name: 'short', items: items ?? 3, settleMs: 90_000, faults: [workerKill(), apiRestart('SIGKILL'), postgresRestart(3000), temporalRestart(3000), directoryOutage(5000), smtpOutage(20, 3000)] };
  }
  return {
    name: 'full',
    items: items ?? 12,
    settleMs: 180_000,
    faults: [
      workerKill(),
      apiRestart('SIGKILL'),
      postgresRestart(8000),
      temporalRestart(8000),
      directoryOutage(15_000, 8),
      workerKill(3),
      apiRestart('SIGTERM'),
      postgresRestart(15_000),
      workerKill(),
      temporalRestart(15_000),
      workerKill(),
      smtpOutage(40, 10_000),
    ],
  };
}

/**
 * `npm run test:faults -- --cluster`: the production topology (scripts/support/cluster/), one round per
 * part of it — a history host, matching and the frontend killed (SIGKILL), an API replica killed behind
 * the gateway, one of the workers killed, PostgreSQL restarted — each under load, with the same invariants.
 */
export function makeClusterPlan(items?: number, only?: Fault['kind'][]): Plan {
  const faults = [temporalServiceKill('history-1', 3000), temporalServiceKill('matching', 3000), temporalServiceKill('frontend', 3000), apiRestart('SIGKILL', 'API replica 1 of 2'), workerKill(1, 'one'), postgresRestart(3000)];
  return { name: 'cluster', items: items ?? 3, settleMs: 120_000, faults: only ? faults.filter((f) => only.includes(f.kind)) : faults };
}
