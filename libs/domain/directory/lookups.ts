import type { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../../policy/roles.js';
import { DEPARTMENTS, EMPLOYEES, USERS, type DepartmentRow, type EmployeeRow, type UserRow } from '../../db/rows.js';
import { findRow } from '../../db/sql.js';
import { notFound } from '../../policy/errors.js';

/**
 * Reads a command makes before it decides. `forUpdate` takes the row lock, so two commands on the same
 * row run one after the other and the second sees the first one's result.
 */
export async function getDepartment(m: EntityManager, id: string, forUpdate = false): Promise<DepartmentRow> {
  const d = await findRow(m, DEPARTMENTS, { id }, forUpdate);
  if (!d) throw notFound('department', id);
  return d;
}

export async function getEmployee(m: EntityManager, id: string, forUpdate = false): Promise<EmployeeRow> {
  const e = await findRow(m, EMPLOYEES, { id }, forUpdate);
  if (!e) throw notFound('employee', id);
  return e;
}

export async function getUser(m: EntityManager, id: string, forUpdate = false): Promise<UserRow> {
  const u = await findRow(m, USERS, { id }, forUpdate);
  if (!u) throw notFound('user', id);
  return u;
}

export async function rolesOf(db: DataSource | EntityManager, userId: string): Promise<Role[]> {
  const rows: { role: Role }[] = await db.query(`SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role`, [userId]);
  return rows.map((r) => r.role);
}
