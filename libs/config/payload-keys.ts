import { randomBytes } from 'node:crypto';

/**
 * The keys that encrypt what Custodian stores in Temporal (libs/temporal/payload-codec.ts), written as
 * `id:base64` pairs, comma- or newline-separated: `k2:<32 bytes base64>,k1:<32 bytes base64>`. The first
 * key encrypts; every key decrypts, so a rotation puts the new key first and keeps the old ones until no
 * open workflow's history needs them.
 */
export interface PayloadKey {
  id: string;
  key: Buffer;
}

export class PayloadKeyError extends Error {}

export function parsePayloadKeys(text: string): PayloadKey[] {
  const entries = text
    .split(/[,\n]/)
    .map((e) => e.trim())
    .filter((e) => e.length > 0 && !e.startsWith('#'));
  if (entries.length === 0) throw new PayloadKeyError('no key given (expected id:base64, e.g. k1:<32 bytes in base64>)');
  const seen = new Set<string>();
  return entries.map((entry) => {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    if (!/^[A-Za-z0-9._-]{1,32}$/.test(id)) throw new PayloadKeyError(`a key must be written id:base64 with an id of letters, digits, . _ - (got an entry starting "${entry.slice(0, 8)}…")`);
    if (seen.has(id)) throw new PayloadKeyError(`key id "${id}" is given twice`);
    seen.add(id);
    const b64 = entry.slice(colon + 1);
    const key = Buffer.from(b64, 'base64');
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(b64) || key.length !== 32) throw new PayloadKeyError(`key "${id}" must be 32 bytes in base64 (got ${key.length} bytes)`);
    return { id, key };
  });
}

/** A fresh key in the TEMPORAL_PAYLOAD_KEYS format (the launcher's development key, tests, harnesses). */
export function generatePayloadKey(id = 'k1'): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}
