/**
 * The fault run: the system as separate processes, a load through HTTP, and for each fault of the
 * plan a round — start a batch of load, inject the fault once about a third of the batch's steps are
 * done, let the load finish (the client retries as told), then check every invariant.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { within } from '../../scripts/support/app-process.js';
import { FaultDirectory } from './directory.js';
import { FAULT_MAIL_DOMAIN, type FaultRecord, type FaultSystem } from './faults.js';
import { TestSmtp } from '../support/smtp.js';
import { Http, Sessions } from './http.js';
import { checkAgentIds, checkAuditChain, checkEventDuplicates, checkWorkflows, terminateAbandoned, type CheckResult } from './invariants.js';
import { probesFor } from './outage-probes.js';
import type { Plan } from './plan.js';
import { Violations } from './violations.js';
import { workloadsFor } from './workloads/index.js';
import type { WorkloadContext } from './workloads/types.js';
import { FLOW_WAIT_MS } from './workloads/inbox.js';

export interface RoundSummary {
  index: number;
  label: string;
  items: number;
  /** Load steps done before the fault hit, of the round's total. */
  stepsAtFault: string;
  record: FaultRecord;
  checks: CheckResult[];
  violations: number;
  ms: number;
}

export interface RunSummary {
  plan: Plan['name'];
  rounds: RoundSummary[];
  violations: Violations;
  workflowsStarted: number;
  workflowsCompleted: number;
  statusCounts: Map<string, number>;
  ms: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForSteps(steps: () => number, target: number, done: Promise<unknown>, maxMs: number): Promise<void> {
  let finished = false;
  void done.then(() => (finished = true));
  const until = Date.now() + maxMs;
  while (!finished && steps() < target && Date.now() < until) await sleep(50);
}

async function withDb<T>(url: string, fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: url, application_name: 'custodian-faults' });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

