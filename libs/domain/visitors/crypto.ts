import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/*
 * Crypto-shredding of visitors' personal data (PIPL; INF-1 keeps the register, not the person forever).
 * Each visit gets a data key of its own (32 random bytes). Its name and document number are encrypted
 * with it (AES-256-GCM, the visit id and the field name as associated data, so a ciphertext cannot be
 * moved to another visit or field). The data key itself is stored only wrapped by the master key
 * (VISITOR_KEY), in visitor_keys: a table that is no read model and never an event. The log and the read
 * model carry ciphertext only. Deleting the key row (the purge) leaves every copy of the ciphertext, in
 * the log, its exports and backups of the read model, unreadable, while the log itself stays unchanged,
 * so its hash chain still verifies.
 */

const ALG = 'aes-256-gcm';
const IV_BYTES = 12;
/** Versioned, so the format can change without guessing: `v1.<iv>.<ciphertext>.<tag>`, base64url each. */
const PREFIX = 'v1';

function seal(key: Buffer, plain: Buffer, aad: string): string {
  const iv = randomBytes(IV_BYTES);
  const c = createCipheriv(ALG, key, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([c.update(plain), c.final()]);
  return [PREFIX, iv.toString('base64url'), body.toString('base64url'), c.getAuthTag().toString('base64url')].join('.');
}

function open(key: Buffer, sealed: string, aad: string): Buffer {
  const [v, iv, body, tag] = sealed.split('.');
  if (v !== PREFIX || !iv || body === undefined || !tag) throw new Error('not a sealed visitor value');
  const d = createDecipheriv(ALG, key, Buffer.from(iv, 'base64url'));
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]);
}

export type VisitorField = 'name' | 'documentNumber';

/** A new data key for one visit, and its wrapped form (what is stored). */
export function newVisitKey(master: Buffer, visitId: string): { dataKey: Buffer; wrapped: string } {
  const dataKey = randomBytes(32);
  return { dataKey, wrapped: seal(master, dataKey, `visit-key:${visitId}`) };
}

export const unwrapVisitKey = (master: Buffer, visitId: string, wrapped: string): Buffer => open(master, wrapped, `visit-key:${visitId}`);

export const encryptVisitorField = (dataKey: Buffer, visitId: string, field: VisitorField, value: string): string => seal(dataKey, Buffer.from(value, 'utf8'), `visit:${visitId}:${field}`);

export const decryptVisitorField = (dataKey: Buffer, visitId: string, field: VisitorField, sealed: string): string => open(dataKey, sealed, `visit:${visitId}:${field}`).toString('utf8');
