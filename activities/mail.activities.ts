import { Context } from '@temporalio/activity';
import { signDecisionToken } from '../libs/domain/mail/decision-links.js';
import { deliverOutboxMail, recordMailAttemptFailed, type DeliveryResult, type OutboxItem, type OutboxMail } from '../libs/domain/mail/mail.js';
import { decisionLinkPath } from '../libs/policy/decision-links.js';
import type { EventStore } from '../libs/domain/events/event-store.js';
import type { MailSettings } from '../libs/enforcement/mail-config.js';
import { sendSmtp, type OutgoingMail } from '../libs/enforcement/mail-sender.js';
import { renderDigest, renderMail } from '../libs/policy/mail.js';

export type SendMail = (s: MailSettings, m: OutgoingMail) => ReturnType<typeof sendSmtp>;

/**
 * The mail as it leaves: rendered in the recipient's language, its link under PUBLIC_URL, its Message-ID
 * from the outbox id. A task item with a decision link gets `/d/<token>`, the token signed here and now
 * (DECISION_LINK_SECRET): it exists only in the mail, never in an event, a table, a log or Temporal.
 */
export function outgoingMail(s: MailSettings, m: OutboxMail): OutgoingMail {
  const link = (path: string) => (s.publicUrl ? `${s.publicUrl}${path}` : null);
  const itemLink = (i: OutboxItem) => link(i.decisionLinkId && s.decisionLinkSecret ? decisionLinkPath(signDecisionToken(s.decisionLinkSecret, i.decisionLinkId)) : i.path);
  const rendered = m.digest
    ? renderDigest(m.items.map((i) => ({ kind: i.kind, title: i.title, link: itemLink(i) })), m.displayName, m.locale, link('/notifications'))
    : renderMail({ kind: m.items[0]!.kind, title: m.items[0]!.title, body: m.items[0]!.body, link: itemLink(m.items[0]!), recipientName: m.displayName }, m.locale);
  return { ...rendered, to: m.email, messageId: `<${m.id}@${s.messageIdDomain}>` };
}

/**
 * Mail delivery (libs/domain/mail): one activity, run by mailDeliveryWorkflow with retries and back-off.
 * Without SMTP settings it fails (retryably), so a row relayed to a worker without mail waits for one
 * that has it. `send` is the SMTP client; tests pass one that counts or fails.
 */
export function createMailActivities(events: EventStore, settings: MailSettings | null, send: SendMail = sendSmtp) {
  return {
    async sendMail({ outboxId }: { outboxId: string }): Promise<{ result: DeliveryResult }> {
      if (!settings) throw new Error('mail is not configured on this worker (SMTP_URL or SMTP_HOST, MAIL_FROM)');
      const attempt = Context.current().info.attempt;
      try {
        return { result: await deliverOutboxMail(events, outboxId, attempt, (m) => send(settings, outgoingMail(settings, m))) };
      } catch (e) {
        await recordMailAttemptFailed(events, outboxId, e instanceof Error ? e.message : String(e)).catch(() => undefined);
        throw e;
      }
    },
  };
}

export type MailActivities = ReturnType<typeof createMailActivities>;
