import { hash, verify } from '@node-rs/argon2';
import type { EntityManager } from 'typeorm';
import { invalid } from '../errors.js';

/**
 * Passwords are hashed with argon2id (the @node-rs/argon2 default: m=19 MiB, t=2, p=1, the OWASP
 * baseline). Hashes live in user_credentials, never in an event.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export function checkPasswordShape(password: string): void {
  if (typeof password !== 'string' || password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw invalid(`password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long`, { fields: { password: ['length'] } });
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified against when the username is unknown, so a wrong username costs as long as a wrong password
// (response timing does not reveal which usernames exist).
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hash('not-a-real-password');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}

/** Stores a password hash inside the caller's transaction (with the event that records who set it). */
export async function storePasswordHash(m: EntityManager, userId: string, passwordHash: string, at: Date): Promise<void> {
  await m.query(
    `INSERT INTO user_credentials (user_id, password_hash, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (user_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = EXCLUDED.updated_at`,
    [userId, passwordHash, at],
  );
}

