/** Roles named by docs/policy.md ("Roles"). A user holds one or more. */
export const ROLES = ['employee', 'supervisor', 'leadership', 'it', 'cc_manager', 'site_manager', 'id_admin', 'hr', 'security', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/** The authenticated caller as every service sees it. */
export interface AuthUser {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** The employee record of this user, when they are staff with one. */
  employeeId: string | null;
  /** The department the user works in (an employee's, or the one a supervisor leads): the primary one. */
  departmentId: string | null;
  /**
   * Every department the user works in or leads (a supervisor of two departments acts for both), sorted.
   * Read scopes, the inbox and the workflows' task rules use this list.
   */
  departmentIds: string[];
  /** When this session last typed the password again (ms since the epoch; the access token's `ra` claim), for privileged decisions. */
  reauthenticatedAt?: number;
}
