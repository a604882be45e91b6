import { randomUUID } from 'node:crypto';
import type { NotificationKind, NotificationRequest } from '../../policy/index.js';
import { notificationKindOf, webPathOf } from '../../policy/mail.js';
import { command } from '../command.js';
import type { UnitOfWork } from '../events/event-store.js';
import type { Projector } from '../events/projector.js';
import { queueMail } from '../mail/mail.js';

export const NOTIFICATION_SENT = 'notification.sent';
/** A recipient has read a notification (per user: a role's notification is read by each holder alone). */
export const NOTIFICATION_READ = 'notification.read';

export interface NotificationRead {
  notificationId: string;
  userId: string;
}

interface SentPayload extends NotificationRequest {
  /** One id per recipient, generated here so a rebuild recreates the same rows. */
  ids: string[];
}

/**
 * Emits one notification event for all recipients, inside the caller's transaction. A message serves no
 * clause by itself: the event that caused it (a task, a grant's end) names the rule. In the same
 * transaction, the people it concerns who want it by mail get a mail-outbox row each (libs/domain/mail).
 */
export async function sendNotification(uow: UnitOfWork, n: NotificationRequest, kind: NotificationKind = notificationKindOf(n.title)): Promise<void> {
  const e = await uow.emit<SentPayload>({ subject: n.subject, type: NOTIFICATION_SENT, payload: { ...n, ids: n.recipients.map(() => randomUUID()) }, clauses: [] });
  await queueMail(uow, { sourceId: `notification:${e.eventId}`, subject: n.subject, kind, title: n.title, body: n.body, path: webPathOf(n.subject), recipients: n.recipients });
}

/**
 * Marks a notification read for one user; reading it again changes nothing (no second event). The
 * caller has checked that the notification is the user's (the read model's recipient rule). The reader
 * is the actor.
 */
export const markNotificationRead = command(async (uow, { userId, notificationId }: { userId: string; notificationId: string }): Promise<void> => {
  const [done] = await uow.manager.query(`SELECT 1 FROM notification_reads WHERE notification_id = $1 AND user_id = $2`, [notificationId, userId]);
  if (!done) await uow.emit<NotificationRead>({ subject: `notification:${notificationId}`, type: NOTIFICATION_READ, payload: { notificationId, userId }, clauses: [] });
}, { actor: (i) => i.userId });

export const notificationsProjector: Projector = {
  name: 'notifications',
  tables: ['notification_reads', 'notifications'],
  handlers: {
    [NOTIFICATION_SENT]: async (m, e) => {
      const p = e.payload as SentPayload;
      for (const [i, r] of p.recipients.entries()) {
        const byUser = 'userId' in r;
        await m.query(
          `INSERT INTO notifications (id, subject, recipient_user_id, recipient_role, recipient_department_id, title_en, title_zh, body_en, body_zh, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [p.ids[i], p.subject, byUser ? r.userId : null, byUser ? null : r.role, byUser ? null : r.departmentId, p.title.en, p.title.zh, p.body.en, p.body.zh, e.occurredAt],
        );
      }
    },
    [NOTIFICATION_READ]: async (m, e) => {
      const p = e.payload as NotificationRead;
      await m.query(`INSERT INTO notification_reads (notification_id, user_id, read_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [p.notificationId, p.userId, e.occurredAt]);
    },
  },
};
