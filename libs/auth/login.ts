import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../policy/errors.js';
import { command } from '../domain/command.js';
import type { EventStore } from '../domain/events/event-store.js';
import { normalizeUsername } from '../domain/directory/users.js';
import { verifyPassword } from '../domain/accounts/passwords.js';
import { issueRefreshToken, type IssuedRefreshToken } from '../domain/accounts/refresh-tokens.js';
import {
  AuthEvent,
  LOGIN_FAILURES_SUBJECT,
  loginSubject,
  type LoggedIn,
  type LoginFailureCount,
  type LoginFailuresSummarized,
  type Reauthenticated,
} from '../domain/accounts/events.js';

/**
 * Login throttling, counted in PostgreSQL (login_throttle) so every API replica enforces the same
 * limits; nothing is kept in process memory.
 *
 * - Per (username, client address): after `freeFailures` failures, each further failure makes that pair
 *   wait, doubling from `backoffBaseMs` up to `backoffMaxMs` (429 + Retry-After). A stranger guessing a
 *   username from their address slows down themselves only: the owner's right password from another
 *   address still works (no lockout to use against people).
 * - Per client address: `maxFailuresPerIp` failures within `windowMs`, over all usernames, and the
 *   address waits until the window has passed.
 *
 * Failures are counted, not chained one event each (an anonymous caller could otherwise grow the
 * undeletable log at will): the log gets one `auth.login_failures_summarized` event when the pair then
 * signs in (on that login) and one per batch of windows that closed (a pair with no failure for a whole
 * window), written by the next login attempt anyone makes.
 */
export interface ThrottleSettings {
  windowMs: number;
  freeFailures: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  maxFailuresPerIp: number;
}

export const DEFAULT_THROTTLE: ThrottleSettings = {
  windowMs: 15 * 60_000,
  freeFailures: 3,
  backoffBaseMs: 5_000,
  backoffMaxMs: 15 * 60_000,
  maxFailuresPerIp: 20,
};

/** How many closed windows one summary event carries at most. */
const SUMMARY_BATCH = 500;
const USERNAME_MAX = 128;

/**
 * The username as counted and logged: normalised, cut to 128 code points (never inside a surrogate
 * pair), lone surrogates replaced. PostgreSQL refuses a lone surrogate in jsonb; whatever the caller
 * typed must give a 401 or 429, not a 500.
 */
export function loginUsername(typed: string): string {
  return Array.from(normalizeUsername(typed))
    .slice(0, USERNAME_MAX)
    .join('')
    .replace(/[\uD800-\uDFFF]/gu, '\uFFFD'); // with u, only a lone surrogate matches
}

/** The wait after the n-th failure of a pair, or 0. */
export function backoffMs(failures: number, t: ThrottleSettings): number {
  const over = failures - t.freeFailures;
  if (over <= 0) return 0;
  return Math.min(t.backoffMaxMs, t.backoffBaseMs * 2 ** Math.min(over - 1, 30));
}

/** When the pair or the address may try again, or null if now. */
async function blockedUntil(m: EntityManager, username: string, ip: string, now: Date, t: ThrottleSettings): Promise<Date | null> {
  const since = new Date(now.getTime() - t.windowMs);
  const [row]: { pair: Date | null; ip_last: Date | null }[] = await m.query(
    `SELECT
       (SELECT blocked_until FROM login_throttle WHERE username = $1 AND ip = $2 AND blocked_until > $3) AS pair,
       (SELECT CASE WHEN sum(failures) >= $5 THEN max(last_failure_at) END FROM login_throttle WHERE ip = $2 AND last_failure_at > $4) AS ip_last`,
    [username, ip, now, since, t.maxFailuresPerIp],
  );
  const edges = [row?.pair?.getTime(), row?.ip_last ? row.ip_last.getTime() + t.windowMs : undefined].filter((x): x is number => x !== undefined);
  return edges.length ? new Date(Math.max(...edges)) : null;
}

