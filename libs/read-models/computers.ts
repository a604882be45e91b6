import type { Db } from '../db/sql.js';
import { COMPUTER_CHECKS, COMPUTER_RECHECK_DAYS, type ComputerCheck } from '../policy/computers.js';

/** A USB unlock or Internet grant in force on a computer (INF-6). */
export interface ComputerGrantView {
  grantId: string;
  requestId: string;
  kind: string;
  expiresAt: string;
  enabledBy: string;
  /** Who holds it. */
  holderUserId: string;
  holderName: string | null;
  /** The request named this computer (else: the grant of the person at it, on no named computer). */
  named: boolean;
}

export interface ComputerView {
  tag: string;
  room: string;
  assignedUser: { userId: string; displayName: string } | null;
  checks: { check: ComputerCheck; ok: boolean | null; note: string | null; checkedBy: string | null; checkedByName: string | null; checkedAt: string | null }[];
  /** A check never done, or one that found the lock missing. */
  flagged: boolean;
  /** A check older than COMPUTER_RECHECK_DAYS (or never done): the locks are to be checked again. */
  recheckDue: boolean;
  /**
   * INF-6: the active USB unlock or Internet grants on this computer: those whose request named it, and
   * those of the person who uses it that named no computer.
   */
  grants: ComputerGrantView[];
}

const DAY_MS = 86_400_000;

/** The inventory (INF-6): every computer, each check with who and when, and the lifts in force on it. */
export async function listComputers(db: Db): Promise<ComputerView[]> {
  const computers: { tag: string; room: string; user_id: string | null; user_name: string | null }[] = await db.query(
    `SELECT c.tag, c.room, c.assigned_user_id::text AS user_id, u.display_name AS user_name FROM computers c LEFT JOIN users u ON u.id = c.assigned_user_id ORDER BY c.tag`,
  );
  const checks: { tag: string; check_kind: ComputerCheck; ok: boolean; note: string | null; checked_by: string; name: string | null; checked_at: Date }[] = await db.query(
    `SELECT k.tag, k.check_kind, k.ok, k.note, k.checked_by, u.display_name AS name, k.checked_at FROM computer_checks k LEFT JOIN users u ON u.id::text = k.checked_by`,
  );
  const grants: { id: string; request_id: string; kind: string; holder_user_id: string; holder_name: string | null; expires_at: Date; enabled_by: string; computer_tag: string | null }[] = await db.query(
    `SELECT g.id::text, g.request_id::text, g.kind, g.holder_user_id, u.display_name AS holder_name, g.expires_at, g.enabled_by, ar.computer_tag
       FROM grants g LEFT JOIN access_requests ar ON ar.id = g.request_id LEFT JOIN users u ON u.id::text = g.holder_user_id
      WHERE g.status = 'active' AND g.kind IN ('usb_media', 'external_network')`,
  );
  const now = Date.now();
  return computers.map((c) => {
    const mine = COMPUTER_CHECKS.map((check) => {
      const k = checks.find((x) => x.tag === c.tag && x.check_kind === check);
      return { check, ok: k?.ok ?? null, note: k?.note ?? null, checkedBy: k?.checked_by ?? null, checkedByName: k?.name ?? null, checkedAt: k ? new Date(k.checked_at).toISOString() : null };
    });
    const on = grants.filter((g) => g.computer_tag === c.tag || (g.computer_tag === null && c.user_id !== null && g.holder_user_id === c.user_id));
    return {
      tag: c.tag, room: c.room, assignedUser: c.user_id ? { userId: c.user_id, displayName: c.user_name ?? c.user_id } : null, checks: mine, flagged: mine.some((k) => k.ok !== true),
      recheckDue: mine.some((k) => k.checkedAt === null || now - Date.parse(k.checkedAt) > COMPUTER_RECHECK_DAYS * DAY_MS),
      grants: on.map((g) => ({
        grantId: g.id, requestId: g.request_id, kind: g.kind, expiresAt: new Date(g.expires_at).toISOString(), enabledBy: g.enabled_by,
        holderUserId: g.holder_user_id, holderName: g.holder_name, named: g.computer_tag === c.tag,
      })),
    };
  });
}

/** Whether a computer is in the inventory (an access request naming it is checked against this). */
export async function computerExists(db: Db, tag: string): Promise<boolean> {
  const [row] = await db.query(`SELECT 1 FROM computers WHERE tag = $1`, [tag]);
  return !!row;
}

/** One entry of a computer's history: a registration or a check, with who and when (from the event log). */
export interface ComputerHistoryEntry {
  type: 'computer.registered' | 'computer.checked';
  at: string;
  by: string;
  byName: string | null;
  room: string | null;
  assignedUserId: string | null;
  check: ComputerCheck | null;
  ok: boolean | null;
  note: string | null;
}

/** A computer's history, newest first: every registration and check as recorded in the event log (INF-6). Null: not in the inventory. */
export async function computerHistory(db: Db, tag: string, limit = 200): Promise<ComputerHistoryEntry[] | null> {
  if (!(await computerExists(db, tag))) return null;
  const rows: { type: ComputerHistoryEntry['type']; occurred_at: Date; actor: string; name: string | null; payload: Record<string, unknown> }[] = await db.query(
    `SELECT e.type, e.occurred_at, e.actor, u.display_name AS name, e.payload FROM event_log e LEFT JOIN users u ON u.id::text = e.actor
      WHERE e.subject = $1 ORDER BY e.seq DESC LIMIT $2`,
    [`computer:${tag}`, limit],
  );
  return rows.map((r) => ({
    type: r.type, at: new Date(r.occurred_at).toISOString(), by: r.actor, byName: r.name,
    room: (r.payload.room as string | undefined) ?? null, assignedUserId: (r.payload.assignedUserId as string | null | undefined) ?? null,
    check: (r.payload.check as ComputerCheck | undefined) ?? null, ok: typeof r.payload.ok === 'boolean' ? r.payload.ok : null, note: (r.payload.note as string | null | undefined) ?? null,
  }));
}
