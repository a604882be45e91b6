import type { Role } from '../../../../libs/policy/roles.js';
import type { DepartmentRow, EmployeeRow, UserRow } from '../../../../libs/db/rows.js';
import type { DepartmentDto } from './dto/department.dto.js';
import type { EmployeeDto } from './dto/employee.dto.js';
import type { UserDto } from './dto/user.dto.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toDepartmentDto = (d: DepartmentRow): DepartmentDto => ({
  id: d.id,
  code: d.code,
  nameEn: d.nameEn,
  nameZh: d.nameZh,
  supervisorUserId: d.supervisorUserId,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

export const toEmployeeDto = (e: EmployeeRow): EmployeeDto => ({
  id: e.id,
  departmentId: e.departmentId,
  fullName: e.fullName,
  status: e.status,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
  activatedAt: iso(e.activatedAt),
  leavingAt: iso(e.leavingAt),
  leftAt: iso(e.leftAt),
});

export const toUserDto = ({ user: u, roles }: { user: UserRow; roles: Role[] }): UserDto => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles,
  employeeId: u.employeeId,
  departmentId: u.departmentId,
  active: u.active,
  locale: u.locale,
  timeZone: u.timeZone,
  lastLoginAt: iso(u.lastLoginAt),
  createdAt: u.createdAt.toISOString(),
  updatedAt: u.updatedAt.toISOString(),
});
