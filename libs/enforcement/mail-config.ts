import { readFileSync } from 'node:fs';
import { ConfigError, decisionLinkSecretOf } from '../config/config.js';

/**
 * SMTP for mail notifications (libs/domain/mail). Either SMTP_URL (smtp://user:pass@host:port, or
 * smtps:// for implicit TLS), or SMTP_HOST with SMTP_PORT, SMTP_USER and the password in the file
 * SMTP_PASSWORD_FILE; and MAIL_FROM, the sender. Neither set: mail is off (the bell still works). The
 * password is read by the worker only and never logged, put into an event or an error message:
 * `describe` names the server without it.
 */
export interface MailSettings {
  url: URL;
  auth: { user: string; pass: string } | null;
  from: string;
  /** The right-hand side of every Message-ID (the sender's domain). */
  messageIdDomain: string;
  /** PUBLIC_URL: the web app's address, put before each link's path; null: mail without links. */
  publicUrl: string | null;
  /** The server as logs may show it: scheme, host and port, no credentials. */
  describe: string;
  timeoutMs: number;
  /** DECISION_LINK_SECRET (or the file DECISION_LINK_SECRET_FILE): signs each task mail's decision link; null: plain task links. */
  decisionLinkSecret: string | null;
}

const get = (env: Record<string, unknown>, k: string): string | undefined => {
  const v = env[k];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

/** The decision links' secret (libs/config/config.ts decisionLinkSecretOf), a bad one reported like the other settings. */
function linkSecret(env: Record<string, unknown>): string | null {
  try {
    return decisionLinkSecretOf({ DECISION_LINK_SECRET: get(env, 'DECISION_LINK_SECRET'), DECISION_LINK_SECRET_FILE: get(env, 'DECISION_LINK_SECRET_FILE') });
  } catch (e) {
    const err = new ConfigError([(e as Error).message]);
    err.cause = e;
    throw err;
  }
}

/** Null when SMTP is not configured. Throws a ConfigError naming each bad variable (never a secret's value). */
export function loadMailSettings(env: Record<string, unknown> = process.env): MailSettings | null {
  const urlText = get(env, 'SMTP_URL');
  const host = get(env, 'SMTP_HOST');
  if (!urlText && !host) return null;
  const problems: string[] = [];
  let url: URL | null = null;
  let auth: MailSettings['auth'] = null;
  if (urlText) {
    try {
      url = new URL(urlText);
      if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') problems.push('SMTP_URL: must start with smtp:// or smtps://');
      if (url.username) auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
    } catch {
      problems.push('SMTP_URL: not a URL (expected smtp://user:pass@host:port)');
    }
  } else {
    const port = get(env, 'SMTP_PORT') ?? '587';
    if (!/^\d{1,5}$/.test(port)) problems.push('SMTP_PORT: must be a port number');
    url = new URL(`${port === '465' ? 'smtps' : 'smtp'}://${host}:${port}`);
    const user = get(env, 'SMTP_USER');
    const file = get(env, 'SMTP_PASSWORD_FILE');
    if (user) {
      if (!file) problems.push('SMTP_PASSWORD_FILE: required with SMTP_USER');
      else {
        try {
          auth = { user, pass: readFileSync(file, 'utf8').trim() };
        } catch (e) {
          problems.push(`SMTP_PASSWORD_FILE: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
        }
      }
    }
  }
  const from = get(env, 'MAIL_FROM');
  const address = from ? /<([^<>@\s]+@([^<>@\s]+))>\s*$/.exec(from) ?? /^([^<>@\s]+@([^<>@\s]+))$/.exec(from) : null;
  if (!address) problems.push('MAIL_FROM: required with SMTP, an address such as "Custodian <custodian@example.com>"');
  const timeout = get(env, 'SMTP_TIMEOUT_MS') ?? '30000';
  if (!/^\d{3,6}$/.test(timeout)) problems.push('SMTP_TIMEOUT_MS: must be milliseconds (1000 to 999999)');
  if (problems.length) throw new ConfigError(problems);
  const publicUrl = get(env, 'PUBLIC_URL')?.replace(/\/+$/, '') ?? null;
  const decisionLinkSecret = linkSecret(env);
  return {
    url: url!, auth, from: from!, messageIdDomain: address![2]!, publicUrl, timeoutMs: Number(timeout), decisionLinkSecret,
    describe: `${url!.protocol}//${url!.hostname}:${url!.port || (url!.protocol === 'smtps:' ? 465 : 587)}`,
  };
}
