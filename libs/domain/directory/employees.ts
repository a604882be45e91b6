import { randomUUID } from 'node:crypto';
import type { EmployeeStatus } from '../../db/rows.js';
import { command } from '../command.js';
import { conflict } from '../../policy/errors.js';
import { DirectoryEvent, employeeSubject, type EmployeeCreated, type EmployeeStatusChanged } from './events.js';
import { getDepartment, getEmployee } from './lookups.js';

export interface CreateEmployeeInput {
  departmentId: string;
  fullName: string;
}

/** A new employee starts `pending` (onboarding: agreements before anything else, INF-10). */
export const createEmployee = command(async (uow, input: CreateEmployeeInput): Promise<{ id: string }> => {
  await getDepartment(uow.manager, input.departmentId);
  const id = randomUUID();
  await uow.emit<EmployeeCreated>({
    subject: employeeSubject(id),
    type: DirectoryEvent.EmployeeCreated,
    payload: { employeeId: id, departmentId: input.departmentId, fullName: input.fullName },
    clauses: [],
  });
  return { id };
});

/** The life cycle (also enforced by a trigger): pending → active → leaving → left; pending → left. */
export const EMPLOYEE_TRANSITIONS: Record<EmployeeStatus, EmployeeStatus[]> = {
  pending: ['active', 'left'],
  active: ['leaving'],
  leaving: ['left'],
  left: [],
};

export interface ChangeEmployeeStatusInput {
  employeeId: string;
  to: EmployeeStatus;
  reason?: string;
}

/**
 * Moves an employee along the life cycle. Idempotent: an employee already in the target state is
 * returned unchanged (a retried activity does not fail), any other illegal move is a conflict.
 */
export const changeEmployeeStatus = command(async (uow, input: ChangeEmployeeStatusInput): Promise<{ id: string; status: EmployeeStatus; changed: boolean }> => {
  const e = await getEmployee(uow.manager, input.employeeId, true);
  if (e.status === input.to) return { id: e.id, status: e.status, changed: false };
  if (!EMPLOYEE_TRANSITIONS[e.status].includes(input.to)) {
    throw conflict(`employee ${e.id} is ${e.status} and cannot become ${input.to} (allowed: ${EMPLOYEE_TRANSITIONS[e.status].join(', ') || 'none'})`, {
      status: e.status,
    });
  }
  await uow.emit<EmployeeStatusChanged>({
    subject: employeeSubject(e.id),
    type: DirectoryEvent.EmployeeStatusChanged,
    payload: { employeeId: e.id, from: e.status, to: input.to, reason: input.reason ?? null },
    // INF-10: active only once the agreement is signed; INF-13: leaving until every carrier is back. A
    // hire withdrawn before starting (pending → left) held nothing to return.
    clauses: input.to === 'active' ? ['INF-10'] : e.status === 'pending' ? [] : ['INF-13'],
  });
  return { id: e.id, status: input.to, changed: true };
});

const moveTo = (to: EmployeeStatus) => command((uow, input: { employeeId: string; reason?: string }) => changeEmployeeStatus.inUow(uow, { ...input, to }));
/** Onboarding done: the employee starts work. */
export const activateEmployee = moveTo('active');
/** Offboarding started (INF-13): access is revoked and carriers are being returned. */
export const markEmployeeLeaving = moveTo('leaving');
