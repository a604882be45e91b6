import type { Db } from '../db/sql.js';
import type { MediaItemState, MediaKind, MediaLoanState, OpenLoan } from '../policy/media.js';

/** A loan as the register shows it (INF-6): who, by whom, when, why, its return, virus check and quarantine. */
export interface MediaLoanView {
  loanId: string;
  itemId: string;
  label: string;
  kind: MediaKind;
  room: string;
  borrowerUserId: string;
  borrowerName: string;
  lentBy: string;
  lentByName: string | null;
  lentAt: string;
  dueAt: string;
  purpose: string;
  state: MediaLoanState;
  /** Still out past its due time. */
  overdue: boolean;
  /** When the loan's workflow flagged it overdue and told the people concerned. */
  overdueFlaggedAt: string | null;
  returnedBy: string | null;
  returnedByName: string | null;
  returnedAt: string | null;
  returnNote: string | null;
  virusResult: 'clean' | 'infected' | null;
  virusCheckedBy: string | null;
  virusCheckedByName: string | null;
  virusCheckedAt: string | null;
  disposition: 'cleaned' | 'destroyed' | 'withdrawn' | null;
  disposedBy: string | null;
  disposedByName: string | null;
  disposedAt: string | null;
  disposalNote: string | null;
  closedAt: string | null;
  workflowId: string;
  /**
   * The step the loan waits for now, with its task when a person has one: the virus check or the quarantine
   * disposal (IT's, shown first while open), then security's quarantine review (INF-6).
   */
  openTask: { taskId: string; step: string } | null;
}

export interface MediaItemView {
  itemId: string;
  label: string;
  kind: MediaKind;
  room: string;
  state: MediaItemState;
  registeredBy: string;
  registeredAt: string;
  /** The loan not yet closed, if any. */
  openLoanId: string | null;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

const LOAN_SQL = `
  SELECT l.*, l.id::text AS loan_id, l.item_id::text AS item, l.borrower_user_id::text AS borrower, i.label, i.kind, i.room,
         b.display_name AS borrower_name, lb.display_name AS lent_by_name, rb.display_name AS returned_by_name,
         vb.display_name AS virus_checked_by_name, db.display_name AS disposed_by_name, (l.state = 'out' AND l.due_at < now()) AS is_overdue,
         t.id::text AS task_id, t.step AS task_step
    FROM media_loans l
    JOIN media_items i ON i.id = l.item_id
    LEFT JOIN users b ON b.id = l.borrower_user_id
    LEFT JOIN users lb ON lb.id::text = l.lent_by
    LEFT JOIN users rb ON rb.id::text = l.returned_by
    LEFT JOIN users vb ON vb.id::text = l.virus_checked_by
    LEFT JOIN users db ON db.id::text = l.disposed_by
    LEFT JOIN LATERAL (SELECT id, step FROM tasks WHERE workflow_id = l.workflow_id AND status = 'open' ORDER BY (step = 'quarantine_review'), created_at DESC LIMIT 1) t ON true`;

const toLoan = (r: any): MediaLoanView => ({
  loanId: r.loan_id, itemId: r.item, label: r.label, kind: r.kind, room: r.room, borrowerUserId: r.borrower, borrowerName: r.borrower_name ?? r.borrower,
  lentBy: r.lent_by, lentByName: r.lent_by_name, lentAt: iso(r.lent_at)!, dueAt: iso(r.due_at)!, purpose: r.purpose, state: r.state,
  overdue: r.is_overdue, overdueFlaggedAt: iso(r.overdue_at), returnedBy: r.returned_by, returnedByName: r.returned_by_name, returnedAt: iso(r.returned_at),
  returnNote: r.return_note, virusResult: r.virus_result, virusCheckedBy: r.virus_checked_by, virusCheckedByName: r.virus_checked_by_name,
  virusCheckedAt: iso(r.virus_checked_at), disposition: r.disposition, disposedBy: r.disposed_by, disposedByName: r.disposed_by_name,
  disposedAt: iso(r.disposed_at), disposalNote: r.disposal_note, closedAt: iso(r.closed_at), workflowId: r.workflow_id,
  openTask: r.task_id ? { taskId: r.task_id, step: r.task_step } : null,
});

/** Every item of the register, by label, with its open loan. */
export async function mediaItems(db: Db): Promise<MediaItemView[]> {
  const rows = await db.query(
    `SELECT i.id::text AS id, i.label, i.kind, i.room, i.state, i.registered_by, i.registered_at, l.id::text AS loan
       FROM media_items i LEFT JOIN media_loans l ON l.item_id = i.id AND l.state <> 'closed' ORDER BY lower(i.label)`,
  );
  return rows.map((r: any) => ({ itemId: r.id, label: r.label, kind: r.kind, room: r.room, state: r.state, registeredBy: r.registered_by, registeredAt: iso(r.registered_at)!, openLoanId: r.loan }));
}

/** Loans: the open ones (overdue first, then by due time), then the latest closed ones. */
export async function mediaLoans(db: Db, limit = 200): Promise<MediaLoanView[]> {
  const rows = await db.query(`${LOAN_SQL} ORDER BY (l.state = 'closed'), (l.state = 'out' AND l.due_at < now()) DESC, CASE WHEN l.state = 'closed' THEN NULL ELSE l.due_at END, l.closed_at DESC NULLS LAST LIMIT $1`, [limit]);
  return rows.map(toLoan);
}

export async function findMediaLoan(db: Db, loanId: string): Promise<MediaLoanView | null> {
  const [row] = await db.query(`${LOAN_SQL} WHERE l.id = $1`, [loanId]);
  return row ? toLoan(row) : null;
}

export async function findMediaItem(db: Db, itemId: string): Promise<{ itemId: string; state: MediaItemState } | null> {
  const [row] = await db.query(`SELECT id::text AS "itemId", state FROM media_items WHERE id = $1`, [itemId]);
  return row ?? null;
}

/** INF-13: the loans a person still has open (out, being checked or quarantined), oldest first. */
export async function openLoansOf(db: Db, borrowerUserId: string): Promise<OpenLoan[]> {
  const rows = await db.query(
    `SELECT l.id::text AS "loanId", i.label, i.kind, l.state, l.workflow_id AS "workflowId"
       FROM media_loans l JOIN media_items i ON i.id = l.item_id
      WHERE l.borrower_user_id::text = $1 AND l.state <> 'closed' ORDER BY l.lent_at, l.id`,
    [borrowerUserId],
  );
  return rows;
}
