import type { Role } from '../../libs/policy/roles.js';
import { createDepartment } from '../../libs/domain/directory/departments.js';
import { activateEmployee, createEmployee } from '../../libs/domain/directory/employees.js';
import { createUser } from '../../libs/domain/directory/users.js';
import { currentAgreement } from '../../libs/domain/onboarding/agreement.js';
import { signAgreement } from '../../libs/domain/onboarding/agreements.js';
import type { EventStore } from '../../libs/domain/events/event-store.js';

export const admin = { actor: { id: 'system:test' } };

/** A department with `n` active employees, for tests that need people without the demo seed. */
export async function departmentWithEmployees(events: EventStore, code: string, n: number): Promise<{ departmentId: string; employeeIds: string[] }> {
  const { id: departmentId } = await createDepartment(events, admin, { code, nameEn: code, nameZh: code });
  const employeeIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = await createEmployee(events, admin, { departmentId, fullName: `${code} person ${i + 1}` });
    await activateEmployee(events, admin, { employeeId: id });
    employeeIds.push(id);
  }
  return { departmentId, employeeIds };
}

/**
 * A user with the given roles (and optionally an employee record), password `demo-password`. An employee's
 * user counts as onboarded: the current agreement is recorded as signed (INF-10), unless `unsigned`.
 */
export async function userWith(events: EventStore, username: string, roles: Role[], opts: { employeeId?: string; departmentId?: string; unsigned?: boolean } = {}): Promise<string> {
  const { unsigned, ...link } = opts;
  const { id } = await createUser(events, admin, { username, displayName: username, roles, password: 'demo-password', passwordOneTime: false, timeZone: 'Asia/Shanghai', ...link });
  if (link.employeeId && !unsigned) await signAgreement(events, {}, { employeeId: link.employeeId, userId: id, ...currentAgreement(), signedAt: new Date().toISOString() });
  return id;
}
