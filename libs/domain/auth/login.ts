import type { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '../errors.js';
import type { EventStore } from '../events/event-store.js';
import { normalizeUsername } from '../directory/users.js';
import { verifyPassword } from './passwords.js';
import { issueRefreshToken, type IssuedRefreshToken } from './refresh-tokens.js';
import { AuthEvent, loginSubject, type LoggedIn, type LoginFailed } from './events.js';

/**
 * Login throttling, counted in PostgreSQL (login_failures, projected from auth.login_failed events) so
 * every API replica enforces the same limit; nothing is kept in process memory.
 */
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_USERNAME = 5;
export const MAX_FAILURES_PER_IP = 20;

/**
 * When the caller may try again, or null if they may try now. A username's failures before its last
 * successful login do not count; an address's all do. Retry-After is when the oldest failure that
 * keeps the count at the limit leaves the window.
 */
export async function loginBlockedUntil(ds: DataSource, username: string, ip: string, now: Date): Promise<Date | null> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const [row] = await ds.query(
    `SELECT
       (SELECT f.occurred_at FROM login_failures f
          WHERE f.username = $1 AND f.occurred_at > GREATEST($3::timestamptz, COALESCE((SELECT u.last_login_at FROM users u WHERE u.username = $1), '-infinity'))
          ORDER BY f.occurred_at DESC OFFSET $4 LIMIT 1) AS by_username,
       (SELECT f.occurred_at FROM login_failures f WHERE f.ip = $2 AND f.occurred_at > $3
          ORDER BY f.occurred_at DESC OFFSET $5 LIMIT 1) AS by_ip`,
    [username, ip, since, MAX_FAILURES_PER_USERNAME - 1, MAX_FAILURES_PER_IP - 1],
  );
  const edges = [row?.by_username, row?.by_ip].filter((d): d is Date => d instanceof Date).map((d) => d.getTime() + LOGIN_WINDOW_MS);
  return edges.length ? new Date(Math.max(...edges)) : null;
}

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  refreshTtlMs: number;
  now?: Date;
}

/**
 * Checks a username and password. A failure is recorded as an auth.login_failed event and answered
 * with one message whatever the cause (unknown user, wrong password, deactivated), so the answer does
 * not reveal which usernames exist. A success is recorded too and yields a refresh token.
 */
export async function login(events: EventStore, input: LoginInput): Promise<{ userId: string; refresh: IssuedRefreshToken }> {
  const ds = events.dataSource;
  const now = input.now ?? new Date();
  const username = normalizeUsername(input.username).slice(0, 128);
  const blockedUntil = await loginBlockedUntil(ds, username, input.ip, now);
  if (blockedUntil) {
    const retryAfterSeconds = Math.max(1, Math.ceil((blockedUntil.getTime() - now.getTime()) / 1000));
    throw new DomainError(ErrorCode.RateLimited, `too many failed logins; try again in ${retryAfterSeconds} seconds`, { retryAfterSeconds });
  }
  const [row] = await ds.query(`SELECT u.id, u.active, c.password_hash FROM users u LEFT JOIN user_credentials c ON c.user_id = u.id WHERE u.username = $1`, [username]);
  const passwordOk = await verifyPassword(row?.password_hash ?? null, input.password);
  const reason: LoginFailed['reason'] | null = !row ? 'unknown_user' : !row.password_hash ? 'no_password' : !passwordOk ? 'wrong_password' : !row.active ? 'deactivated' : null;
  if (reason) {
    await events.execute({ actor: { id: 'anonymous' } }, (uow) =>
      uow.emit<LoginFailed>({ subject: loginSubject(username), type: AuthEvent.LoginFailed, payload: { username, ip: input.ip, reason } }),
    );
    throw new DomainError(ErrorCode.Unauthenticated, 'wrong username or password, or the account is deactivated');
  }
  return events.execute({ actor: { id: row.id } }, async (uow) => {
    await uow.emit<LoggedIn>({ subject: loginSubject(username), type: AuthEvent.LoggedIn, payload: { userId: row.id, username, ip: input.ip } });
    return { userId: row.id as string, refresh: await issueRefreshToken(uow.manager, row.id, input.refreshTtlMs, now) };
  });
}
