import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { QUIET_KINDS, type RelayWindow } from '../../policy/mail.js';
import { NOTIFICATION_KINDS, type LocalizedText, type MailDigest, type NotificationKind, type Recipient } from '../../policy/index.js';
import { command } from '../command.js';
import type { EventStore, UnitOfWork } from '../events/event-store.js';
import type { Projector } from '../events/projector.js';
import { issueDecisionLink } from './decision-links.js';

/**
 * Mail notifications: a transactional outbox. The command that records a notification (or opens a task)
 * resolves who gets it by mail and emits one mail.queued per person in the same transaction; the projector
 * turns each into a mail_outbox row. A relay hands pending rows to Temporal (mailDeliveryWorkflow, id
 * `mail:<outboxId>`), whose activity sends the mail and records mail.sent, or mail.failed for a permanent
 * refusal. The recipients are resolved by the command, not by the projector, and carried in the event, so a
 * read-model rebuild recreates exactly the rows (and their sent state) that existed: it never queues a mail
 * for someone who had mail off at the time, nor re-sends one. No event carries an address: the address is
 * read when the mail is sent.
 */
export const MailEvents = {
  queued: 'mail.queued',
  sent: 'mail.sent',
  /** A permanent refusal: a 5xx answer of the SMTP server, an address it will not take. Listed for administrators. */
  failed: 'mail.failed',
  /** The person turned mail (or this kind) off, lost the address or left before it went out. */
  cancelled: 'mail.cancelled',
  preferencesChanged: 'notification_preferences.changed',
} as const;

export const MAIL_ACTOR = 'system:mail';

export interface MailQueued {
  outboxId: string;
  /** What the mail is for (`notification:<event id>`, `task:<task id>`): one mail per source and person. */
  sourceId: string;
  userId: string;
  kind: NotificationKind;
  /** The event-log subject it is about. */
  subject: string;
  title: LocalizedText;
  body: LocalizedText;
  /** The web app's page (PUBLIC_URL is put before it when the mail is sent). */
  path: string;
  /** Held until then; null: at once (quiet hours and digests are the relay's window). */
  notBefore: string | null;
  /** The person's digest choice when it was queued (absent: off). */
  digest?: MailDigest;
}
export interface MailSent {
  outboxId: string;
  messageId: string;
  attempt: number;
}
export interface MailFailed {
  outboxId: string;
  /** The server's answer (code and text) or the refusal's reason; never a credential. */
  error: string;
  responseCode: number | null;
  attempt: number;
}
export interface MailCancelled {
  outboxId: string;
  reason: string;
}

export interface NotificationPreferences {
  userId: string;
  /** Where mail goes; null: no mail. */
  email: string | null;
  mailEnabled: boolean;
  /** The kinds of notification sent by mail. */
  kinds: NotificationKind[];
  digest: MailDigest;
}

/** A person who never chose: mail on for every kind once they give an address, no digest. */
export const DEFAULT_PREFERENCES: Omit<NotificationPreferences, 'userId'> = { email: null, mailEnabled: true, kinds: [...NOTIFICATION_KINDS], digest: 'off' };

