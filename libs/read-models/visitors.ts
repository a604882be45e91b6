import type { Db } from '../db/sql.js';
import { isCalendarDate } from '../policy/calendar.js';
import { invalid } from '../policy/errors.js';
import type { VisitorArea, VisitorDocumentType } from '../policy/visitors.js';

/** A visit as the register keeps it: the name and the document number sealed (null once purged). */
export interface VisitRow {
  id: string;
  nameSealed: string | null;
  documentType: VisitorDocumentType;
  documentMasked: string;
  documentSealed: string | null;
  organisation: string;
  purpose: string;
  hostUserId: string;
  hostName: string | null;
  area: VisitorArea;
  escortUserId: string | null;
  escortName: string | null;
  badge: string;
  registeredBy: string;
  checkedInAt: Date;
  checkedOutAt: Date | null;
  purgedAt: Date | null;
  /** The visit's wrapped data key; null once purged. */
  wrappedKey: string | null;
}

export interface VisitFilter {
  /** A local date (YYYY-MM-DD) in `timeZone`: visits that began that day. */
  date?: string;
  timeZone: string;
  hostUserId?: string;
  /** Part of the organisation's name, case-insensitive. */
  organisation?: string;
  /** Only those still inside (not checked out). */
  inside?: boolean;
  limit: number;
}

const SELECT = `
  SELECT v.id, v.name_sealed AS "nameSealed", v.document_type AS "documentType", v.document_masked AS "documentMasked",
         v.document_sealed AS "documentSealed", v.organisation, v.purpose, v.host_user_id AS "hostUserId", h.display_name AS "hostName",
         v.area, v.escort_user_id AS "escortUserId", e.display_name AS "escortName", v.badge, v.registered_by AS "registeredBy",
         v.checked_in_at AS "checkedInAt", v.checked_out_at AS "checkedOutAt", v.purged_at AS "purgedAt", k.wrapped_key AS "wrappedKey"
    FROM visits v
    LEFT JOIN users h ON h.id = v.host_user_id
    LEFT JOIN users e ON e.id = v.escort_user_id
    LEFT JOIN visitor_keys k ON k.visit_id = v.id`;

/** Visits matching the filter, newest first. */
export async function listVisits(db: Db, f: VisitFilter): Promise<VisitRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.date !== undefined) {
    if (!isCalendarDate(f.date)) throw invalid('date must be a real calendar date written YYYY-MM-DD, e.g. 2026-12-04', { fields: { date: ['format'] } });
    params.push(f.timeZone);
    add(`(v.checked_in_at AT TIME ZONE $${params.length})::date = ?::date`, f.date);
  }
  if (f.hostUserId) add('v.host_user_id = ?', f.hostUserId);
  if (f.organisation) add(`v.organisation ILIKE '%' || ? || '%'`, f.organisation.replace(/[\\%_]/g, (c) => `\\${c}`));
  if (f.inside) where.push('v.checked_out_at IS NULL');
  params.push(f.limit);
  return db.query(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY v.checked_in_at DESC, v.id LIMIT $${params.length}`, params);
}

export async function visitById(db: Db, id: string): Promise<VisitRow | null> {
  const [row]: VisitRow[] = await db.query(`${SELECT} WHERE v.id = $1`, [id]);
  return row ?? null;
}

/** Visits whose personal data is due for the purge: ended (or, never checked out, begun) before the cutoff. */
export async function visitsDueForPurge(db: Db, cutoff: Date, limit: number): Promise<string[]> {
  const rows: { id: string }[] = await db.query(
    `SELECT id FROM visits WHERE purged_at IS NULL AND coalesce(checked_out_at, checked_in_at) < $1 ORDER BY checked_in_at LIMIT $2`,
    [cutoff, limit],
  );
  return rows.map((r) => r.id);
}

export interface EscortRow {
  userId: string;
  displayName: string | null;
  designatedBy: string;
  designatedAt: Date;
}

export const designatedEscorts = (db: Db): Promise<EscortRow[]> =>
  db.query(
    `SELECT x.user_id AS "userId", u.display_name AS "displayName", x.designated_by AS "designatedBy", x.designated_at AS "designatedAt"
       FROM visitor_escorts x LEFT JOIN users u ON u.id = x.user_id ORDER BY u.display_name, x.user_id`,
  );

export interface StrangerIncidentRow {
  id: string;
  foundAt: Date;
  escortedOutAt: Date;
  reason: string;
  recordedBy: string;
  recordedAt: Date;
}

export const strangerIncidents = (db: Db, limit: number): Promise<StrangerIncidentRow[]> =>
  db.query(
    `SELECT id, found_at AS "foundAt", escorted_out_at AS "escortedOutAt", reason, recorded_by AS "recordedBy", recorded_at AS "recordedAt"
       FROM stranger_incidents ORDER BY found_at DESC LIMIT $1`,
    [limit],
  );

export interface HostRow {
  userId: string;
  username: string;
  displayName: string;
}

/** Everyone a visitor may come to see: the active users, by name (the desk picks the host from them). */
export const activeHosts = (db: Db, limit: number): Promise<HostRow[]> =>
  db.query(`SELECT id AS "userId", username, display_name AS "displayName" FROM users WHERE active ORDER BY display_name, username LIMIT $1`, [limit]);
