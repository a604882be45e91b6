/**
 * What must hold after every fault, read straight from the stores (never through the API under test):
 * PostgreSQL for agent IDs and the event log, the real CLI for the audit chain, Temporal for the
 * workflows. Each check returns the problems it found; none means the invariant holds.
 */
import { Client as TemporalClient, Connection } from '@temporalio/client';
import pg from 'pg';
import { runCliProcess } from '../support/cli.js';

export interface CheckResult {
  name: string;
  problems: string[];
  /** A figure for the summary (rows examined, events verified, workflows completed). */
  figure?: string;
}

async function rows<T>(db: pg.Client, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, params)).rows as T[];
}

/** AID-1: no code with two open holdings, no employee with two standard IDs, no standard ID ever reissued. */
export async function checkAgentIds(db: pg.Client, expectHolding: string[]): Promise<CheckResult> {
  const problems: string[] = [];
  for (const r of await rows<{ code: string; n: number }>(db, `SELECT code, count(*)::int AS n FROM agent_id_holdings WHERE ended_at IS NULL GROUP BY code HAVING count(*) > 1`)) {
    problems.push(`${r.code} has ${r.n} open holdings`);
  }
  for (const r of await rows<{ employee: string; codes: string }>(
    db,
    `SELECT holder_employee_id AS employee, string_agg(code, ', ') AS codes FROM agent_ids
      WHERE kind = 'standard' AND holder_employee_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1`,
  )) {
    problems.push(`employee ${r.employee} holds several standard IDs: ${r.codes}`);
  }
  for (const r of await rows<{ employee: string; codes: string }>(
    db,
    `SELECT h.employee_id AS employee, string_agg(DISTINCT h.code, ', ') AS codes FROM agent_id_holdings h JOIN agent_ids a USING (code)
      WHERE a.kind = 'standard' GROUP BY 1 HAVING count(DISTINCT h.code) > 1`,
  )) {
    problems.push(`employee ${r.employee} was given several standard IDs over time: ${r.codes}`);
  }
  for (const r of await rows<{ code: string; n: number }>(
    db,
    `SELECT h.code, count(DISTINCT h.employee_id)::int AS n FROM agent_id_holdings h JOIN agent_ids a USING (code)
      WHERE a.kind = 'standard' GROUP BY 1 HAVING count(DISTINCT h.employee_id) > 1`,
  )) {
    problems.push(`standard ID ${r.code} was issued to ${r.n} different employees (AID-1: never reissued)`);
  }
  // The read model agrees with itself: an assigned ID has exactly its holder's open holding.
  for (const r of await rows<{ code: string }>(
    db,
    `SELECT a.code FROM agent_ids a WHERE a.kind <> 'privileged' AND a.state IN ('assigned', 'suspended')
        AND NOT EXISTS (SELECT 1 FROM agent_id_holdings h WHERE h.code = a.code AND h.ended_at IS NULL AND h.employee_id = a.holder_employee_id)`,
  )) {
    problems.push(`${r.code} is assigned but its holder has no open holding`);
  }
  if (expectHolding.length) {
    const held = await rows<{ employee: string; n: number }>(
      db,
      `SELECT e AS employee, (SELECT count(*)::int FROM agent_ids WHERE kind = 'standard' AND holder_employee_id = e) AS n FROM unnest($1::uuid[]) e`,
      [expectHolding],
    );
    for (const r of held.filter((h) => h.n !== 1)) problems.push(`employee ${r.employee} of the load holds ${r.n} standard IDs, expected exactly 1`);
  }
  const [{ n }] = await rows<{ n: number }>(db, `SELECT count(*)::int AS n FROM agent_id_holdings`);
  return { name: 'agent IDs (AID-1)', problems, figure: `${n} holdings` };
}

/**
 * One event per step: for each event type that records a step, the payload keys that identify the step.
 * Two events with the same type and key mean a step was written twice (a retried activity or request
 * that was not idempotent). The load never extends a grant or reopens a step, so within one process
 * a (step, state) pair occurs once.
 */
