import type { Projector } from '../events/projector.js';
import type { ProjectedEvent } from '../events/types.js';
import { MediaEvent as E, type MediaDisposed, type MediaLendWithdrawn, type MediaLent, type MediaLoanOverdue, type MediaRegistered, type MediaReturned, type MediaVirusChecked } from './events.js';

/** The lending register (INF-6): items with their state, and each loan from lending to closing. */
export const mediaProjector: Projector = {
  name: 'media',
  tables: ['media_loans', 'media_items'],
  handlers: {
    [E.Registered]: async (m, e: ProjectedEvent<MediaRegistered>) => {
      const p = e.payload;
      await m.query(`INSERT INTO media_items (id, label, kind, room, state, registered_by, registered_at) VALUES ($1, $2, $3, $4, 'available', $5, $6)`, [
        p.itemId, p.label, p.kind, p.room, e.actor, new Date(e.occurredAt),
      ]);
    },
    [E.Lent]: async (m, e: ProjectedEvent<MediaLent>) => {
      const p = e.payload;
      await m.query(
        `INSERT INTO media_loans (id, item_id, borrower_user_id, lent_by, lent_at, due_at, purpose, workflow_id, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'out')`,
        [p.loanId, p.itemId, p.borrowerUserId, e.actor, new Date(e.occurredAt), p.dueAt, p.purpose, p.workflowId],
      );
      await m.query(`UPDATE media_items SET state = 'lent' WHERE id = $1`, [p.itemId]);
    },
    [E.LendWithdrawn]: async (m, e: ProjectedEvent<MediaLendWithdrawn>) => {
      const p = e.payload;
      await m.query(`UPDATE media_loans SET state = 'closed', disposition = 'withdrawn', disposal_note = $2, closed_at = $3 WHERE id = $1`, [p.loanId, p.reason, new Date(e.occurredAt)]);
      await m.query(`UPDATE media_items SET state = 'available' WHERE id = $1`, [p.itemId]);
    },
    [E.Overdue]: async (m, e: ProjectedEvent<MediaLoanOverdue>) => {
      await m.query(`UPDATE media_loans SET overdue_at = $2 WHERE id = $1`, [e.payload.loanId, new Date(e.occurredAt)]);
    },
    [E.Returned]: async (m, e: ProjectedEvent<MediaReturned>) => {
      const p = e.payload;
      await m.query(`UPDATE media_loans SET state = 'virus_check', returned_by = $2, returned_at = $3, return_note = $4 WHERE id = $1`, [p.loanId, p.by, new Date(e.occurredAt), p.note]);
    },
    [E.VirusChecked]: async (m, e: ProjectedEvent<MediaVirusChecked>) => {
      const p = e.payload;
      const at = new Date(e.occurredAt);
      // INF-6: an infected item is not received: quarantined, and its loan stays open until IT deals with it.
      const infected = p.result === 'infected';
      await m.query(`UPDATE media_loans SET state = $2, virus_result = $3, virus_checked_by = $4, virus_checked_at = $5, closed_at = $6 WHERE id = $1`, [
        p.loanId, infected ? 'quarantined' : 'closed', p.result, p.by, at, infected ? null : at,
      ]);
      await m.query(`UPDATE media_items SET state = $2 WHERE id = $1`, [p.itemId, infected ? 'quarantined' : 'available']);
    },
    [E.Disposed]: async (m, e: ProjectedEvent<MediaDisposed>) => {
      const p = e.payload;
      const at = new Date(e.occurredAt);
      await m.query(`UPDATE media_loans SET state = 'closed', disposition = $2, disposed_by = $3, disposed_at = $4, disposal_note = $5, closed_at = $4 WHERE id = $1`, [
        p.loanId, p.disposition, p.by, at, p.note,
      ]);
      await m.query(`UPDATE media_items SET state = $2 WHERE id = $1`, [p.itemId, p.disposition === 'destroyed' ? 'destroyed' : 'available']);
    },
  },
};
