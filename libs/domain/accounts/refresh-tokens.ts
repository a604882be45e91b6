import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../../policy/errors.js';
import { bumpSessionVersion } from './sessions.js';

/**
 * Opaque refresh tokens, rotated on every use. Only their SHA-256 is stored. Tokens descend from one
 * login in a "family": presenting a token that was already used means it was copied, so the whole
 * family is revoked and both the thief and the owner must log in again.
 */
export interface IssuedRefreshToken {
  token: string;
  expiresAt: string;
}

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const unauthenticated = (why: string) => new DomainError(ErrorCode.Unauthenticated, why);

export async function issueRefreshToken(m: EntityManager, userId: string, ttlMs: number, now: Date, familyId: string = randomUUID()): Promise<IssuedRefreshToken> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs);
  // Housekeeping on the way: this user's dead tokens are of no use to anyone.
  await m.query(`DELETE FROM refresh_tokens WHERE user_id = $1 AND expires_at < $2`, [userId, now]);
  await m.query(`INSERT INTO refresh_tokens (token_hash, user_id, family_id, issued_at, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
    digest(token),
    userId,
    familyId,
    now,
    expiresAt,
  ]);
  return { token, expiresAt: expiresAt.toISOString() };
}

/**
 * Spends a refresh token and issues its successor. `isUserActive` is asked inside the transaction so a
 * deactivated user cannot refresh.
 */
export async function rotateRefreshToken(
  ds: DataSource,
  token: string,
  ttlMs: number,
  now: Date,
  isUserActive: (m: EntityManager, userId: string) => Promise<boolean>,
): Promise<{ userId: string; refresh: IssuedRefreshToken }> {
  const hash = digest(token);
  const rotated = await ds.transaction(async (m) => {
    // TypeORM answers an UPDATE with [rows, affectedCount].
    const [[row]]: [{ user_id: string; family_id: string }[], number] = await m.query(
      `UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2 RETURNING user_id, family_id`,
      [hash, now],
    );
    if (!row) return null;
    if (!(await isUserActive(m, row.user_id))) return null;
    return { userId: row.user_id as string, refresh: await issueRefreshToken(m, row.user_id, ttlMs, now, row.family_id) };
  });
  if (rotated) return rotated;
  // Not spendable: if it had been spent before, it was replayed. Revoke its family (own transaction,
  // so the revocation is not rolled back with the refusal).
  await ds.query(
    `UPDATE refresh_tokens SET revoked_at = $2 WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND used_at IS NOT NULL)`,
    [hash, now],
  );
  throw unauthenticated('the refresh token is invalid, expired, revoked or already used: log in again');
}

/**
 * Logout: the presented token's whole family (this login on this device) stops working, and the user's
 * session version is bumped so no access token of theirs outlives the logout (the other devices refresh
 * into a new one). An unknown token is no error: logout is idempotent.
 */
export async function revokeRefreshFamily(ds: DataSource, token: string, now: Date): Promise<void> {
  await ds.transaction(async (m) => {
    const [rows]: [{ user_id: string }[], number] = await m.query(
      `UPDATE refresh_tokens SET revoked_at = $2 WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1) RETURNING user_id`,
      [digest(token), now],
    );
    if (rows[0]) await bumpSessionVersion(m, rows[0].user_id);
  });
}

/** Deactivation or a new password: every session of the user ends. */
export async function revokeUserRefreshTokens(m: EntityManager, userId: string, now: Date): Promise<void> {
  await m.query(`UPDATE refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [userId, now]);
}
