import { AUTHORIZATION } from '../policy/authorization.js';
import { departmentsOf } from '../policy/access.js';
import type { AuthUser, Role } from '../policy/roles.js';
import type { TaskAuthority, TaskKind, TaskStatus } from '../policy/index.js';
import { notFound } from '../policy/errors.js';
import { countUpTo, pageWindow, type Page, type PageRequest } from './paging.js';
import { hotQuery, Where, type Db } from '../db/sql.js';

/** Roles that see every task (oversight); HR sees those of onboarding and offboarding. */
export const TASK_READERS: readonly Role[] = AUTHORIZATION.tasks.readAll;

export interface TaskRow {
  id: string;
  workflow_id: string;
  process: string;
  process_key: string;
  step: string;
  kind: TaskKind;
  title_en: string;
  title_zh: string;
  assignee_user_id: string | null;
  assignee_name: string | null;
  claimed_by: string | null;
  candidate_role: Role | null;
  candidate_department_id: string | null;
  escalation_role: Role;
  escalation_department_id: string | null;
  escalation_may_decide: boolean;
  excluded: TaskAuthority['excluded'];
  expected: Record<string, string> | null;
  context: { subjectUserId: string | null; subjectEmployeeId: string | null; requestedBy: string | null; summary: { en: string; zh: string }; details: Record<string, unknown> };
  status: TaskStatus;
  escalated_at: Date | null;
  due_at: Date;
  deadline_at: Date | null;
  created_at: Date;
  closed_at: Date | null;
  /** On inbox pages only: the display names of who asked and whom it is about (one query for the page). */
  requested_by_name?: string | null;
  subject_name?: string | null;
}

/** Every column of TaskRow by name (a named statement must not select `*`: hotQuery). */
const TASK_COLUMNS = [
  'id', 'workflow_id', 'process', 'process_key', 'step', 'kind', 'title_en', 'title_zh', 'assignee_user_id', 'claimed_by', 'candidate_role', 'candidate_department_id',
  'escalation_role', 'escalation_department_id', 'escalation_may_decide', 'excluded', 'expected', 'context', 'status', 'escalated_at', 'due_at', 'deadline_at', 'created_at', 'closed_at',
].map((c) => `t.${c}`).join(', ');

const SELECT = `SELECT ${TASK_COLUMNS}, u.display_name AS assignee_name FROM tasks t LEFT JOIN users u ON u.id::text = t.assignee_user_id`;

/** A user's display name from a context field holding a user id (or a system actor, which has none), by primary key. */
const nameOf = (field: string) =>
  `(SELECT display_name FROM users WHERE id = CASE WHEN t.context->>'${field}' ~ '^[0-9a-fA-F-]{36}$' THEN (t.context->>'${field}')::uuid END)`;
/** The inbox page also names who asked and whom it is about: evaluated for the page's rows only (after LIMIT). */
const PAGE_SELECT = `SELECT ${TASK_COLUMNS}, u.display_name AS assignee_name, ${nameOf('requestedBy')} AS requested_by_name, ${nameOf('subjectUserId')} AS subject_name
  FROM tasks t LEFT JOIN users u ON u.id::text = t.assignee_user_id`;

/** What the workflow's validator knows about a task, rebuilt from the read model for the API's early check. */
export function authorityOf(t: TaskRow): TaskAuthority {
  return {
    kind: t.kind,
    open: t.status === 'open',
    assigneeUserId: t.assignee_user_id,
    candidate: t.candidate_role ? { role: t.candidate_role, departmentId: t.candidate_department_id } : null,
    escalation: { role: t.escalation_role, departmentId: t.escalation_department_id, mayDecide: t.escalation_may_decide },
    escalated: t.escalated_at !== null,
    excluded: t.excluded,
    expected: t.expected,
  };
}

/**
 * Tasks this user may act on: assigned to them, or (unassigned) offered to a role they hold in scope
 * (company-wide, or in a department they work in or lead: a supervisor of two departments acts for
 * both), or escalated to such a role that may decide. As disjoint scopes, no task in two: joined with OR
 * they are the test (actionable); counted one by one, each reads one index range and the counts add up
 * (listTasks).
 */
function actionableScopes(w: Where, user: AuthUser, which: { mine: boolean; roles: boolean }): string[] {
  const both = !which.mine && !which.roles;
  const scopes: string[] = [];
  if (which.mine || both) scopes.push(`t.assignee_user_id = ${w.p(user.userId)}`);
  if (which.roles || both) {
    const roles = w.p(user.roles);
    const depts = w.p(departmentsOf(user));
    const offered = `t.candidate_role = ANY(${roles}) AND (t.candidate_department_id IS NULL OR t.candidate_department_id = ANY(${depts}::text[]))`;
    scopes.push(
      `t.assignee_user_id IS NULL AND t.candidate_role = ANY(${roles}) AND t.candidate_department_id IS NULL`,
      `t.assignee_user_id IS NULL AND t.candidate_role = ANY(${roles}) AND t.candidate_department_id = ANY(${depts}::text[])`,
      // Escalated to my role and not already offered to it (candidate_role may be NULL: a named assignee's task).
      `t.assignee_user_id IS NULL AND t.escalated_at IS NOT NULL AND t.escalation_may_decide AND t.escalation_role = ANY(${roles})` +
        ` AND (t.escalation_department_id IS NULL OR t.escalation_department_id = ANY(${depts}::text[])) AND NOT COALESCE(${offered}, false)`,
    );
  }
  return scopes;
}