export const STEP_EVENT_KEYS: { type: string; key: string; where?: string }[] = [
  { type: 'agent_id.assigned', key: `subject`, where: `payload->>'kind' = 'standard'` },
  { type: 'agent_id.assigned', key: `payload->>'employeeId'`, where: `payload->>'kind' = 'standard'` },
  { type: 'process.started', key: `subject` },
  { type: 'process.step_recorded', key: `subject || ' ' || (payload->>'step') || ' ' || (payload->>'state')` },
  { type: 'process.finished', key: `subject` },
  { type: 'task.opened', key: `(payload->>'workflowId') || ' ' || (payload->>'step')` },
  { type: 'task.decided', key: `subject` },
  { type: 'task.closed', key: `subject` },
  { type: 'access_request.submitted', key: `payload->>'requestId'` },
  { type: 'grant.activated', key: `payload->>'requestId'` },
  { type: 'grant.ended', key: `payload->>'grantId'` },
  // Enforcement (SYS-1): a grant is put in the directory once and taken out once, whatever was retried.
  { type: 'grant.provisioned', key: `payload->>'grantId'` },
  { type: 'grant.deprovisioned', key: `payload->>'grantId'` },
  { type: 'ip.allocated', key: `payload->>'employeeId'` },
  { type: 'ip.allocated', key: `payload->>'ip'` },
  { type: 'agreement.signed', key: `payload->>'employeeId'` },
  { type: 'employee.status_changed', key: `subject || ' ' || (payload->>'to')` },
];

export async function checkEventDuplicates(db: pg.Client): Promise<CheckResult> {
  const problems: string[] = [];
  for (const rule of STEP_EVENT_KEYS) {
    const dups = await rows<{ key: string; n: number; seqs: string }>(
      db,
      `SELECT ${rule.key} AS key, count(*)::int AS n, string_agg(seq::text, ', ' ORDER BY seq) AS seqs FROM event_log
        WHERE type = $1 ${rule.where ? `AND ${rule.where}` : ''} GROUP BY 1 HAVING count(*) > 1 LIMIT 20`,
      [rule.type],
    );
    for (const d of dups) problems.push(`${rule.type} written ${d.n} times for ${d.key} (seq ${d.seqs})`);
  }
  const [{ n }] = await rows<{ n: number }>(db, `SELECT count(*)::int AS n FROM event_log`);
  return { name: 'one event per step', problems, figure: `${n} events` };
}

/** The hash chain, verified by the real CLI (`audit:verify --json`) as an operator would. */
export async function checkAuditChain(databaseUrl: string): Promise<CheckResult> {
  const { code, stdout, stderr } = await runCliProcess(['audit:verify', '--json'], { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' });
  const line = stdout.trim().split('\n').pop() ?? '';
  let report: { ok?: boolean; checked?: number; brokenAt?: { seq: number; reason: string } };
  try {
    report = JSON.parse(line);
  } catch {
    return { name: 'audit chain', problems: [`audit:verify printed no JSON (exit ${code}): ${stderr.trim().slice(-300)}`] };
  }
  const problems = report.ok && code === 0 ? [] : [`audit:verify exit ${code}: broken at seq ${report.brokenAt?.seq} (${report.brokenAt?.reason})`];
  return { name: 'audit chain', problems, figure: `${report.checked} events verified` };
}

const DONE = 'COMPLETED';

async function withTemporal<T>(address: string, fn: (client: TemporalClient) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address });
  try {
    return await fn(new TemporalClient({ connection, namespace: 'default' }));
  } finally {
    await connection.close();
  }
}

/**
 * Every workflow of the round ends COMPLETED (not failed, terminated or timed out), waiting up to
 * timeoutMs for the stragglers (a workflow whose activity ran on a killed worker waits for the
 * activity's start-to-close timeout before it is retried). Also no workflow the run does not know of
 * is left running in the namespace, so a process started twice would show.
 */
export async function checkWorkflows(address: string, ids: string[], known: Set<string>, timeoutMs: number): Promise<CheckResult & { completed: number; strays: string[] }> {
  return withTemporal(address, async (client) => {
    const deadline = Date.now() + timeoutMs;
    const status = new Map<string, string>();
    for (;;) {
      for (const id of ids.filter((i) => status.get(i) !== DONE)) status.set(id, (await client.workflow.getHandle(id).describe()).status.name);
      if (!ids.some((i) => status.get(i) === 'RUNNING') || Date.now() >= deadline) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const problems = ids.filter((i) => status.get(i) !== DONE).map((i) => `workflow ${i} is ${status.get(i)}${status.get(i) === 'RUNNING' ? ` ${timeoutMs / 1000} s after the load` : ''}`);
    const strays: string[] = [];
    for await (const w of client.workflow.list({ query: `ExecutionStatus = "Running"` })) if (!known.has(w.workflowId)) strays.push(w.workflowId);
    for (const id of strays) problems.push(`workflow ${id} is running but the load did not start it`);
    const completed = ids.filter((i) => status.get(i) === DONE).length;
    return { name: 'workflows complete', problems, figure: `${completed}/${ids.length} completed`, completed, strays };
  });
}

/** Ends workflows a failed load item left behind, and strays (both already reported), so later rounds start clean. */
export async function terminateAbandoned(address: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await withTemporal(address, async (client) => {
    for (const id of ids) await client.workflow.getHandle(id).terminate('fault run: its load item failed (reported)').catch(() => undefined);
  });
}
