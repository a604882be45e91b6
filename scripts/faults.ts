/**
 * `npm run test:faults [-- --short] [-- --items=N] [-- --only=KIND,KIND] [-- --keep]`
 *
 * Fault injection: starts the system on free ports in a temporary directory (embedded
 * PostgreSQL, the Temporal dev server persisting to a file, the API and a worker as separate
 * processes), drives a load through HTTP, and in its middle SIGKILLs the worker, restarts the API,
 * restarts PostgreSQL, restarts Temporal, stops the directory (OpenLDAP, started by the run) while
 * grants expire, and stops SMTP (the run's own server) during a burst of notification mails. After each fault: every workflow completes, no agent ID
 * is held twice, no step's event is written twice, the audit chain verifies; while PostgreSQL is down
 * the API answers 503 with Retry-After (never 500, never a hang). Exit 1 on any violation.
 *
 *   --short    one fault of each kind and a small load (CI; about two minutes on 2 cores)
 *   --items=N  items per workload per round (default 3 short, 12 full)
 *   --only=K   only the rounds of these fault kinds: worker-kill, api-restart, postgres-restart,
 *              temporal-restart, directory-outage, smtp-outage
 *   --keep     keep the temporary directory (app logs, data) even when the run passes
 *   --cluster  on the production topology (`npm run cluster`: Temporal's services as processes on
 *              PostgreSQL, two API replicas behind nginx, three workers): rounds that kill a history
 *              host, matching, the frontend, an API replica, a worker, and restart PostgreSQL
 *              (test/faults/plan.ts makeClusterPlan); --items and --only apply
 *
 * Everything it started is stopped at the end, on failure and on Ctrl-C.
 */
import { LocalSystem } from './support/local-system.js';
import { ClusterFaultSystem } from './support/cluster/fault-system.js';
import { makeClusterPlan, makePlan } from '../test/faults/plan.js';
import type { FaultSystem } from '../test/faults/faults.js';
import { renderSummary } from '../test/faults/report.js';
import { runFaults } from '../test/faults/runner.js';

const t0 = Date.now();
const say = (m: string) => process.stdout.write(`[faults ${((Date.now() - t0) / 1000).toFixed(0).padStart(3)}s] ${m}\n`);

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const items = argv.find((a) => a.startsWith('--items='))?.slice(8);
  if (items !== undefined && !(Number(items) >= 1)) throw new Error('--items must be a positive whole number');
  const KINDS = ['worker-kill', 'api-restart', 'postgres-restart', 'temporal-restart', 'directory-outage', 'smtp-outage', 'temporal-service-kill'] as const;
  const only = argv.find((a) => a.startsWith('--only='))?.slice(7).split(',') as (typeof KINDS)[number][] | undefined;
  const unknown = only?.filter((k) => !KINDS.includes(k)) ?? [];
  if (unknown.length) throw new Error(`--only: unknown fault kind(s) ${unknown.join(', ')} (one of ${KINDS.join(', ')})`);
  const onCluster = argv.includes('--cluster');
  const plan = onCluster ? makeClusterPlan(items ? Number(items) : undefined, only) : makePlan(argv.includes('--short') ? 'short' : 'full', items ? Number(items) : undefined, only);
  if (!plan.faults.length) throw new Error('--only left no fault in the plan');
  say(`plan ${plan.name}: ${plan.faults.map((f) => f.label).join(' → ')}`);
  let failed = false;
  const use = onCluster ? (fn: (s: FaultSystem & { stop: ClusterFaultSystem['stop'] }) => Promise<void>) => ClusterFaultSystem.use(say, fn) : (fn: (s: FaultSystem & { stop: LocalSystem['stop'] }) => Promise<void>) => LocalSystem.use('faults', say, fn);
  await use(async (system) => {
    const run = await runFaults(system, plan, say);
    process.stdout.write(`\n${renderSummary(run)}\n`);
    failed = run.violations.list.length > 0;
    say('stopping everything that was started');
    if (failed || argv.includes('--keep')) await system.stop({ keepWorkDir: true }).then(() => say(`kept ${system.workDir} (app logs: *.log)`));
  });
  say('stopped');
  return failed ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`[faults] ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  },
);
