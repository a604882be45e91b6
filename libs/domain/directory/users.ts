import { randomUUID } from 'node:crypto';
import { isRole, type Role } from '../../policy/roles.js';
import { LOCALES, USERS, type Locale } from '../../db/rows.js';
import { findRow } from '../../db/sql.js';
import { checkPasswordPolicy, hashPassword, storePasswordHash, verifyPassword } from '../accounts/passwords.js';
import { bumpSessionVersion, setPasswordOneTime } from '../accounts/sessions.js';
import { revokeUserRefreshTokens } from '../accounts/refresh-tokens.js';
import { command } from '../command.js';
import { conflict, DomainError, ErrorCode, invalid } from '../../policy/errors.js';
import type { UnitOfWork } from '../events/event-store.js';
import { DirectoryEvent, userSubject, type UserCreated, type UserIdOnly, type UserRolesSet, type UserPasswordSet, type UserUpdated } from './events.js';
import { getDepartment, getEmployee, getUser, rolesOf } from './lookups.js';
import { noticeResponsibilitiesToHandOver } from '../responsibilities/handover.js';

export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
/** Usernames are case-insensitive: stored and compared in lower case. */
export const normalizeUsername = (u: string) => u.trim().toLowerCase();

function checkRoles(roles: unknown[]): Role[] {
  const bad = roles.filter((r) => !isRole(r));
  if (bad.length) throw invalid(`unknown roles: ${bad.join(', ')}`, { fields: { roles: ['unknown role'] } });
  if (roles.length === 0) throw invalid('a user needs at least one role', { fields: { roles: ['empty'] } });
  return [...new Set(roles as Role[])].sort();
}

/** Checked here too (not only by the HTTP layer): activities and the seed call these commands directly. */
function checkPreferences(p: { locale?: Locale; timeZone?: string }): void {
  if (p.locale !== undefined && !LOCALES.includes(p.locale)) throw invalid(`locale must be one of ${LOCALES.join(', ')}`, { fields: { locale: ['unknown'] } });
  if (p.timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: p.timeZone });
    } catch {
      throw invalid(`time zone ${p.timeZone} is not an IANA time zone such as Asia/Shanghai`, { fields: { timeZone: ['unknown'] } });
    }
  }
}

/** An employee record belongs to at most one user, and fixes that user's department. */
async function checkEmployeeLink(uow: UnitOfWork, employeeId: string, userId: string | null, departmentId: string | null | undefined): Promise<string> {
  const employee = await getEmployee(uow.manager, employeeId);
  const other = await findRow(uow.manager, USERS, { employeeId });
  if (other && other.id !== userId) throw conflict(`employee ${employeeId} already has the user account ${other.username}`);
  if (departmentId && departmentId !== employee.departmentId) {
    throw invalid(`departmentId must be the employee's department (${employee.departmentId})`, { fields: { departmentId: ['differs from the employee'] } });
  }
  return employee.departmentId;
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  roles: Role[];
  /** Omitted: the user cannot log in until a password is set. */
  password?: string;
  /**
   * INF-10: a password chosen by someone else works once; the owner must set their own before acting
   * (the default). Only the demo seed, whose accounts are public test fixtures, sets false.
   */
  passwordOneTime?: boolean;
  /** Instead of a password: its argon2 hash, made when the change was requested (an approved account change). */
  passwordHash?: string;
  employeeId?: string | null;
  departmentId?: string | null;
  locale?: Locale;
  timeZone: string;
}