/** Disjoint scopes as one test. */
const anyOf = (scopes: readonly string[]): string => scopes.map((s) => `(${s})`).join(' OR ');

function actionable(w: Where, user: AuthUser, which: { mine: boolean; roles: boolean }): string {
  return anyOf(actionableScopes(w, user, which));
}

export interface TaskFilter extends PageRequest {
  mine?: boolean;
  myRoles?: boolean;
  status?: TaskStatus;
  kind?: TaskKind;
  dueBefore?: string;
}

/** The inbox: what the caller may act on, oldest due first. Tasks barred to them (separation of duties) are left out. */
export async function listTasks(db: Db, user: AuthUser, f: TaskFilter): Promise<Page<TaskRow>> {
  const w = new Where();
  const scopes = actionableScopes(w, user, { mine: !!f.mine, roles: !!f.myRoles });
  // The exclusion to look for, built once here rather than by two function calls per row.
  const filters = [`NOT t.excluded @> ${w.p(JSON.stringify([{ userId: user.userId }]))}::jsonb`, `t.status = ${w.p(f.status ?? 'open')}`];
  if (f.kind) filters.push(`t.kind = ${w.p(f.kind)}`);
  // As a Date (UTC): PostgreSQL refuses some offsets ISO 8601 allows (+19:25).
  if (f.dueBefore) filters.push(`t.due_at < ${w.p(new Date(f.dueBefore))}`);
  const where = (scope: string) => `WHERE (${scope}) AND ${filters.map((c) => `(${c})`).join(' AND ')}`;
  const { page, pageSize, offset } = pageWindow(f);
  const filter = [...w.params]; // the count's parameters: the page's LIMIT and OFFSET are added next
  const pageSql = `${PAGE_SELECT} ${where(anyOf(scopes))} ORDER BY t.due_at, t.id LIMIT ${w.p(pageSize)} OFFSET ${w.p(offset)}`;
  // Counted up to a limit (polled by every badge, and a busy approver's exact count would read all their
  // rows), scope by scope (each one index range), side by side with the page on two pooled connections.
  // Both named statements (hotQuery): a text per combination of filters, the values all parameters.
  const count = countUpTo(db, scopes.map((s) => `FROM tasks t ${where(s)}`), filter, { offset, pageSize });
  const [total, items] = await Promise.all([count, hotQuery<TaskRow>(db, pageSql, w.params)]);
  return { items, ...total, page, pageSize };
}

/**
 * One task, if the caller may see it: who may act on it, who it is about or who asked, who decided it,
 * and the oversight roles. Anything else is "not found" (its existence is not revealed).
 */
export async function findTask(db: Db, user: AuthUser, id: string): Promise<TaskRow> {
  const w = new Where();
  w.and(`t.id = ${w.p(id)}`);
  if (!user.roles.some((r) => TASK_READERS.includes(r))) {
    const me = w.p(user.userId);
    const seeAll = [
      actionable(w, user, { mine: true, roles: true }),
      `t.candidate_role IS NOT NULL AND t.candidate_department_id = ANY(${w.p(user.roles.includes('supervisor') ? departmentsOf(user) : [])}::text[])`,
      `t.context->>'subjectUserId' = ${me} OR t.context->>'requestedBy' = ${me}`,
      `EXISTS (SELECT 1 FROM task_decisions d WHERE d.task_id = t.id AND d.decided_by = ${me})`,
      `${w.p(user.roles.includes('hr'))} AND t.process IN ('onboarding', 'offboarding')`,
    ];
    w.and(seeAll.join(' OR '));
  }
  const [row] = await hotQuery<TaskRow>(db, `${SELECT} ${w}`, w.params); // behind every decision and task page
  if (!row) throw notFound('task', id);
  return row;
}

export interface DecisionRow {
  task_id: string;
  step: string;
  decided_by: string;
  decider_name: string | null;
  outcome: string;
  comment: string | null;
  decided_at: Date;
  automatic: boolean;
}

/** Every decision of one process, oldest first (a task's detail shows the earlier ones). */
export async function decisionsOf(db: Db, workflowId: string): Promise<DecisionRow[]> {
  return hotQuery<DecisionRow>(
    db,
    `SELECT d.task_id, t.step, d.decided_by, u.display_name AS decider_name, d.outcome, d.comment, d.decided_at, d.automatic
       FROM task_decisions d JOIN tasks t ON t.id = d.task_id LEFT JOIN users u ON u.id::text = d.decided_by
      WHERE t.workflow_id = $1 ORDER BY d.decided_at, t.created_at`,
    [workflowId],
  );
}