/** The outbox id of (source, person): the same on every retry of the command and on a rebuild. */
export function outboxIdOf(sourceId: string, userId: string): string {
  const h = createHash('sha256').update(`mail-outbox\n${sourceId}\n${userId}`).digest('hex');
  // Shaped as a UUID (version 8, "custom"), so it fits the uuid columns and Temporal ids alike.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The active users a notification's recipients name: a user, or the holders of a role (in a department, counting its supervisor), as the bell shows it. */
async function usersOf(m: EntityManager, recipients: Recipient[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const r of recipients) {
    const rows: { id: string }[] =
      'userId' in r
        ? await m.query(`SELECT id::text AS id FROM users WHERE id::text = $1 AND active`, [r.userId])
        : await m.query(
            `SELECT u.id::text AS id FROM users u JOIN user_roles ur ON ur.user_id = u.id
              WHERE u.active AND ur.role = $1
                AND ($2::text IS NULL OR u.department_id::text = $2 OR EXISTS (SELECT 1 FROM departments d WHERE d.id::text = $2 AND d.supervisor_user_id = u.id))`,
            [r.role, r.departmentId],
          );
    for (const row of rows) ids.add(row.id);
  }
  return [...ids];
}

export interface QueueMail {
  sourceId: string;
  subject: string;
  kind: NotificationKind;
  title: LocalizedText;
  body: LocalizedText;
  path: string;
  recipients: Recipient[];
  /** Never mailed (separation of duties: the requester is not told of their own approval task). */
  excludedUserIds?: string[];
  notBefore?: (kind: NotificationKind) => Promise<string | null>;
  /** A task mail: each person's mail carries a decision link of their own to it (libs/domain/mail/decision-links.ts), ending at the task's deadline. */
  decisionLink?: { taskId: string; expiresAt: string | null };
}

/** Emits mail.queued for each person it concerns who has mail on for this kind and an address; inside the caller's transaction. */
export async function queueMail(uow: UnitOfWork, q: QueueMail): Promise<number> {
  // Every task opened and every notification passes here: when nobody wants this kind by mail (mail off,
  // no addresses yet) one indexed look is all it costs, not a query per recipient.
  const [wanted]: { any: boolean }[] = await uow.manager.query(
    `SELECT EXISTS (SELECT 1 FROM notification_preferences WHERE mail_enabled AND email IS NOT NULL AND $1 = ANY(kinds)) AS any`,
    [q.kind],
  );
  if (!wanted?.any) return 0;
  const users = (await usersOf(uow.manager, q.recipients)).filter((u) => !q.excludedUserIds?.includes(u));
  if (users.length === 0) return 0;
  const wanting: { user_id: string; digest: MailDigest }[] = await uow.manager.query(
    `SELECT p.user_id::text AS user_id, p.digest FROM notification_preferences p
      WHERE p.user_id::text = ANY($1) AND p.mail_enabled AND p.email IS NOT NULL AND $2 = ANY(p.kinds)
        AND NOT EXISTS (SELECT 1 FROM mail_outbox o WHERE o.source_id = $3 AND o.recipient_user_id = p.user_id)
      ORDER BY p.user_id`,
    [users, q.kind, q.sourceId],
  );
  const notBefore = wanting.length && q.notBefore ? await q.notBefore(q.kind) : null;
  for (const { user_id: userId, digest } of wanting) {
    const outboxId = outboxIdOf(q.sourceId, userId);
    await uow.emit<MailQueued>({
      subject: `mail:${outboxId}`,
      type: MailEvents.queued,
      payload: { outboxId, sourceId: q.sourceId, userId, kind: q.kind, subject: q.subject, title: q.title, body: q.body, path: q.path, notBefore, digest },
      clauses: [],
    });
    if (q.decisionLink) await issueDecisionLink(uow, { outboxId, taskId: q.decisionLink.taskId, userId, expiresAt: q.decisionLink.expiresAt });
  }
  return wanting.length;
}

export const setNotificationPreferences = command(async (uow, p: NotificationPreferences): Promise<void> => {
  await uow.emit<NotificationPreferences>({ subject: `user:${p.userId}`, type: MailEvents.preferencesChanged, payload: p, clauses: [] });
}, { actor: (p) => p.userId });

export interface OutboxItem {
  id: string;
  kind: NotificationKind;
  title: LocalizedText;
  body: LocalizedText;
  path: string;
  /** The item's decision link (a task mail), whose token the send activity computes; null: the plain page link. */
  decisionLinkId: string | null;
}

/**
 * One mail with what sending it needs: the person's current address, language and name, and its items:
 * one for a single notification, every pending one of the person's for a digest.
 */
export interface OutboxMail {
  id: string;
  digest: boolean;
  items: OutboxItem[];
  email: string;
  locale: 'zh-CN' | 'en';
  displayName: string;
}

export type DeliveryOutcome = { sent: true; messageId: string } | { sent: false; error: string; responseCode: number | null };
export type DeliveryResult = 'sent' | 'already_sent' | 'failed' | 'cancelled' | 'unknown';

/**
 * Sends one outbox mail at most once. It runs as one idempotent command keyed by the outbox id: a second
 * call (a retried activity, a second workflow run after a rebuild, a concurrent duplicate) waits for the
 * first and returns its recorded result without sending. The row is locked, checked still pending and
 * still wanted, handed to `deliver` (SMTP), and mail.sent or mail.failed is recorded in the same
 * transaction. A transient error (4xx, the server unreachable) is thrown by `deliver`: the transaction
 * rolls back, nothing is recorded, and Temporal retries with back-off.
 *
 * The remaining at-least-once window: SMTP has no idempotent submission. If the server has answered 250
 * to the message and this process dies (or the commit fails) before mail.sent commits, the retry sends
 * it again. The window is kept to the time between the server's 250 and our commit (the event append and
 * one WAL flush, milliseconds): nothing else happens between them, the row is re-checked before every
 * send, and the Message-ID is derived from the outbox id, so the duplicate carries the same Message-ID
 * and mail clients and MTAs that de-duplicate by it show one.
 */
export async function deliverOutboxMail(events: EventStore, outboxId: string, attempt: number, deliver: (mail: OutboxMail) => Promise<DeliveryOutcome>): Promise<DeliveryResult> {
  return events.execute({ actor: { id: MAIL_ACTOR }, idempotencyKey: `mail:${outboxId}:delivery` }, async (uow) => {
    const [first]: { recipient: string; digest: MailDigest }[] = await uow.manager.query(`SELECT recipient_user_id::text AS recipient, digest FROM mail_outbox WHERE id = $1`, [outboxId]);
    if (!first) return 'unknown';
    // A digest takes every pending digest row of the person, locked in id order in one statement, so two
    // deliveries of the same person's rows queue behind each other instead of deadlocking; the later one
    // finds its row sent. A single mail locks its own row.
    const rows: any[] = await uow.manager.query(
      `SELECT o.id::text AS id, o.kind, o.status, o.created_at, o.title_en, o.title_zh, o.body_en, o.body_zh, o.path, u.display_name, u.locale, u.active,
              p.email, p.mail_enabled, p.kinds, (SELECT l.id::text FROM decision_links l WHERE l.outbox_id = o.id) AS decision_link_id
         FROM mail_outbox o JOIN users u ON u.id = o.recipient_user_id LEFT JOIN notification_preferences p ON p.user_id = o.recipient_user_id
        WHERE ${first.digest === 'off' ? 'o.id = $1' : `o.recipient_user_id::text = $2 AND o.digest <> 'off' AND (o.status = 'pending' OR o.id = $1)`}
        ORDER BY o.id FOR UPDATE OF o`,
      first.digest === 'off' ? [outboxId] : [outboxId, first.recipient],
    );
    const row = rows.find((r) => r.id === outboxId);
    if (row.status === 'sent') return 'already_sent';
    if (row.status !== 'pending') return row.status as DeliveryResult;
    const pending = rows.filter((r) => r.status === 'pending');
    const cancel = async (r: any, reason: string) => uow.emit<MailCancelled>({ subject: `mail:${r.id}`, type: MailEvents.cancelled, payload: { outboxId: r.id, reason }, clauses: [] });
    const reason = !row.active ? 'the person is no longer active' : !row.email ? 'no mail address' : !row.mail_enabled ? 'mail turned off' : null;
    if (reason) {
      for (const r of pending) await cancel(r, reason);
      return 'cancelled';
    }
    const wanted = [];
    for (const r of pending) {
      if (r.kinds.includes(r.kind)) wanted.push(r);
      else await cancel(r, `mail for ${r.kind} turned off`);
    }
    if (!wanted.some((r) => r.id === outboxId)) return 'cancelled';
    const outcome = await deliver({
      id: outboxId, digest: first.digest !== 'off', email: row.email, locale: row.locale, displayName: row.display_name,
      items: [...wanted].sort((a, b) => +a.created_at - +b.created_at || (a.id < b.id ? -1 : 1)).map((r) => ({ id: r.id, kind: r.kind, title: { en: r.title_en, zh: r.title_zh }, body: { en: r.body_en, zh: r.body_zh }, path: r.path, decisionLinkId: r.decision_link_id ?? null })),
    });
    for (const r of wanted) {
      if (outcome.sent) await uow.emit<MailSent>({ subject: `mail:${r.id}`, type: MailEvents.sent, payload: { outboxId: r.id, messageId: outcome.messageId, attempt }, clauses: [] });
      else await uow.emit<MailFailed>({ subject: `mail:${r.id}`, type: MailEvents.failed, payload: { outboxId: r.id, error: outcome.error, responseCode: outcome.responseCode, attempt }, clauses: [] });
    }
    return outcome.sent ? 'sent' : 'failed';
  });
}

/** A try failed and Temporal will retry it: kept for the administrators' view (operational, not an event). */
export async function recordMailAttemptFailed(events: EventStore, outboxId: string, error: string): Promise<void> {
  await events.dataSource.query(
    `INSERT INTO mail_relay (outbox_id, attempts, last_error, last_attempt_at) VALUES ($1, 1, $2, now())
     ON CONFLICT (outbox_id) DO UPDATE SET attempts = mail_relay.attempts + 1, last_error = EXCLUDED.last_error, last_attempt_at = now()`,
    [outboxId, error.slice(0, 500)],
  );
}

/**
 * A row handed over this long ago and still pending is handed over again: its workflow may have been
 * terminated or lost with its namespace. A delivery still retrying keeps its id, so the start is refused
 * and nothing changes; a finished one has recorded the row (sent, failed, cancelled) and is not picked.
 */
export const RELAY_AGAIN_AFTER = '6 hours';

/**
 * The relay: claims up to `limit` pending rows that are due and not handed over yet, skipping rows another
 * replica holds (FOR UPDATE SKIP LOCKED), hands each to `start` (which starts the workflow `mail:<id>`;
 * Temporal refuses a second one with that id while it runs, so a row handed over twice is sent once), and
 * marks them handed over, all in one transaction: a crash before the commit leaves them for the next
 * tick. Returns the ids handed over.
 */
export async function relayPendingMail(events: EventStore, limit: number, window: RelayWindow, start: (outboxId: string) => Promise<void>): Promise<string[]> {
  return events.dataSource.transaction(async (m) => {
    // Due: single mails at once (reminders and escalations not in quiet hours); a digest row once its
    // period is over (and not in quiet hours). A digest sends every pending row of the person at once.
    const rows: { id: string }[] = await m.query(
      `SELECT o.id::text AS id FROM mail_outbox o
        WHERE o.status = 'pending' AND o.not_before <= now()
          AND NOT EXISTS (SELECT 1 FROM mail_relay r WHERE r.outbox_id = o.id AND r.relayed_at > now() - $6::interval)
          AND CASE o.digest WHEN 'off' THEN true WHEN 'hourly' THEN o.created_at < $2 ELSE o.created_at < $3 END
          AND NOT ($4 AND (o.kind = ANY($5) OR o.digest <> 'off'))
        ORDER BY o.not_before, o.id LIMIT $1 FOR UPDATE OF o SKIP LOCKED`,
      [limit, window.hourCutoff, window.dayCutoff, window.quiet, [...QUIET_KINDS], RELAY_AGAIN_AFTER],
    );
    for (const r of rows) await start(r.id);
    if (rows.length) {
      await m.query(
        `INSERT INTO mail_relay (outbox_id, relayed_at) SELECT unnest($1::uuid[]), now()
         ON CONFLICT (outbox_id) DO UPDATE SET relayed_at = now()`,
        [rows.map((r) => r.id)],
      );
    }
    return rows.map((r) => r.id);
  });
}

export const mailProjector: Projector = {
  name: 'mail',
  tables: ['mail_outbox', 'notification_preferences'],
  handlers: {
    [MailEvents.queued]: async (m, e) => {
      const p = e.payload as MailQueued;
      await m.query(
        `INSERT INTO mail_outbox (id, source_id, recipient_user_id, kind, subject, title_en, title_zh, body_en, body_zh, path, digest, status, not_before, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', $12, $13)`,
        [p.outboxId, p.sourceId, p.userId, p.kind, p.subject, p.title.en, p.title.zh, p.body.en, p.body.zh, p.path, p.digest ?? 'off', p.notBefore ?? e.occurredAt, e.occurredAt],
      );
    },
    [MailEvents.sent]: async (m, e) => {
      const p = e.payload as MailSent;
      await m.query(`UPDATE mail_outbox SET status = 'sent', sent_at = $2, message_id = $3 WHERE id = $1`, [p.outboxId, e.occurredAt, p.messageId]);
    },
    [MailEvents.failed]: async (m, e) => {
      const p = e.payload as MailFailed;
      await m.query(`UPDATE mail_outbox SET status = 'failed', failed_at = $2, error = $3 WHERE id = $1`, [p.outboxId, e.occurredAt, p.error]);
    },
    [MailEvents.cancelled]: async (m, e) => {
      const p = e.payload as MailCancelled;
      await m.query(`UPDATE mail_outbox SET status = 'cancelled', error = $2 WHERE id = $1`, [p.outboxId, p.reason]);
    },
    [MailEvents.preferencesChanged]: async (m, e) => {
      const p = e.payload as NotificationPreferences;
      await m.query(
        `INSERT INTO notification_preferences (user_id, email, mail_enabled, kinds, digest, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, mail_enabled = EXCLUDED.mail_enabled, kinds = EXCLUDED.kinds, digest = EXCLUDED.digest, updated_at = EXCLUDED.updated_at`,
        [p.userId, p.email, p.mailEnabled, p.kinds, p.digest, e.occurredAt],
      );
    },
  },
};
