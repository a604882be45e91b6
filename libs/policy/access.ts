import { notFound } from './errors.js';
import type { AuthUser, Role } from './roles.js';

/** HTTP methods that only read. Everything else changes state. */
export const isReadMethod = (method: string) => ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());

/**
 * Whether a caller's roles satisfy a route's role list. The auditor reads everything and changes
 * nothing: the auditor role never counts towards a rule on a writing method, even if a route lists it
 * by mistake (a user who is auditor and hr still writes as hr).
 */
export function rolesSatisfy(rule: readonly Role[], roles: readonly Role[], method: string): boolean {
  const write = !isReadMethod(method);
  return roles.some((r) => rule.includes(r) && !(write && r === 'auditor'));
}

/** Every department the user works in or leads (the primary one alone for a caller built without the list). */
export const departmentsOf = (u: { departmentId: string | null; departmentIds?: readonly string[] }): string[] =>
  u.departmentIds ? [...u.departmentIds] : u.departmentId ? [u.departmentId] : [];

/** What part of the records a caller may see, once the route's role rule has let them in. */
export type ReadScope =
  | { kind: 'all' }
  | { kind: 'department'; departmentIds: string[]; employeeId: string | null; userId: string }
  | { kind: 'self'; employeeId: string | null; userId: string };

/**
 * Object-level rule: holders of one of `allReaders` see everything (the auditor always does); a
 * supervisor sees every department they work in or lead (and themselves); anyone else sees only their
 * own records.
 */
export function readScope(user: AuthUser, allReaders: readonly Role[]): ReadScope {
  if (user.roles.includes('auditor') || user.roles.some((r) => allReaders.includes(r))) return { kind: 'all' };
  const departmentIds = departmentsOf(user);
  if (user.roles.includes('supervisor') && departmentIds.length) {
    return { kind: 'department', departmentIds, employeeId: user.employeeId, userId: user.userId };
  }
  return { kind: 'self', employeeId: user.employeeId, userId: user.userId };
}

/** The ownership facts of a record: its department and, when it is personal, whose it is. */
export interface ScopedObject {
  departmentId: string | null;
  employeeId?: string | null;
  userId?: string | null;
}

function isOwn(scope: { employeeId: string | null; userId: string }, o: ScopedObject): boolean {
  return (o.employeeId != null && o.employeeId === scope.employeeId) || (o.userId != null && o.userId === scope.userId);
}

export function canSee(scope: ReadScope, o: ScopedObject): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'department' && o.departmentId !== null && scope.departmentIds.includes(o.departmentId)) return true;
  return isOwn(scope, o);
}

/** A record outside the caller's scope is reported as missing (404), so its existence is not revealed. */
export function assertVisible(scope: ReadScope, o: ScopedObject, what: string, id: string): void {
  if (!canSee(scope, o)) throw notFound(what, id);
}
