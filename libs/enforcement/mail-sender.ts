import nodemailer from 'nodemailer';
import type { DeliveryOutcome } from '../domain/mail/mail.js';
import type { RenderedMail } from '../policy/mail.js';
import type { MailSettings } from './mail-config.js';

export interface OutgoingMail extends RenderedMail {
  to: string;
  /** Derived from the outbox id: the same on every try, so a duplicate is recognisable. */
  messageId: string;
}

/** A refusal that no retry will change: a 5xx answer, or an address the client or server will not take. */
function isPermanent(e: { code?: string; responseCode?: number }): boolean {
  if (typeof e.responseCode === 'number') return e.responseCode >= 500 && e.responseCode < 600;
  return e.code === 'EENVELOPE';
}

/** The error as an administrator may read it: the server's answer, never the credentials. */
export function describeSmtpError(e: unknown, s: MailSettings): string {
  const err = e as { message?: string; responseCode?: number; code?: string };
  let msg = String(err?.message ?? e).replace(/\s+/g, ' ');
  if (s.auth?.pass) msg = msg.split(s.auth.pass).join('[redacted]');
  msg = msg.replace(/\/\/[^@/\s]*@/g, '//[redacted]@');
  return `${err?.code ? `${err.code} ` : ''}${msg}`.slice(0, 500);
}

/** A transient failure: Temporal retries the activity. */
export class SmtpTransientError extends Error {
  override readonly name = 'SmtpTransientError';
}

/**
 * Sends one mail over a fresh connection (a send is rare and a pooled connection would outlive a worker's
 * drain). Resolves a permanent refusal as { sent: false }; throws SmtpTransientError for anything a retry
 * may fix (4xx, refused connection, timeout).
 */
export async function sendSmtp(s: MailSettings, m: OutgoingMail): Promise<DeliveryOutcome> {
  const transport = nodemailer.createTransport({
    host: s.url.hostname,
    port: Number(s.url.port || (s.url.protocol === 'smtps:' ? 465 : 587)),
    secure: s.url.protocol === 'smtps:',
    auth: s.auth ?? undefined,
    connectionTimeout: s.timeoutMs,
    greetingTimeout: s.timeoutMs,
    socketTimeout: s.timeoutMs,
    logger: false,
  });
  try {
    const info = await transport.sendMail({
      from: s.from, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId: m.messageId,
      // RFC 3834: an automatic message; vacation responders stay quiet.
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    if (info.rejected.length) return { sent: false, error: `rejected ${info.rejected.length} recipient(s): ${String(info.response ?? '')}`.slice(0, 500), responseCode: null };
    return { sent: true, messageId: m.messageId };
  } catch (e) {
    const err = e as { code?: string; responseCode?: number };
    const error = describeSmtpError(e, s);
    if (isPermanent(err)) return { sent: false, error, responseCode: err.responseCode ?? null };
    throw new SmtpTransientError(error);
  } finally {
    transport.close();
  }
}
