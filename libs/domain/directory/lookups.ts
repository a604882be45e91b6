import type { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../../policy/roles.js';
import { DepartmentEntity, EmployeeEntity, UserEntity, UserRoleEntity } from '../../db/entities/directory.entities.js';
import { notFound } from '../../policy/domain-errors.js';

/**
 * Reads a command makes before it decides. `forUpdate` takes the row lock, so two commands on the same
 * row run one after the other and the second sees the first one's result.
 */
export async function getDepartment(m: EntityManager, id: string, forUpdate = false): Promise<DepartmentEntity> {
  const d = await m.findOne(DepartmentEntity, { where: { id }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!d) throw notFound('department', id);
  return d;
}

export async function getEmployee(m: EntityManager, id: string, forUpdate = false): Promise<EmployeeEntity> {
  const e = await m.findOne(EmployeeEntity, { where: { id }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!e) throw notFound('employee', id);
  return e;
}

export async function getUser(m: EntityManager, id: string, forUpdate = false): Promise<UserEntity> {
  const u = await m.findOne(UserEntity, { where: { id }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!u) throw notFound('user', id);
  return u;
}

export async function rolesOf(db: DataSource | EntityManager, userId: string): Promise<Role[]> {
  const rows = await db.getRepository(UserRoleEntity).find({ where: { userId }, order: { role: 'ASC' } });
  return rows.map((r) => r.role as Role);
}
