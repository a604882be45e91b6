import type { Db } from '../db/sql.js';
import { eventHash, GENESIS_HASH } from '../domain/events/canonical.js';
import { rowToStored, STORED_COLUMNS, type ChainBreak, type StoredRow } from '../domain/events/verify.js';

/**
 * What a call center must watch, read from the read models at scrape time (README "Metrics"). Every
 * query reads only rows that are still open (a partial index each: tasks_open_inbox_idx,
 * grants_active_kind_idx, grants_removal_pending_idx, duty_occurrences_open_due_idx, the small
 * webhook_attempts table), so its cost grows with the work in flight, not with history. No label
 * carries a person, an id or free text: processes, steps, kinds and duties come from the policy.
 */
export interface OperationsSnapshot {
  /** Open tasks by process, step and how long they have been open. */
  openTasks: { process: string; step: string; age: TaskAge; count: number }[];
  /** Open tasks past their due time (escalated) and past their deadline (the workflow should have closed them). */
  tasksPastDue: { process: string; step: string; pastDue: number; pastDeadline: number }[];
  /** Active grants by kind, and those already past their expiry (their workflow has not ended them). */
  grants: { kind: string; active: number; expiredStillActive: number }[];
  /** Ended grants whose removal is not confirmed (SYS-1, SYS-5): how many, the oldest's age, failed attempts. */
  removalsPending: { kind: string; enforcedBy: string; count: number; oldestSeconds: number; failedAttempts: number }[];
  /** Webhook deliveries Temporal is still retrying, with their failed attempts so far. */
  webhookRetries: { kind: string; eventType: string; count: number; failedAttempts: number }[];
  /** Duty occurrences open (or open and late) past their due time (EQ-6). */
  dutiesOverdue: { dutyId: string; state: string; count: number }[];
}

export const TASK_AGES = ['lt_1h', '1h_to_1d', '1d_to_7d', 'ge_7d'] as const;
export type TaskAge = (typeof TASK_AGES)[number];

export async function operationsSnapshot(db: Db): Promise<OperationsSnapshot> {
  const [openTasks, tasksPastDue, grants, removalsPending, webhookRetries, dutiesOverdue] = await Promise.all([
    db.query(
      `SELECT process, step,
              CASE WHEN created_at > now() - interval '1 hour' THEN 'lt_1h'
                   WHEN created_at > now() - interval '1 day' THEN '1h_to_1d'
                   WHEN created_at > now() - interval '7 days' THEN '1d_to_7d'
                   ELSE 'ge_7d' END AS age,
              count(*)::int AS count
         FROM tasks WHERE status = 'open' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    ),
    db.query(
      `SELECT process, step, count(*) FILTER (WHERE due_at < now())::int AS "pastDue", count(*) FILTER (WHERE deadline_at < now())::int AS "pastDeadline"
         FROM tasks WHERE status = 'open' GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
    db.query(
      `SELECT kind, count(*)::int AS active, count(*) FILTER (WHERE expires_at < now())::int AS "expiredStillActive"
         FROM grants WHERE status = 'active' GROUP BY 1 ORDER BY 1`,
    ),
    db.query(
      `SELECT g.kind, g.enforced_by AS "enforcedBy", count(*)::int AS count,
              coalesce(extract(epoch FROM now() - min(g.ended_at)), 0)::float8 AS "oldestSeconds",
              coalesce(sum(s.attempts), 0)::int AS "failedAttempts"
         FROM grants g LEFT JOIN grant_removal_status s ON s.grant_id = g.id
        WHERE g.status = 'ended' AND g.enforced_by IS NOT NULL AND g.deprovisioned_at IS NULL
        GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
    db.query(
      `SELECT kind, event_type AS "eventType", count(*)::int AS count, coalesce(sum(attempts), 0)::int AS "failedAttempts"
         FROM webhook_attempts GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
    db.query(
      `SELECT duty_id AS "dutyId", state, count(*)::int AS count
         FROM duty_occurrences WHERE state IN ('open', 'late') AND due_at < now() GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
  ]);
  return { openTasks, tasksPastDue, grants, removalsPending, webhookRetries, dutiesOverdue };
}

export interface ChainWatchStatus {
  /** False once a walk found a broken link; true again only after a later walk of the whole log found none. */
  ok: boolean;
  /** Where the current walk stands (the last seq verified intact), and the log's last seq. */
  verifiedSeq: number;
  lastSeq: number;
  /** When a walk last reached the end of the log (ms since the epoch), if one has. */
  lastFullPassAt: number | null;
  brokenAt: { seq: number; reason: ChainBreak } | null;
}

/**
 * The audit chain's verification (INF-9) spread over scrapes: each step checks at most `budget` events
 * where the previous one stopped, and a walk that reaches the end starts again from the first event, so
 * the whole log is verified over and over, at a bounded cost per scrape. A full `npm run cli --
 * audit:verify` says the same at once; this one makes a break an alert without anybody running it.
 */
export class ChainWatch {
  private nextSeq = 1;
  private prevHash = GENESIS_HASH;
  private status: ChainWatchStatus = { ok: true, verifiedSeq: 0, lastSeq: 0, lastFullPassAt: null, brokenAt: null };
  private running: Promise<ChainWatchStatus> | undefined;

  constructor(private readonly budget = 5000) {}

  /** Concurrent scrapes share one step. */
  step(db: Db): Promise<ChainWatchStatus> {
    this.running ??= this.walk(db).finally(() => (this.running = undefined));
    return this.running;
  }

  private async walk(db: Db): Promise<ChainWatchStatus> {
    const [{ last }] = await db.query(`SELECT coalesce(max(seq), 0)::text AS last FROM event_log`);
    const rows: StoredRow[] = await db.query(`SELECT ${STORED_COLUMNS} FROM event_log WHERE seq >= $1 ORDER BY seq LIMIT $2`, [this.nextSeq, this.budget]);
    const restart = (broken: ChainWatchStatus['brokenAt']) => {
      this.status = { ...this.status, ok: !broken, brokenAt: broken, lastFullPassAt: broken ? this.status.lastFullPassAt : Date.now() };
      this.nextSeq = 1;
      this.prevHash = GENESIS_HASH;
    };
    for (const r of rows) {
      const e = rowToStored(r);
      const reason: ChainBreak | undefined = e.seq !== this.nextSeq ? 'sequence_gap' : e.prevHash !== this.prevHash ? 'prev_hash_mismatch' : eventHash(e) !== e.hash ? 'hash_mismatch' : undefined;
      if (reason) {
        restart({ seq: reason === 'sequence_gap' ? this.nextSeq : e.seq, reason });
        return { ...this.status, verifiedSeq: 0, lastSeq: Number(last) };
      }
      this.prevHash = e.hash;
      this.nextSeq += 1;
    }
    const verifiedSeq = this.nextSeq - 1;
    if (rows.length < this.budget) restart(null); // reached the end: this walk found nothing broken
    return { ...this.status, verifiedSeq, lastSeq: Number(last) };
  }
}