export const createUser = command(async (uow, input: CreateUserInput): Promise<{ id: string }> => {
  const m = uow.manager;
  const username = normalizeUsername(input.username);
  if (!USERNAME.test(username)) throw invalid('username must be 2-64 characters: letters, digits, dot, hyphen, underscore', { fields: { username: ['format'] } });
  const roles = checkRoles(input.roles);
  checkPreferences(input);
  if (input.password !== undefined) checkPasswordPolicy(input.password, username);
  if (await findRow(m, USERS, { username })) throw conflict(`username ${username} is taken`);
  const id = randomUUID();
  let departmentId = input.departmentId ?? null;
  if (input.employeeId) departmentId = await checkEmployeeLink(uow, input.employeeId, null, input.departmentId);
  else if (departmentId) await getDepartment(m, departmentId);
  await uow.emit<UserCreated>({
    subject: userSubject(id),
    type: DirectoryEvent.UserCreated,
    payload: { userId: id, username, displayName: input.displayName, employeeId: input.employeeId ?? null, departmentId, roles, locale: input.locale ?? 'zh-CN', timeZone: input.timeZone },
    // INF-9: the account and its roles have a named owner, and the event names who created them.
    clauses: ['INF-9'],
  });
  if (input.password !== undefined) {
    await storePasswordHash(m, id, await hashPassword(input.password), new Date());
    await setPasswordOneTime(m, id, input.passwordOneTime ?? true);
  } else if (input.passwordHash !== undefined) {
    // An approved account change: the password was chosen (and checked) by its requester, so it is one-time.
    await storePasswordHash(m, id, input.passwordHash, new Date());
    await setPasswordOneTime(m, id, true);
  }
  return { id };
});

export interface UpdateUserInput {
  userId: string;
  displayName?: string;
  employeeId?: string | null;
  departmentId?: string | null;
  locale?: Locale;
  timeZone?: string;
}

/** Profile fields; emits only what differs, nothing when nothing does. */
export const updateUser = command(async (uow, input: UpdateUserInput): Promise<{ id: string; changed: boolean }> => {
  const m = uow.manager;
  checkPreferences(input);
  const u = await getUser(m, input.userId, true);
  const changes: UserUpdated['changes'] = {};
  if (input.displayName !== undefined && input.displayName !== u.displayName) changes.displayName = input.displayName;
  if (input.locale !== undefined && input.locale !== u.locale) changes.locale = input.locale;
  if (input.timeZone !== undefined && input.timeZone !== u.timeZone) changes.timeZone = input.timeZone;
  const employeeId = input.employeeId !== undefined ? input.employeeId : u.employeeId;
  // Linking an account to an employee record (or moving it) decides whose records it acts on: never one's own.
  if (uow.actor.id === u.id && ((input.employeeId !== undefined && input.employeeId !== u.employeeId) || (input.departmentId !== undefined && input.departmentId !== u.departmentId)))
    throw new DomainError(ErrorCode.SeparationOfDuties, 'you cannot link your own account to an employee record or move it to a department; ask another administrator');
  if (employeeId) {
    const departmentId = await checkEmployeeLink(uow, employeeId, u.id, input.departmentId);
    if (employeeId !== u.employeeId) changes.employeeId = employeeId;
    if (departmentId !== u.departmentId) changes.departmentId = departmentId;
  } else {
    if (input.employeeId === null && u.employeeId !== null) changes.employeeId = null;
    if (input.departmentId !== undefined && input.departmentId !== u.departmentId) {
      if (input.departmentId) await getDepartment(m, input.departmentId);
      changes.departmentId = input.departmentId;
    }
  }
  if (Object.keys(changes).length === 0) return { id: u.id, changed: false };
  await uow.emit<UserUpdated>({ subject: userSubject(u.id), type: DirectoryEvent.UserUpdated, payload: { userId: u.id, changes }, clauses: [] });
  return { id: u.id, changed: true };
});

/** Nobody grants themselves roles or takes their own away: a second person decides. */
function refuseSelf(uow: UnitOfWork, userId: string, what: string): void {
  if (uow.actor.id === userId) throw new DomainError(ErrorCode.SeparationOfDuties, `you cannot ${what} your own account; ask another administrator`);
}

export const setUserRoles = command(async (uow, input: { userId: string; roles: Role[] }): Promise<{ id: string; roles: Role[]; changed: boolean }> => {
  refuseSelf(uow, input.userId, 'change the roles of');
  const roles = checkRoles(input.roles);
  const u = await getUser(uow.manager, input.userId, true);
  const previousRoles = await rolesOf(uow.manager, u.id);
  if (previousRoles.join() === roles.join()) return { id: u.id, roles, changed: false };
  await uow.emit<UserRolesSet>({ subject: userSubject(u.id), type: DirectoryEvent.UserRolesSet, payload: { userId: u.id, roles, previousRoles }, clauses: ['INF-9'] });
  return { id: u.id, roles, changed: true };
});

