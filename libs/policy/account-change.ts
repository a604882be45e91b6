import type { Role } from './roles.js';
import type { LocalizedText } from './text.js';

/**
 * Four eyes on power (INF-9 named owners; SYS-1, INF-6, INF-12 separation of duties): granting a
 * privileged role, or setting another person's password, is a request a second authorised person
 * approves in the inbox (accountChangeWorkflow). Plain `employee` accounts stay immediate.
 */
export const PRIVILEGED_ROLES: readonly Role[] = ['hr', 'cc_manager', 'it', 'leadership', 'supervisor', 'auditor', 'security', 'id_admin'];
/** Roles only HR grants (the call-center manager may not, and a second HR person approves them). */
export const HR_ONLY_ROLES: readonly Role[] = ['hr', 'auditor'];

/** The privileged roles in `roles` that `previous` lacks: what a change would grant. */
export const privilegedGrants = (roles: readonly Role[], previous: readonly Role[] = []): Role[] =>
  [...new Set(roles)].filter((r) => PRIVILEGED_ROLES.includes(r) && !previous.includes(r)).sort();

/** A new account (no password here: a password is kept hashed in the database, keyed by the request id). */
export interface AccountCreation {
  kind: 'create_user';
  username: string;
  displayName: string;
  roles: Role[];
  employeeId: string | null;
  departmentId: string | null;
  locale?: 'zh-CN' | 'en';
  timeZone: string;
  /** A password hash waits in account_change_secrets. */
  withPassword: boolean;
}

/** A change to an existing account: profile, roles, activity and (when withPassword) its password. */
export interface AccountUpdate {
  kind: 'update_user';
  userId: string;
  displayName?: string;
  employeeId?: string | null;
  departmentId?: string | null;
  locale?: 'zh-CN' | 'en';
  timeZone?: string;
  roles?: Role[];
  active?: boolean;
  withPassword: boolean;
}

export type AccountChange = AccountCreation | AccountUpdate;

export interface AccountChangeSettings {
  dueMs: number;
  deadlineMs: number;
}

export interface AccountChangeInput {
  requestId: string;
  requestedBy: string;
  change: AccountChange;
  /** Who approves: the other directory role, or HR for hr/auditor grants. */
  approverRole: Role;
  /** Told when the approval is overdue; may not decide. */
  escalationRole: Role;
  /** The account the change is about (an update's user): barred from approving it too. */
  subjectUserId: string | null;
  summary: LocalizedText;
  details: Record<string, string | number | boolean | null>;
  settings: AccountChangeSettings;
}

export const ACCOUNT_CHANGE_STATUSES = ['pending', 'applied', 'rejected', 'expired', 'failed'] as const;
export type AccountChangeStatus = (typeof ACCOUNT_CHANGE_STATUSES)[number];

export interface AccountChangeResult {
  requestId: string;
  status: Exclude<AccountChangeStatus, 'pending'>;
  decidedBy: string | null;
  userId: string | null;
}

export const accountChangeWorkflowId = (requestId: string): string => `account-change-${requestId}`;
