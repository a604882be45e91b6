import type { ReadScope } from '../policy/access.js';
import type { ProcessKind, ProcessStatusBase, StepEntry } from '../policy/index.js';
import { notFound } from '../policy/errors.js';
import { pageWindow, type Page, type PageRequest } from './paging.js';
import { Where, type Db } from '../db/sql.js';

export interface ProcessRow {
  workflow_id: string;
  process: ProcessKind;
  process_key: string;
  employee_id: string | null;
  employee_name: string | null;
  subject_user_id: string | null;
  department_id: string | null;
  started_by: string;
  note: string | null;
  state: ProcessStatusBase['state'];
  stage: string;
  started_at: Date;
  ended_at: Date | null;
  result: Record<string, unknown> | null;
}

const SELECT = `SELECT p.*, e.full_name AS employee_name FROM processes p LEFT JOIN employees e ON e.id::text = p.employee_id`;

function scoped(w: Where, scope: ReadScope): void {
  if (scope.kind === 'all') return;
  const own = [`p.subject_user_id = ${w.p(scope.userId)}`];
  if (scope.employeeId) own.push(`p.employee_id = ${w.p(scope.employeeId)}`);
  if (scope.kind === 'department') own.push(`p.department_id = ANY(${w.p(scope.departmentIds)}::text[])`);
  w.and(own.join(' OR '));
}

export async function listProcesses(db: Db, process: ProcessKind, scope: ReadScope, f: PageRequest & { state?: ProcessStatusBase['state'] }): Promise<Page<ProcessRow>> {
  const w = new Where();
  w.and(`p.process = ${w.p(process)}`);
  scoped(w, scope);
  if (f.state) w.and(`p.state = ${w.p(f.state)}`);
  const { page, pageSize, offset } = pageWindow(f);
  const [{ total }] = await db.query(`SELECT count(*)::int AS total FROM processes p ${w}`, w.params);
  const items = await db.query(`${SELECT} ${w} ORDER BY p.started_at DESC, p.workflow_id LIMIT ${w.p(pageSize)} OFFSET ${w.p(offset)}`, w.params);
  return { items, total, page, pageSize };
}

export async function findProcess(db: Db, process: ProcessKind, key: string, scope: ReadScope): Promise<ProcessRow> {
  const w = new Where();
  w.and(`p.process = ${w.p(process)} AND p.process_key = ${w.p(key)}`);
  scoped(w, scope);
  const [row] = await db.query(`${SELECT} ${w}`, w.params);
  if (!row) throw notFound(process, key);
  return row;
}

/** The timeline of one process, in order. */
/** A step as people read it: who took it by name too, so the timeline is traceable to a person. */
export type StepView = StepEntry & { byName: string | null };

export async function stepsOf(db: Db, workflowId: string): Promise<StepView[]> {
  const rows: { step: string; state: StepEntry['state']; at: Date; actor: string | null; actor_name: string | null }[] = await db.query(
    `SELECT s.step, s.state, s.at, s.actor, u.display_name AS actor_name
       FROM process_steps s LEFT JOIN users u ON u.id::text = s.actor
      WHERE s.workflow_id = $1 ORDER BY s.ordinal`,
    [workflowId],
  );
  return rows.map((r) => ({ step: r.step, state: r.state, at: r.at.toISOString(), by: r.actor, byName: r.actor_name }));
}

/** The agent ID a process step recorded last (an onboarding's issued ID, an offboarding's returned one), or null. */
export async function lastAgentIdOf(db: Db, workflowId: string): Promise<string | null> {
  const [agent]: { agent_id: string }[] = await db.query(
    `SELECT detail->>'agentId' AS agent_id FROM process_steps WHERE workflow_id = $1 AND detail ? 'agentId' ORDER BY ordinal DESC LIMIT 1`,
    [workflowId],
  );
  return agent?.agent_id ?? null;
}
