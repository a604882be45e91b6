import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import type { EntityManager } from 'typeorm';
import { invalid } from '../../policy/errors.js';

/**
 * Passwords are hashed with argon2id (the @node-rs/argon2 default: m=19 MiB, t=2, p=1, the OWASP
 * baseline). Hashes live in user_credentials, never in an event.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
/** A username at least this long may not appear inside the password (a shorter one, such as "it", may). */
const USERNAME_INSIDE_MIN = 4;

// The common-password list of zxcvbn-ts (about 49,000 entries, lower case), as a set, built on first use.
let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())));

/**
 * The password policy (INF-7, INF-9: every account's password is its owner's secret), applied to every
 * password set through the API, the CLI and the seed: 12 to 256 characters, not the username or
 * containing it (usernames of 4 characters or more), not on the common-password list. Case does not
 * make a password different here ("Password123456" is as guessable as "password123456").
 */
export function checkPasswordPolicy(password: string, username: string): void {
  if (typeof password !== 'string' || password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw invalid(`password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long`, { fields: { password: ['length'] } });
  }
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (lower === name || (name.length >= USERNAME_INSIDE_MIN && lower.includes(name))) {
    throw invalid('password must not be or contain the username', { fields: { password: ['contains username'] } });
  }
  if (commonPasswords().has(lower)) throw invalid('password is on the list of commonly used passwords: choose another', { fields: { password: ['common'] } });
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

