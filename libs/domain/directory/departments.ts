import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DEPARTMENTS } from '../../db/rows.js';
import { findRow } from '../../db/sql.js';
import { command } from '../command.js';
import { conflict, invalid } from '../../policy/errors.js';
import { DirectoryEvent, departmentSubject, type DepartmentCreated, type DepartmentUpdated } from './events.js';
import { getDepartment, getUser, rolesOf } from './lookups.js';

export const DEPARTMENT_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface CreateDepartmentInput {
  code: string;
  nameEn: string;
  nameZh: string;
  supervisorUserId?: string | null;
}

/** A department's supervisor must be an active user holding the supervisor role. */
async function checkSupervisor(m: EntityManager, userId: string): Promise<void> {
  const user = await getUser(m, userId);
  if (!user.active) throw invalid(`user ${userId} is deactivated and cannot supervise a department`, { fields: { supervisorUserId: ['inactive'] } });
  if (!(await rolesOf(m, userId)).includes('supervisor')) {
    throw invalid(`user ${user.username} does not hold the supervisor role`, { fields: { supervisorUserId: ['not a supervisor'] } });
  }
}

export const createDepartment = command(async (uow, input: CreateDepartmentInput): Promise<{ id: string }> => {
  const m = uow.manager;
  if (!DEPARTMENT_CODE.test(input.code)) throw invalid('department code must be lower-case letters and digits separated by hyphens, e.g. outbound-1', { fields: { code: ['format'] } });
  if (await findRow(m, DEPARTMENTS, { code: input.code })) throw conflict(`department code ${input.code} is taken`);
  if (input.supervisorUserId) await checkSupervisor(m, input.supervisorUserId);
  const id = randomUUID();
  await uow.emit<DepartmentCreated>({
    subject: departmentSubject(id),
    type: DirectoryEvent.DepartmentCreated,
    payload: { departmentId: id, code: input.code, nameEn: input.nameEn, nameZh: input.nameZh, supervisorUserId: input.supervisorUserId ?? null },
    clauses: [],
  });
  return { id };
});

export interface UpdateDepartmentInput {
  departmentId: string;
  nameEn?: string;
  nameZh?: string;
  supervisorUserId?: string | null;
}

/** Changes names and/or the supervisor. Emits nothing when nothing changes (idempotent). */
export const updateDepartment = command(async (uow, input: UpdateDepartmentInput): Promise<{ id: string; changed: boolean }> => {
  const m = uow.manager;
  const d = await getDepartment(m, input.departmentId, true);
  const changes: DepartmentUpdated['changes'] = {};
  if (input.nameEn !== undefined && input.nameEn !== d.nameEn) changes.nameEn = input.nameEn;
  if (input.nameZh !== undefined && input.nameZh !== d.nameZh) changes.nameZh = input.nameZh;
  if (input.supervisorUserId !== undefined && input.supervisorUserId !== d.supervisorUserId) {
    if (input.supervisorUserId) await checkSupervisor(m, input.supervisorUserId);
    changes.supervisorUserId = input.supervisorUserId;
  }
  if (Object.keys(changes).length === 0) return { id: d.id, changed: false };
  await uow.emit<DepartmentUpdated>({ subject: departmentSubject(d.id), type: DirectoryEvent.DepartmentUpdated, payload: { departmentId: d.id, changes }, clauses: [] });
  return { id: d.id, changed: true };
});
