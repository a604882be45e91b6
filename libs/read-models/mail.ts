import type { Db } from '../db/sql.js';
import { DEFAULT_PREFERENCES, type NotificationPreferences } from '../domain/mail/mail.js';
import { pageWindow, type Page, type PageRequest } from './paging.js';

/** A person's mail preferences; the defaults (no address, so no mail) until they choose. */
export async function preferencesOf(db: Db, userId: string): Promise<NotificationPreferences> {
  const [r] = await db.query(`SELECT email, mail_enabled, kinds, digest FROM notification_preferences WHERE user_id::text = $1`, [userId]);
  return r ? { userId, email: r.email, mailEnabled: r.mail_enabled, kinds: r.kinds, digest: r.digest } : { userId, ...DEFAULT_PREFERENCES };
}

export interface MailFailureRow {
  id: string;
  recipientUserId: string;
  recipientUsername: string;
  kind: string;
  subject: string;
  error: string | null;
  createdAt: Date;
  failedAt: Date;
}

/**
 * Mail the SMTP server refused for good (5xx, an address it will not take), newest first, for the
 * administrators. Shows whose and what kind, and the server's answer; never the address or the content.
 */
export async function listMailFailures(db: Db, p: PageRequest): Promise<Page<MailFailureRow>> {
  const { page, pageSize, offset } = pageWindow(p);
  const [{ total }] = await db.query(`SELECT count(*)::int AS total FROM mail_outbox WHERE status = 'failed'`);
  const items = await db.query(
    `SELECT o.id::text AS "id", o.recipient_user_id::text AS "recipientUserId", u.username AS "recipientUsername", o.kind, o.subject, o.error,
            o.created_at AS "createdAt", o.failed_at AS "failedAt"
       FROM mail_outbox o JOIN users u ON u.id = o.recipient_user_id
      WHERE o.status = 'failed' ORDER BY o.failed_at DESC, o.id LIMIT $1 OFFSET $2`,
    [pageSize, offset],
  );
  return { items, total, page, pageSize };
}
