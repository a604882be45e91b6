import type { EntityManager } from 'typeorm';
import { DEPARTMENTS, EMPLOYEES, USERS, USER_ROLES, type EmployeeRow, type EmployeeStatus } from '../../db/rows.js';
import { insertRows, updateRows } from '../../db/sql.js';
import type { Projector } from '../events/projector.js';
import type { ProjectedEvent } from '../events/types.js';
import {
  DirectoryEvent as E,
  type DepartmentCreated,
  type DepartmentUpdated,
  type EmployeeCreated,
  type EmployeeStatusChanged,
  type UserCreated,
  type UserIdOnly,
  type UserRolesSet,
  type UserUpdated,
} from './events.js';

const at = (e: { occurredAt: string }) => new Date(e.occurredAt);

/** Only the keys present in `changes` are written (a field left out of a PATCH stays as it is). */
function defined<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const statusTimestamp: Partial<Record<EmployeeStatus, keyof EmployeeRow>> = { active: 'activatedAt', leaving: 'leavingAt', left: 'leftAt' };

async function setRoles(m: EntityManager, userId: string, roles: string[]): Promise<void> {
  await m.query(`DELETE FROM user_roles WHERE user_id = $1`, [userId]);
  await insertRows(m, USER_ROLES, roles.map((role) => ({ userId, role })));
}

/** Departments, employees, users and roles: the directory read model. */
export const directoryProjector: Projector = {
  name: 'directory',
  tables: ['user_roles', 'users', 'employees', 'departments'],
  handlers: {
    [E.DepartmentCreated]: async (m, e: ProjectedEvent<DepartmentCreated>) => {
      const p = e.payload;
      await insertRows(m, DEPARTMENTS, [{ id: p.departmentId, code: p.code, nameEn: p.nameEn, nameZh: p.nameZh, supervisorUserId: p.supervisorUserId, createdAt: at(e), updatedAt: at(e) }]);
    },
    [E.DepartmentUpdated]: async (m, e: ProjectedEvent<DepartmentUpdated>) => {
      await updateRows(m, DEPARTMENTS, { id: e.payload.departmentId }, { ...defined(e.payload.changes), updatedAt: at(e) });
    },
    [E.EmployeeCreated]: async (m, e: ProjectedEvent<EmployeeCreated>) => {
      const p = e.payload;
      await insertRows(m, EMPLOYEES, [{ id: p.employeeId, departmentId: p.departmentId, fullName: p.fullName, status: 'pending', createdAt: at(e), updatedAt: at(e) }]);
    },
    [E.EmployeeStatusChanged]: async (m, e: ProjectedEvent<EmployeeStatusChanged>) => {
      const stamp = statusTimestamp[e.payload.to];
      await updateRows(m, EMPLOYEES, { id: e.payload.employeeId }, { status: e.payload.to, updatedAt: at(e), ...(stamp ? { [stamp]: at(e) } : {}) });
    },
    [E.UserCreated]: async (m, e: ProjectedEvent<UserCreated>) => {
      const p = e.payload;
      await insertRows(m, USERS, [{
        id: p.userId,
        username: p.username,
        displayName: p.displayName,
        employeeId: p.employeeId,
        departmentId: p.departmentId,
        active: true,
        locale: p.locale,
        timeZone: p.timeZone,
        createdAt: at(e),
        updatedAt: at(e),
      }]);
      await setRoles(m, p.userId, p.roles);
    },
    [E.UserUpdated]: async (m, e: ProjectedEvent<UserUpdated>) => {
      await updateRows(m, USERS, { id: e.payload.userId }, { ...defined(e.payload.changes), updatedAt: at(e) });
    },
    [E.UserRolesSet]: async (m, e: ProjectedEvent<UserRolesSet>) => {
      await setRoles(m, e.payload.userId, e.payload.roles);
      await updateRows(m, USERS, { id: e.payload.userId }, { updatedAt: at(e) });
    },
    [E.UserDeactivated]: async (m, e: ProjectedEvent<UserIdOnly>) => {
      await updateRows(m, USERS, { id: e.payload.userId }, { active: false, updatedAt: at(e) });
    },
    [E.UserReactivated]: async (m, e: ProjectedEvent<UserIdOnly>) => {
      await updateRows(m, USERS, { id: e.payload.userId }, { active: true, updatedAt: at(e) });
    },
  },
};