/**
 * Deactivation ends every session at once: refresh tokens revoked, the session version bumped so every
 * access token fails. Reactivation bumps it too, so a token from before the deactivation stays dead.
 */
export const setUserActive = command(async (uow, input: { userId: string; active: boolean }): Promise<{ id: string; active: boolean; changed: boolean }> => {
  refuseSelf(uow, input.userId, 'deactivate or reactivate');
  const u = await getUser(uow.manager, input.userId, true);
  if (u.active === input.active) return { id: u.id, active: u.active, changed: false };
  await uow.emit<UserIdOnly>({ subject: userSubject(u.id), type: input.active ? DirectoryEvent.UserReactivated : DirectoryEvent.UserDeactivated, payload: { userId: u.id }, clauses: [] });
  if (!input.active) await revokeUserRefreshTokens(uow.manager, u.id, new Date());
  if (!input.active) await noticeResponsibilitiesToHandOver(uow, u, userSubject(u.id)); // EQ-1, INF-9
  await bumpSessionVersion(uow.manager, u.id);
  return { id: u.id, active: input.active, changed: true };
});

/**
 * A new password. Set by someone else (a reset) it is one-time (INF-10); the user's sessions end
 * (refresh tokens revoked, session version bumped). The event says who set it, never what it is. An
 * approved reset brings the hash made (and the policy checked) when it was requested instead of the password.
 */
export const setUserPassword = command(async (uow, input: { userId: string; password?: string; passwordHash?: string }): Promise<{ id: string }> => {
  const u = await getUser(uow.manager, input.userId, true);
  if (input.passwordHash === undefined) checkPasswordPolicy(input.password!, u.username);
  const self = uow.actor.id === u.id;
  await storePasswordHash(uow.manager, u.id, input.passwordHash ?? (await hashPassword(input.password!)), new Date());
  await revokeUserRefreshTokens(uow.manager, u.id, new Date());
  await bumpSessionVersion(uow.manager, u.id);
  await setPasswordOneTime(uow.manager, u.id, !self);
  await uow.emit<UserPasswordSet>({ subject: userSubject(u.id), type: DirectoryEvent.UserPasswordSet, payload: { userId: u.id, oneTime: !self }, clauses: ['INF-9', 'INF-10'] });
  return { id: u.id };
});

/**
 * The owner sets their own password, proving the current one (one-time or not). After it the password
 * is theirs alone (INF-10, INF-9) and every other session ends.
 */
export const changeOwnPassword = command(async (uow, input: { userId: string; currentPassword: string; newPassword: string }): Promise<{ id: string }> => {
  if (uow.actor.id !== input.userId) throw new DomainError(ErrorCode.Forbidden, 'only the owner changes their own password this way');
  const u = await getUser(uow.manager, input.userId, true);
  const [row]: { password_hash: string }[] = await uow.manager.query(`SELECT password_hash FROM user_credentials WHERE user_id = $1`, [u.id]);
  if (!(await verifyPassword(row?.password_hash ?? null, input.currentPassword))) {
    throw invalid('the current password is wrong', { fields: { currentPassword: ['wrong'] } });
  }
  if (input.newPassword === input.currentPassword) throw invalid('the new password must differ from the current one', { fields: { newPassword: ['unchanged'] } });
  return setUserPassword.inUow(uow, { userId: u.id, password: input.newPassword });
});

export interface PatchUserInput extends UpdateUserInput {
  roles?: Role[];
  active?: boolean;
  password?: string;
  passwordHash?: string;
}

/** One PATCH is one transaction: profile, roles, activity and password change together or not at all. */
export const patchUser = command(async (uow, input: PatchUserInput): Promise<{ id: string }> => {
  const { roles, active, password, passwordHash, ...profile } = input;
  await updateUser.inUow(uow, profile);
  if (roles !== undefined) await setUserRoles.inUow(uow, { userId: input.userId, roles });
  if (active !== undefined) await setUserActive.inUow(uow, { userId: input.userId, active });
  if (password !== undefined || passwordHash !== undefined) await setUserPassword.inUow(uow, { userId: input.userId, password, passwordHash });
  return { id: input.userId };
});
