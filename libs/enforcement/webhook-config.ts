import { readFileSync } from 'node:fs';
import { ACCESS_KINDS, type AccessKind } from '../policy/index.js';
import { ConfigError } from '../config/config.js';

/**
 * The webhook connector's settings (SYS-1, INF-6, AID-2): per kind of access, the receiving system's URL
 * and its Standard Webhooks secrets. A kind with a URL is connected by webhook; a kind with neither a
 * directory group nor a URL stays manual (IT gets a "disable" task when a grant ends). Secrets come from
 * WEBHOOK_SECRET_<KIND> or the file WEBHOOK_SECRET_<KIND>_FILE, several separated by spaces while a
 * secret is rotated (each delivery is signed with every one). They are read by the worker only: never
 * passed to a workflow, written to an event or put into an error message.
 */
export interface WebhookEndpoint {
  url: string;
  /** The decoded key bytes of each `whsec_<base64>` secret. */
  secrets: Buffer[];
}

export interface WebhookSettings {
  endpoints: Partial<Record<AccessKind, WebhookEndpoint>>;
  /** Tries of one delivery (Temporal's retries with back-off) before it is dead-lettered for IT. */
  maxAttempts: number;
  /** How long one try waits for the receiver's answer. */
  timeoutMs: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Parses `whsec_<base64>` secrets separated by spaces; null when one is malformed. */
export function parseSecrets(value: string): Buffer[] | null {
  const parts = value.trim().split(/\s+/);
  const keys: Buffer[] = [];
  for (const p of parts) {
    const m = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(p);
    if (!m) return null;
    const key = Buffer.from(m[1]!, 'base64');
    if (key.length < 24 || key.length > 64) return null; // the spec: 24 to 64 bytes
    keys.push(key);
  }
  return keys.length ? keys : null;
}

/** Null when no kind has a webhook URL. Throws a ConfigError naming each bad or missing variable (never a secret's value). */
export function loadWebhookSettings(env: Record<string, unknown> = process.env): WebhookSettings | null {
  const get = (k: string): string | undefined => {
    const v = env[k];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const problems: string[] = [];
  const endpoints: Partial<Record<AccessKind, WebhookEndpoint>> = {};
  for (const kind of ACCESS_KINDS) {
    const K = kind.toUpperCase();
    const url = get(`WEBHOOK_URL_${K}`);
    const inline = get(`WEBHOOK_SECRET_${K}`);
    const file = get(`WEBHOOK_SECRET_${K}_FILE`);
    if (!url) {
      if (inline || file) problems.push(`WEBHOOK_SECRET_${K}: set without WEBHOOK_URL_${K}`);
      continue;
    }
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      problems.push(`WEBHOOK_URL_${K}: must be an absolute https:// URL`);
    }
    // The body names who holds which access: plain http only to this machine (tests, a local relay).
    if (parsed && parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)))
      problems.push(`WEBHOOK_URL_${K}: must use https:// (plain http:// only for 127.0.0.1 or localhost)`);
    if (parsed && (parsed.username || parsed.password)) problems.push(`WEBHOOK_URL_${K}: must not carry credentials; use WEBHOOK_SECRET_${K}`);
    if (!inline === !file) {
      problems.push(`WEBHOOK_SECRET_${K} / WEBHOOK_SECRET_${K}_FILE: set exactly one of them`);
      continue;
    }
    let value = inline ?? '';
    if (file) {
      try {
        value = readFileSync(file, 'utf8');
      } catch (e) {
        problems.push(`WEBHOOK_SECRET_${K}_FILE: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
        continue;
      }
    }
    const secrets = parseSecrets(value);
    if (!secrets) problems.push(`WEBHOOK_SECRET_${K}${file ? '_FILE' : ''}: must be one or more whsec_<base64 of 24 to 64 bytes> separated by spaces`);
    else if (parsed) endpoints[kind] = { url: parsed.toString(), secrets };
  }
  const maxAttempts = Number(get('WEBHOOK_MAX_ATTEMPTS') ?? '8');
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 50) problems.push('WEBHOOK_MAX_ATTEMPTS: must be a whole number from 1 to 50');
  const timeoutMs = Number(get('WEBHOOK_TIMEOUT_MS') ?? '10000');
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 60_000) problems.push('WEBHOOK_TIMEOUT_MS: must be a whole number of milliseconds from 100 to 60000');
  if (problems.length) throw new ConfigError(problems);
  return Object.keys(endpoints).length ? { endpoints, maxAttempts, timeoutMs } : null;
}