async function recordFailure(m: EntityManager, username: string, ip: string, now: Date, t: ThrottleSettings): Promise<void> {
  const since = new Date(now.getTime() - t.windowMs);
  // A pair whose last failure is older than the window starts a new count (its old one is summarised by
  // the sweep; this only covers a row the sweep has not reached yet).
  const [row]: { failures: number }[] = await m.query(
    `INSERT INTO login_throttle (username, ip, failures, first_failure_at, last_failure_at) VALUES ($1, $2, 1, $3, $3)
     ON CONFLICT (username, ip) DO UPDATE SET
       failures = CASE WHEN login_throttle.last_failure_at <= $4 THEN 1 ELSE login_throttle.failures + 1 END,
       first_failure_at = CASE WHEN login_throttle.last_failure_at <= $4 THEN $3 ELSE login_throttle.first_failure_at END,
       last_failure_at = $3
     RETURNING failures`,
    [username, ip, now, since],
  );
  const wait = backoffMs(row.failures, t);
  if (wait > 0) await m.query(`UPDATE login_throttle SET blocked_until = $3 WHERE username = $1 AND ip = $2`, [username, ip, new Date(now.getTime() + wait)]);
}

type Row = { username: string; ip: string; failures: number; first_failure_at: Date; last_failure_at: Date };
const toCount = (r: Row): LoginFailureCount => ({
  username: r.username,
  ip: r.ip,
  failures: r.failures,
  firstFailureAt: r.first_failure_at.toISOString(),
  lastFailureAt: r.last_failure_at.toISOString(),
});

/**
 * Closes the windows of pairs that have not failed for a whole window: one summary event for the batch,
 * the rows deleted in the same transaction. Replicas sweeping at once skip each other's rows.
 */
export async function summarizeClosedWindows(events: EventStore, now: Date, t: ThrottleSettings = DEFAULT_THROTTLE): Promise<number> {
  const since = new Date(now.getTime() - t.windowMs);
  const [stale] = await events.dataSource.query(`SELECT 1 FROM login_throttle WHERE last_failure_at <= $1 LIMIT 1`, [since]);
  if (!stale) return 0;
  return closeWindowsSince(events, {}, { since });
}

/*
 * The two sign-in commands. Database errors pass through as they always did (the HTTP filter answers
 * them; a 503 when PostgreSQL is down).
 */
const closeWindowsSince = command(async (uow, { since }: { since: Date }): Promise<number> => {
  const [rows]: [Row[], number] = await uow.manager.query(
    `DELETE FROM login_throttle WHERE (username, ip) IN (
       SELECT username, ip FROM login_throttle WHERE last_failure_at <= $1 ORDER BY last_failure_at LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING username, ip, failures, first_failure_at, last_failure_at`,
    [since, SUMMARY_BATCH],
  );
  if (rows.length === 0) return 0;
  await uow.emit<LoginFailuresSummarized>({
    subject: LOGIN_FAILURES_SUBJECT,
    type: AuthEvent.LoginFailuresSummarized,
    payload: { closedBy: 'window_closed', entries: rows.map(toCount) },
    clauses: [], // signing in to Custodian itself is no rule of docs/policy.md
  });
  return rows.length;
}, { actor: () => 'system:login-throttle', translateErrors: false });

/** A success: the pair's failures summarised (if any), auth.logged_in, and a refresh token; the user is the actor. */
const recordLogin = command(async (uow, i: { userId: string; username: string; ip: string; refreshTtlMs: number; now: Date }): Promise<{ userId: string; refresh: IssuedRefreshToken }> => {
  const { userId, username, ip } = i;
  const [rows]: [Row[], number] = await uow.manager.query(
    `DELETE FROM login_throttle WHERE username = $1 AND ip = $2 RETURNING username, ip, failures, first_failure_at, last_failure_at`,
    [username, ip],
  );
  if (rows.length) {
    await uow.emit<LoginFailuresSummarized>({ subject: loginSubject(username), type: AuthEvent.LoginFailuresSummarized, payload: { closedBy: 'signed_in', entries: rows.map(toCount) }, clauses: [] });
  }
  await uow.emit<LoggedIn>({ subject: loginSubject(username), type: AuthEvent.LoggedIn, payload: { userId, username, ip }, clauses: [] });
  return { userId, refresh: await issueRefreshToken(uow.manager, userId, i.refreshTtlMs, i.now) };
}, { actor: (i) => i.userId, translateErrors: false });

