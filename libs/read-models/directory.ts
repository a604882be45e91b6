import { canSee, departmentsOf, type ReadScope } from '../policy/access.js';
import { isRole, type AuthUser, type Role } from '../policy/roles.js';
import { DEPARTMENTS, EMPLOYEES, USERS, type DepartmentRow, type EmployeeRow, type EmployeeStatus, type UserRow } from '../db/rows.js';
import { findRow, hotQuery, selectColumns, Where, type TableSpec, type Db } from '../db/sql.js';
import type { SessionState } from '../domain/accounts/sessions.js';
import { notFound } from '../policy/errors.js';
import { pageWindow, type Page, type PageRequest } from './paging.js';
import { rolesOf } from '../domain/directory/lookups.js';
import type { AccountChange, AccountChangeStatus } from '../policy/index.js';

/** The caller and their session state (libs/domain/accounts/sessions.ts), read in the same query. */
export type SessionAuthUser = AuthUser & { session: SessionState };

/**
 * The caller as the guard needs it, read fresh on every request (so a deactivation or a role change
 * takes effect at once, on every replica). Null for an unknown or deactivated user. A supervisor
 * without a department of their own works for the department they lead (the primary one); departmentIds
 * lists every department they work in or lead, so a supervisor of two departments acts for both.
 */
export async function loadAuthUser(db: Db, userId: string): Promise<SessionAuthUser | null> {
  // Behind every request (AuthGuard): a named statement, planned once per connection.
  const [row] = await hotQuery<Record<string, any>>(
    db,
    `SELECT u.id, u.username, u.display_name, u.employee_id,
            COALESCE(s.session_version, 0) AS session_version, COALESCE(s.password_one_time, false) AS password_one_time,
            COALESCE(u.department_id, (SELECT d.id FROM departments d WHERE d.supervisor_user_id = u.id ORDER BY d.code LIMIT 1)) AS department_id,
            ARRAY(SELECT x::text FROM (SELECT u.department_id AS x WHERE u.department_id IS NOT NULL
                                       UNION SELECT d.id FROM departments d WHERE d.supervisor_user_id = u.id) s ORDER BY 1) AS department_ids,
            COALESCE(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
       FROM users u LEFT JOIN user_roles r ON r.user_id = u.id LEFT JOIN user_sessions s ON s.user_id = u.id
      WHERE u.id = $1 AND u.active
      GROUP BY u.id, s.user_id`,
    [userId],
  );
  if (!row) return null;
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: (row.roles as string[]).filter(isRole),
    employeeId: row.employee_id,
    departmentId: row.department_id,
    departmentIds: row.department_ids as string[],
    session: { version: row.session_version, passwordOneTime: row.password_one_time },
  };
}

/** Restricts a query to the caller's scope: their department (supervisor) or their own record. */
function applyScope(w: Where, scope: ReadScope, cols: { department: string; employee?: string; user?: string }): Where {
  if (scope.kind === 'all') return w;
  const own: string[] = [];
  if (cols.employee && scope.employeeId) own.push(`${cols.employee} = ${w.p(scope.employeeId)}`);
  if (cols.user) own.push(`${cols.user} = ${w.p(scope.userId)}`);
  if (scope.kind === 'department') own.push(`${cols.department} = ANY(${w.p(scope.departmentIds)}::uuid[])`);
  return w.and(own.length ? own.join(' OR ') : 'false');
}

