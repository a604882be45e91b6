import type { Db } from '../db/sql.js';

/** An ended grant whose removal is not confirmed yet, with the last failed attempt (SYS-1, SYS-5). */
export interface RemovalPendingRow {
  grantId: string;
  requestId: string;
  kind: string;
  holderUserId: string;
  enforcedBy: 'directory' | 'webhook' | 'manual';
  group: string | null;
  entry: string | null;
  endedAt: Date;
  /** Null before the first failed attempt (no status row yet). */
  attempts: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
}

export interface DriftRow {
  id: string;
  group: string;
  entry: string;
  direction: string;
  grantId: string | null;
  corrected: boolean;
  seenAt: Date;
  seenBy: string;
}

/** Ended grants a directory, webhook receiver or IT has not confirmed removed yet, oldest first (at most 200). */
export async function removalsPending(db: Db): Promise<RemovalPendingRow[]> {
  return db.query(
    `SELECT g.id AS "grantId", g.request_id AS "requestId", g.kind, g.holder_user_id AS "holderUserId", g.enforced_by AS "enforcedBy", g.enforced_group AS "group", g.enforced_entry AS "entry",
            g.ended_at AS "endedAt", s.attempts, s.last_error AS "lastError", s.last_attempt_at AS "lastAttemptAt"
       FROM grants g LEFT JOIN grant_removal_status s ON s.grant_id = g.id
      WHERE g.status = 'ended' AND g.enforced_by IS NOT NULL AND g.deprovisioned_at IS NULL
      ORDER BY g.ended_at LIMIT 200`,
  );
}

/** Drift found by reconciliation, newest first (at most 200). */
export async function directoryDrift(db: Db): Promise<DriftRow[]> {
  return db.query(
    `SELECT id, group_dn AS "group", entry, direction, grant_id AS "grantId", corrected, seen_at AS "seenAt", seen_by AS "seenBy"
       FROM directory_drift ORDER BY seen_at DESC LIMIT 200`,
  );
}
