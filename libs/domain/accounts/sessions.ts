import type { EntityManager } from 'typeorm';

/**
 * The session version (user_sessions): every access token carries the version current when it was
 * signed (`sv`), and the guard compares it with the user's row on every request (the same query that
 * loads the user). Bumping it ends every access token of the user at once, not at its TTL. Not an event:
 * like a password hash it is security state, not a domain fact (the events that cause a bump — logout
 * aside — are in the log already).
 */
export interface SessionState {
  version: number;
  /** INF-10: the password was set by someone else; the owner must set their own before acting. */
  passwordOneTime: boolean;
}

/** Ends every access token of the user; returns the new version. Runs in the caller's transaction. */
export async function bumpSessionVersion(m: EntityManager, userId: string): Promise<number> {
  const [row]: { session_version: number }[] = await m.query(
    `INSERT INTO user_sessions (user_id, session_version) VALUES ($1, 1)
     ON CONFLICT (user_id) DO UPDATE SET session_version = user_sessions.session_version + 1
     RETURNING session_version`,
    [userId],
  );
  return row.session_version;
}

/** Marks the password as one-time (set by someone else) or as the owner's own. */
export async function setPasswordOneTime(m: EntityManager, userId: string, oneTime: boolean): Promise<void> {
  await m.query(
    `INSERT INTO user_sessions (user_id, password_one_time) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET password_one_time = EXCLUDED.password_one_time`,
    [userId, oneTime],
  );
}

export async function sessionState(m: Pick<EntityManager, 'query'>, userId: string): Promise<SessionState> {
  const [row]: { session_version: number; password_one_time: boolean }[] = await m.query(
    `SELECT session_version, password_one_time FROM user_sessions WHERE user_id = $1`,
    [userId],
  );
  return { version: row?.session_version ?? 0, passwordOneTime: row?.password_one_time ?? false };
}