/** Where passwords are checked (AUTH_MODE). Roles, departments and the account's state stay Custodian's. */
export type AuthMode = 'local' | 'ldap' | 'both';

/** A directory that checks a person's password by binding as them (libs/enforcement/ldap-directory.ts). */
export interface DirectoryPasswords {
  /** False for an unknown name or a wrong password; throws when the directory cannot answer. */
  verifyPassword(username: string, password: string): Promise<boolean>;
}

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  refreshTtlMs: number;
  now?: Date;
  throttle?: ThrottleSettings;
  /** local by default; ldap and both need `directory`. */
  mode?: AuthMode;
  directory?: DirectoryPasswords | null;
}

export const DIRECTORY_DOWN = 'the directory that checks passwords cannot be reached; try again shortly';

/**
 * Whether the password is right for this username, by the configured mode. The directory is asked for
 * every attempt, whether Custodian knows the name or not, so neither the answer nor its timing tells
 * which usernames Custodian has. With both, the directory comes first (it is where people change their
 * password) and the local password is the fallback, also while the directory is down. A directory that
 * cannot answer, with no local password that matched, is a 503: neither a yes nor a no.
 */
async function passwordMatches(input: LoginInput, username: string, storedHash: string | null): Promise<boolean> {
  const mode = input.mode ?? 'local';
  if (mode === 'local') return verifyPassword(storedHash, input.password);
  if (!input.directory) throw new DomainError(ErrorCode.Unavailable, DIRECTORY_DOWN);
  let inDirectory: boolean | 'down';
  try {
    inDirectory = await input.directory.verifyPassword(username, input.password);
  } catch {
    inDirectory = 'down';
  }
  if (inDirectory === true) return true;
  if (mode === 'both' && (await verifyPassword(storedHash, input.password))) return true;
  if (inDirectory === 'down') throw new DomainError(ErrorCode.Unavailable, DIRECTORY_DOWN);
  return false;
}

const rateLimited = (until: Date, now: Date) => {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new DomainError(ErrorCode.RateLimited, `too many failed logins from this address; try again in ${retryAfterSeconds} seconds`, { retryAfterSeconds });
};

/**
 * Checks a username and password (locally, in the directory, or both: AUTH_MODE). Every failure gets one
 * answer whatever the cause (unknown user, wrong password, deactivated, a directory account Custodian
 * does not know), so the answer does not reveal which usernames exist, and is counted for the
 * (username, address) pair. A success is an auth.logged_in event (with the summary of that pair's
 * failures before it, if any) and yields a refresh token.
 */
