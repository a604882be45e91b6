import type { Db } from '../db/sql.js';
import { COMPUTER_CHECKS, type ComputerCheck } from '../policy/computers.js';

export interface ComputerView {
  tag: string;
  room: string;
  assignedUser: { userId: string; displayName: string } | null;
  checks: { check: ComputerCheck; ok: boolean | null; note: string | null; checkedBy: string | null; checkedByName: string | null; checkedAt: string | null }[];
  /** A check never done, or one that found the lock missing. */
  flagged: boolean;
  /** INF-6: the active USB unlock or Internet grant of the person who uses this computer. */
  grants: { grantId: string; requestId: string; kind: string; expiresAt: string; enabledBy: string }[];
}

/** The inventory (INF-6): every computer, each check with who and when, and the lifts in force on it. */
export async function listComputers(db: Db): Promise<ComputerView[]> {
  const computers: { tag: string; room: string; user_id: string | null; user_name: string | null }[] = await db.query(
    `SELECT c.tag, c.room, c.assigned_user_id::text AS user_id, u.display_name AS user_name FROM computers c LEFT JOIN users u ON u.id = c.assigned_user_id ORDER BY c.tag`,
  );
  const checks: { tag: string; check_kind: ComputerCheck; ok: boolean; note: string | null; checked_by: string; name: string | null; checked_at: Date }[] = await db.query(
    `SELECT k.tag, k.check_kind, k.ok, k.note, k.checked_by, u.display_name AS name, k.checked_at FROM computer_checks k LEFT JOIN users u ON u.id::text = k.checked_by`,
  );
  const grants: { id: string; request_id: string; kind: string; holder_user_id: string; expires_at: Date; enabled_by: string }[] = await db.query(
    `SELECT id::text, request_id::text, kind, holder_user_id, expires_at, enabled_by FROM grants WHERE status = 'active' AND kind IN ('usb_media', 'external_network')`,
  );
  return computers.map((c) => {
    const mine = COMPUTER_CHECKS.map((check) => {
      const k = checks.find((x) => x.tag === c.tag && x.check_kind === check);
      return { check, ok: k?.ok ?? null, note: k?.note ?? null, checkedBy: k?.checked_by ?? null, checkedByName: k?.name ?? null, checkedAt: k ? new Date(k.checked_at).toISOString() : null };
    });
    return {
      tag: c.tag, room: c.room, assignedUser: c.user_id ? { userId: c.user_id, displayName: c.user_name ?? c.user_id } : null, checks: mine, flagged: mine.some((k) => k.ok !== true),
      grants: c.user_id ? grants.filter((g) => g.holder_user_id === c.user_id).map((g) => ({ grantId: g.id, requestId: g.request_id, kind: g.kind, expiresAt: new Date(g.expires_at).toISOString(), enabledBy: g.enabled_by })) : [],
    };
  });
}
