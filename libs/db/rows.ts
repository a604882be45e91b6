import { table } from './sql.js';

/**
 * The rows of the read models that commands and queries read as whole records (the directory and the
 * agent-ID pool), under their TypeScript names. Only the projectors write them. AID-1, AID-2, INF-12.
 */

export const AGENT_ID_KINDS = ['standard', 'manager', 'privileged'] as const;
export type AgentIdKind = (typeof AGENT_ID_KINDS)[number];
export const AGENT_ID_STATES = ['available', 'assigned', 'suspended', 'retired'] as const;
export type AgentIdState = (typeof AGENT_ID_STATES)[number];

export interface AgentIdRow {
  code: string;
  kind: AgentIdKind;
  state: AgentIdState;
  holderEmployeeId: string | null;
  custodianUserId: string | null;
  checkedOutToEmployeeId: string | null;
  checkedOutUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
  retiredAt: Date | null;
}
export const AGENT_IDS = table<AgentIdRow>('agent_ids', ['code', 'kind', 'state', 'holderEmployeeId', 'custodianUserId', 'checkedOutToEmployeeId', 'checkedOutUntil', 'createdAt', 'updatedAt', 'retiredAt']);

export interface AgentIdHoldingRow {
  id: string;
  code: string;
  employeeId: string;
  purpose: 'assignment' | 'checkout';
  startedAt: Date;
  until: Date | null;
  endedAt: Date | null;
  endReason: string | null;
}
export const AGENT_ID_HOLDINGS = table<AgentIdHoldingRow>('agent_id_holdings', ['id', 'code', 'employeeId', 'purpose', 'startedAt', 'until', 'endedAt', 'endReason']);

export interface DepartmentRow {
  id: string;
  code: string;
  nameEn: string;
  nameZh: string;
  supervisorUserId: string | null;
  createdAt: Date;
  updatedAt: Date;
}
export const DEPARTMENTS = table<DepartmentRow>('departments', ['id', 'code', 'nameEn', 'nameZh', 'supervisorUserId', 'createdAt', 'updatedAt']);

export const EMPLOYEE_STATUSES = ['pending', 'active', 'leaving', 'left'] as const;
export type EmployeeStatus = (typeof EMPLOYEE_STATUSES)[number];

export interface EmployeeRow {
  id: string;
  departmentId: string;
  fullName: string;
  status: EmployeeStatus;
  createdAt: Date;
  updatedAt: Date;
  activatedAt: Date | null;
  leavingAt: Date | null;
  leftAt: Date | null;
}
export const EMPLOYEES = table<EmployeeRow>('employees', ['id', 'departmentId', 'fullName', 'status', 'createdAt', 'updatedAt', 'activatedAt', 'leavingAt', 'leftAt']);

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  employeeId: string | null;
  departmentId: string | null;
  active: boolean;
  locale: Locale;
  timeZone: string;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
export const USERS = table<UserRow>('users', ['id', 'username', 'displayName', 'employeeId', 'departmentId', 'active', 'locale', 'timeZone', 'lastLoginAt', 'createdAt', 'updatedAt']);

export interface UserRoleRow {
  userId: string;
  role: string;
}
export const USER_ROLES = table<UserRoleRow>('user_roles', ['userId', 'role']);
