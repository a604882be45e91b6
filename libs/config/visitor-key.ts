import { readFileSync } from 'node:fs';

/**
 * The master key that wraps each visitor's data key (libs/domain/visitors/crypto.ts): 32 bytes in
 * base64, from VISITOR_KEY or the file VISITOR_KEY_FILE (its first non-empty line). Never logged: a
 * bad value is described by its length only.
 */
export class VisitorKeyError extends Error {}

export function parseVisitorKey(text: string): Buffer {
  const b64 = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0 && !l.startsWith('#'));
  if (!b64) throw new VisitorKeyError('no key given (expected 32 bytes in base64)');
  const key = Buffer.from(b64, 'base64');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(b64) || key.length !== 32) throw new VisitorKeyError(`must be 32 bytes in base64 (got ${key.length} bytes)`);
  return key;
}

/** The master key from the settings, or null when neither is set (the visitor desk then answers 503). */
export function visitorMasterKeyOf(config: { VISITOR_KEY?: string; VISITOR_KEY_FILE?: string }): Buffer | null {
  if (config.VISITOR_KEY) return parseVisitorKey(config.VISITOR_KEY);
  if (config.VISITOR_KEY_FILE) return parseVisitorKey(readFileSync(config.VISITOR_KEY_FILE, 'utf8'));
  return null;
}