/** One page of a table's rows (every column, under its TypeScript name) and the exact total. */
async function paged<Row>(db: Db, t: TableSpec<Row>, alias: string, w: Where, orderBy: string, p: PageRequest): Promise<Page<Row>> {
  const win = pageWindow(p);
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM ${t.name} ${alias} ${w}`, w.params);
  const items = await db.query(`SELECT ${selectColumns(t, alias)} FROM ${t.name} ${alias} ${w} ORDER BY ${orderBy} LIMIT ${win.pageSize} OFFSET ${win.offset}`, w.params);
  return { items, total: n, page: win.page, pageSize: win.pageSize };
}

/** Departments: everyone sees their own (a supervisor every one they lead); the all-readers see every one. */
export async function listDepartments(db: Db, user: AuthUser, scope: ReadScope, p: PageRequest): Promise<Page<DepartmentRow>> {
  const w = new Where();
  if (scope.kind !== 'all') w.and(`d.id = ANY(${w.p(departmentsOf(user))}::uuid[])`);
  return paged(db, DEPARTMENTS, 'd', w, 'd.code', p);
}

export async function findDepartment(db: Db, user: AuthUser, scope: ReadScope, id: string): Promise<DepartmentRow> {
  const d = await findRow(db, DEPARTMENTS, { id });
  if (!d || (scope.kind !== 'all' && !departmentsOf(user).includes(d.id))) throw notFound('department', id);
  return d;
}

export interface EmployeeFilter extends PageRequest {
  departmentId?: string;
  status?: EmployeeStatus;
  /** Part of the name, case-insensitive. */
  q?: string;
}

export async function listEmployees(db: Db, scope: ReadScope, f: EmployeeFilter): Promise<Page<EmployeeRow>> {
  const w = new Where();
  if (f.departmentId) w.and(`e.department_id = ${w.p(f.departmentId)}`);
  if (f.status) w.and(`e.status = ${w.p(f.status)}`);
  if (f.q) w.and(`e.full_name ILIKE ${w.p(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} ESCAPE '\\'`);
  return paged(db, EMPLOYEES, 'e', applyScope(w, scope, { department: 'e.department_id', employee: 'e.id' }), 'e.full_name, e.id', f);
}

export async function findEmployee(db: Db, scope: ReadScope, id: string): Promise<EmployeeRow> {
  const e = await findRow(db, EMPLOYEES, { id });
  if (!e || !canSee(scope, { departmentId: e.departmentId, employeeId: e.id })) throw notFound('employee', id);
  return e;
}

export interface UserWithRoles {
  user: UserRow;
  roles: Role[];
}

export interface UserFilter extends PageRequest {
  departmentId?: string;
  role?: Role;
  active?: boolean;
}

export async function listUsers(db: Db, scope: ReadScope, f: UserFilter): Promise<Page<UserWithRoles>> {
  const w = new Where();
  if (f.departmentId) w.and(`u.department_id = ${w.p(f.departmentId)}`);
  if (f.active !== undefined) w.and(`u.active = ${w.p(f.active)}`);
  if (f.role) w.and(`EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = ${w.p(f.role)})`);
  const page = await paged(db, USERS, 'u', applyScope(w, scope, { department: 'u.department_id', employee: 'u.employee_id', user: 'u.id' }), 'u.username', f);
  const roles = await rolesByUser(db, page.items.map((u) => u.id));
  return { ...page, items: page.items.map((user) => ({ user, roles: roles.get(user.id) ?? [] })) };
}

async function rolesByUser(db: Db, ids: string[]): Promise<Map<string, Role[]>> {
  const map = new Map<string, Role[]>();
  if (!ids.length) return map;
  const rows: { user_id: string; role: Role }[] = await db.query(`SELECT user_id, role FROM user_roles WHERE user_id = ANY($1) ORDER BY role`, [ids]);
  for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.role]);
  return map;
}

export async function findUser(db: Db, scope: ReadScope, id: string): Promise<UserWithRoles> {
  const user = await findRow(db, USERS, { id });
  if (!user || !canSee(scope, { departmentId: user.departmentId, employeeId: user.employeeId, userId: user.id })) throw notFound('user', id);
  return { user, roles: await rolesOf(db, user.id) };
}

/** What starting an onboarding or offboarding checks about an employee: status, department and their account (if any). */
export interface EmployeeForProcess {
  status: string;
  department_id: string;
  user_id: string | null;
}

export async function employeeForProcess(db: Db, employeeId: string): Promise<EmployeeForProcess | undefined> {
  const [e]: EmployeeForProcess[] = await db.query(
    `SELECT e.status, e.department_id, u.id AS user_id FROM employees e LEFT JOIN users u ON u.employee_id = e.id WHERE e.id = $1`,
    [employeeId],
  );
  return e;
}

/** An employee's status alone (undefined for an unknown id). */
export async function employeeStatus(db: Db, employeeId: string): Promise<string | undefined> {
  const [e]: { status: string }[] = await db.query(`SELECT status FROM employees WHERE id = $1`, [employeeId]);
  return e?.status;
}

/** The id of the active user with that id, or with that username (case-insensitive); undefined when there is none. */
export async function activeUserId(db: Db, by: { userId: string } | { username: string }): Promise<string | undefined> {
  const byId = 'userId' in by;
  const [row]: { id: string }[] = await db.query(`SELECT id FROM users WHERE active AND ${byId ? 'id = $1' : 'username = lower($1)'}`, [byId ? by.userId : by.username]);
  return row?.id;
}

/** Display names by user id (ids that match no user are left out). */
export async function displayNames(db: Db, ids: string[]): Promise<Record<string, string>> {
  const rows = await hotQuery<{ id: string; display_name: string }>(db, `SELECT id::text AS id, display_name FROM users WHERE id::text = ANY($1)`, [ids]);
  return Object.fromEntries(rows.map((r) => [r.id, r.display_name]));
}

/** A user's username, or undefined for an unknown id. */
export async function usernameOf(db: Db, userId: string): Promise<string | undefined> {
  return (await db.query(`SELECT username FROM users WHERE id = $1`, [userId]))[0]?.username;
}

/** Whether an account (active or not) already has this username (already normalized). */
export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  return (await db.query(`SELECT 1 FROM users WHERE username = $1`, [username])).length > 0;
}

/** A department or an employee by id, without a scope check: for the caller's own record (GET /api/me). */
export const departmentById = (db: Db, id: string): Promise<DepartmentRow | null> => findRow(db, DEPARTMENTS, { id });
export const employeeById = (db: Db, id: string): Promise<EmployeeRow | null> => findRow(db, EMPLOYEES, { id });

/** An account-change request as stored by its projector (libs/domain/directory/account-changes.ts). */
export interface AccountChangeRequestRow {
  id: string;
  kind: AccountChange['kind'];
  status: AccountChangeStatus;
  requested_by: string;
  approver_role: Role;
  target_user_id: string | null;
  change: Record<string, unknown>;
  decided_by: string | null;
  reason: string | null;
  requested_at: Date;
  closed_at: Date | null;
}

/** One account-change request (no access check: the caller decides who may read it), or undefined. */
export async function findAccountChangeRequest(db: Db, id: string): Promise<AccountChangeRequestRow | undefined> {
  const [row]: AccountChangeRequestRow[] = await db.query(`SELECT * FROM account_change_requests WHERE id = $1`, [id]);
  return row;
}
