import type { Role } from '../policy/roles.js';
import { notFound } from '../policy/errors.js';
import { pageWindow, type Page, type PageRequest } from './paging.js';
import { Where, type Db } from '../db/sql.js';

/** Whose notifications these are: a user, with the roles and department that make role notifications theirs. */
export interface Recipient {
  userId: string;
  roles: Role[];
  departmentId: string | null;
  /** Every department the user works in or leads (a supervisor of two departments is told for both). */
  departmentIds?: string[];
}

export interface NotificationRow {
  id: string;
  subject: string;
  title_en: string;
  title_zh: string;
  body_en: string;
  body_zh: string;
  created_at: Date;
  read_at: Date | null;
}

/**
 * The object rule: a notification is mine when it names me, or names a role I hold (in my department
 * when it is scoped to one). Anything else is not found, never "forbidden" (its existence stays hidden).
 */
function mine(w: Where, r: Recipient): void {
  w.and(
    `n.recipient_user_id = ${w.p(r.userId)} OR (n.recipient_role = ANY(${w.p(r.roles)}::text[]) AND (n.recipient_department_id IS NULL OR n.recipient_department_id = ANY(${w.p(r.departmentIds ?? (r.departmentId ? [r.departmentId] : []))}::text[])))`,
  );
}

const select = (w: Where, userId: string) =>
  `SELECT n.id, n.subject, n.title_en, n.title_zh, n.body_en, n.body_zh, n.created_at, r.read_at
     FROM notifications n LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = ${w.p(userId)}`;

export interface NotificationFilter extends PageRequest {
  unread?: boolean;
}

/** My notifications, newest first; `unread` keeps those I have not read. Also counts all my unread ones. */
export async function listMyNotifications(db: Db, r: Recipient, f: NotificationFilter): Promise<Page<NotificationRow> & { unread: number }> {
  const w = new Where();
  const from = select(w, r.userId);
  mine(w, r);
  const all = `${from} ${w}`;
  const { page, pageSize, offset } = pageWindow(f);
  const filtered = f.unread ? `SELECT * FROM (${all}) x WHERE x.read_at IS NULL` : `SELECT * FROM (${all}) x`;
  const [{ total, unread }] = await db.query(
    `SELECT count(*) FILTER (WHERE ${f.unread ? 'x.read_at IS NULL' : 'true'})::int AS total, count(*) FILTER (WHERE x.read_at IS NULL)::int AS unread FROM (${all}) x`,
    w.params,
  );
  const items = await db.query(`${filtered} ORDER BY x.created_at DESC, x.id LIMIT ${w.p(pageSize)} OFFSET ${w.p(offset)}`, w.params);
  return { items, total, unread, page, pageSize };
}

export async function findMyNotification(db: Db, r: Recipient, id: string): Promise<NotificationRow> {
  const w = new Where();
  const from = select(w, r.userId);
  w.and(`n.id = ${w.p(id)}`);
  mine(w, r);
  const [row] = await db.query(`${from} ${w}`, w.params);
  if (!row) throw notFound('notification', id);
  return row;
}