export async function runFaults(system: FaultSystem, plan: Plan, log: (m: string) => void): Promise<RunSummary> {
  const t0 = Date.now();
  const violations = new Violations();
  // A directory enforces grants only when a fault needs one: then every grant of the run is provisioned in it.
  const directory = plan.faults.some((f) => f.needsDirectory) ? await FaultDirectory.start(system, log) : undefined;
  // Likewise an SMTP server on loopback (test/support/smtp.ts) when a fault takes mail down.
  const smtp = plan.faults.some((f) => f.needsSmtp) ? new TestSmtp('custodian', randomBytes(12).toString('hex')) : undefined;
  if (smtp) await smtp.start();
  const mailEnv: Record<string, string> = smtp
    ? { SMTP_URL: `smtp://${smtp.user}:${smtp.pass}@127.0.0.1:${smtp.port}`, MAIL_FROM: `Custodian <custodian@${FAULT_MAIL_DOMAIN}>`, MAIL_RELAY_EVERY: '200ms', MAIL_WORKING_HOURS: 'always', SMTP_TIMEOUT_MS: '5000' }
    : {};
  const procs = await system.apps({
    // The workloads start far more processes per account than any person may (QUOTA_* settings).
    overrides: { ACCESS_TOKEN_TTL: '2h', QUOTA_ACCESS_REQUESTS: 'off', QUOTA_ONBOARDINGS: 'off', QUOTA_OFFBOARDINGS: 'off', ...directory?.env, ...mailEnv },
    onUnexpectedExit: (app, exit) => violations.add('crash', `${app.name} exited on its own (${exit.signal ?? `code ${exit.code}`}); see ${app.logFile}`),
  });
  log(`system up in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${procs.endpoints.baseUrl}`);
  const http = new Http(procs.endpoints.baseUrl, violations);
  const sessions = new Sessions(http);
  const ctx: WorkloadContext = { http, sessions, runId: randomBytes(3).toString('hex'), log, report: (kind, detail) => violations.add(kind, detail) };
  // What this build serves decides the load and the probes (the workflow routes may not be there).
  const doc = await http.call<{ paths?: Record<string, unknown> }>('GET', '/api/docs-json', { retryForMs: 30_000 });
  const routes = new Set(Object.keys(doc.body.paths ?? {}));
  const probes = probesFor(routes);
  const workloads = workloadsFor(ctx, routes);
  const fctx = { system, procs, http, sessions, violations, probes, log, load: ctx, directory, smtp };

  log(`load per round: ${plan.items} item(s) of ${workloads.map((w) => w.name).join(', ')}`);
  await Promise.all([...new Set([...probes.users, ...workloads.flatMap((w) => w.users)])].map((u) => sessions.token(u)));
  for (const w of workloads) await w.prepare(ctx, plan.items * plan.faults.length);

  const employees: string[] = [];
  /** Every workflow the load started (a running one not in here is a stray). */
  const known = new Set<string>();
  let startedWorkflows = 0;
  let completedWorkflows = 0;
  const rounds: RoundSummary[] = [];
  for (const [i, fault] of plan.faults.entries()) {
    const r0 = Date.now();
    violations.phase = `${i + 1}. ${fault.label}`;
    const before = violations.list.length;
    log(`round ${i + 1}/${plan.faults.length}: ${fault.label}, during ${plan.items} item(s) per workload`);

    let steps = 0;
    const total = workloads.reduce((n, w) => n + w.stepsPerItem * plan.items, 0);
    const load = Promise.allSettled(workloads.map((w) => w.round(ctx, i + 1, plan.items, () => (steps += 1))));
    await waitForSteps(() => steps, Math.ceil(total / 3), load, 60_000);
    const stepsAtFault = `${steps}/${total}`;
    log(`  injecting ${fault.label} at step ${stepsAtFault}`);
    const record = await fault.inject(fctx);
    log(`  ${fault.label}: down ${(record.downMs / 1000).toFixed(1)} s, answering again ${(record.recoveryMs / 1000).toFixed(1)} s after the restart`);

    const settled = await within(plan.settleMs + FLOW_WAIT_MS, load);
    if (!settled) violations.add('load-stuck', `the round's load did not finish within ${(plan.settleMs + FLOW_WAIT_MS) / 1000} s of the fault`);
    const roundWorkflows: string[] = [];
    const abandoned: string[] = [];
    for (const [k, s] of (settled ?? []).entries()) {
      if (s.status === 'rejected') {
        violations.add('load', `${workloads[k].name}: ${(s.reason as Error).message}`);
        continue;
      }
      employees.push(...s.value.employeesWithAgentId);
      for (const id of s.value.workflowIds) known.add(id);
      for (const id of s.value.longRunning ?? []) known.add(id);
      for (const f of s.value.failures) {
        violations.add('load', `${workloads[k].name}: ${f.error}`);
        if (f.workflowId) abandoned.push(f.workflowId);
      }
      roundWorkflows.push(...s.value.workflowIds.filter((id) => !abandoned.includes(id)));
    }
    for (const id of record.workflowIds ?? []) {
      known.add(id);
      roundWorkflows.push(id);
    }
    log(`  load through (${steps}/${total} steps, ${roundWorkflows.length} workflow(s) to check); checking invariants`);
    await terminateAbandoned(procs.endpoints.temporalAddress, abandoned);

    // A process that died on its own was reported as a violation; start it again so the run goes on.
    for (const app of [procs.api, ...procs.workers].filter((a) => !a.running)) {
      log(`  restarting ${app.name}, which is not running`);
      app.start();
    }
    await system.apiReady(procs);

    const checks = await withDb(procs.endpoints.databaseUrl, async (db) => [await checkAgentIds(db, employees), await checkEventDuplicates(db)]);
    checks.push(await checkAuditChain(procs.endpoints.databaseUrl));
    const wf = await checkWorkflows(procs.endpoints.temporalAddress, roundWorkflows, known, plan.settleMs);
    completedWorkflows += wf.completed;
    for (const id of wf.strays) known.add(id);
    await terminateAbandoned(procs.endpoints.temporalAddress, wf.strays);
    startedWorkflows += roundWorkflows.length + abandoned.length;
    checks.push(wf);
    if (record.check) checks.push(await record.check());
    for (const c of checks) {
      for (const p of c.problems) violations.add(`invariant: ${c.name}`, p);
      log(`  ${c.problems.length ? 'FAIL' : 'ok  '} ${c.name}${c.figure ? ` (${c.figure})` : ''}`);
    }
    rounds.push({ index: i + 1, label: fault.label, items: plan.items, stepsAtFault, record, checks, violations: violations.list.length - before, ms: Date.now() - r0 });
  }
  await smtp?.stop();
  return { plan: plan.name, rounds, violations, workflowsStarted: startedWorkflows, workflowsCompleted: completedWorkflows, statusCounts: http.statusCounts, ms: Date.now() - t0 };
}