export async function login(events: EventStore, input: LoginInput): Promise<{ userId: string; refresh: IssuedRefreshToken }> {
  const ds: DataSource = events.dataSource;
  const t = input.throttle ?? DEFAULT_THROTTLE;
  const now = input.now ?? new Date();
  const username = loginUsername(input.username);
  const ip = input.ip.slice(0, 64);
  await summarizeClosedWindows(events, now, t);

  // One transaction per attempt, serialised per pair: parallel guesses cannot all slip in before the
  // first failure's back-off is written.
  const outcome = await ds.transaction(async (m) => {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('login:' || $1 || '|' || $2))`, [username, ip]);
    const until = await blockedUntil(m, username, ip, now, t);
    if (until) return { blocked: until } as const;
    const [row]: { id: string; active: boolean; password_hash: string | null }[] = await m.query(
      `SELECT u.id, u.active, c.password_hash FROM users u LEFT JOIN user_credentials c ON c.user_id = u.id WHERE u.username = $1`,
      [username],
    );
    // A directory that is down throws here: the transaction rolls back, no failure is counted (503).
    const passwordOk = await passwordMatches(input, username, row?.password_hash ?? null);
    if (!row || !passwordOk || !row.active) {
      await recordFailure(m, username, ip, now, t);
      return { failed: true } as const;
    }
    return { userId: row.id } as const;
  });
  if ('blocked' in outcome && outcome.blocked) throw rateLimited(outcome.blocked, now);
  if ('failed' in outcome) throw new DomainError(ErrorCode.Unauthenticated, 'wrong username or password, or the account is deactivated');

  const userId = outcome.userId;
  return recordLogin(events, {}, { userId, username, ip, refreshTtlMs: input.refreshTtlMs, now });
}

/** A re-authentication that succeeded: the pair's failures summarised (if any) and auth.reauthenticated, by the person. */
const recordReauthentication = command(async (uow, i: { userId: string; username: string; ip: string }): Promise<void> => {
  const [rows]: [Row[], number] = await uow.manager.query(`DELETE FROM login_throttle WHERE username = $1 AND ip = $2 RETURNING username, ip, failures, first_failure_at, last_failure_at`, [i.username, i.ip]);
  if (rows.length) {
    await uow.emit<LoginFailuresSummarized>({ subject: loginSubject(i.username), type: AuthEvent.LoginFailuresSummarized, payload: { closedBy: 'signed_in', entries: rows.map(toCount) }, clauses: [] });
  }
  await uow.emit<Reauthenticated>({ subject: loginSubject(i.username), type: AuthEvent.Reauthenticated, payload: { userId: i.userId, username: i.username, ip: i.ip }, clauses: [] });
}, { actor: (i) => i.userId, translateErrors: false });

export type ReauthenticateInput = Omit<LoginInput, 'username' | 'refreshTtlMs'> & { userId: string };

/**
 * The signed-in person types their password again (a step-up before a privileged decision,
 * libs/policy/decision-links.ts). The same check as sign-in (the slow hash, or the directory by
 * AUTH_MODE) under the same throttle, counted for the same (username, address) pair: re-authenticating
 * is no cheaper way to guess a password than signing in. A wrong password is a 401 the web app shows
 * as such (the session stays); a success is recorded (auth.reauthenticated).
 */
export async function reauthenticate(events: EventStore, input: ReauthenticateInput): Promise<void> {
  const t = input.throttle ?? DEFAULT_THROTTLE;
  const now = input.now ?? new Date();
  const ip = input.ip.slice(0, 64);
  const outcome = await events.dataSource.transaction(async (m) => {
    const [row]: { username: string; active: boolean; password_hash: string | null }[] = await m.query(
      `SELECT u.username, u.active, c.password_hash FROM users u LEFT JOIN user_credentials c ON c.user_id = u.id WHERE u.id = $1`,
      [input.userId],
    );
    if (!row) return { failed: true, username: null } as const;
    const username = loginUsername(row.username);
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('login:' || $1 || '|' || $2))`, [username, ip]);
    const until = await blockedUntil(m, username, ip, now, t);
    if (until) return { blocked: until } as const;
    const passwordOk = await passwordMatches({ ...input, username, refreshTtlMs: 0 }, username, row.password_hash);
    if (!passwordOk || !row.active) {
      await recordFailure(m, username, ip, now, t);
      return { failed: true, username } as const;
    }
    return { username } as const;
  });
  if ('blocked' in outcome && outcome.blocked) throw rateLimited(outcome.blocked, now);
  if ('failed' in outcome) throw new DomainError(ErrorCode.Unauthenticated, 'wrong password: type the password you sign in with');
  await recordReauthentication(events, {}, { userId: input.userId, username: outcome.username, ip });
}
