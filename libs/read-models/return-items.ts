import type { Db } from '../db/sql.js';
import type { ReturnItemKind, ReturnItemState } from '../policy/offboarding.js';

/** A carrier on an offboarding's return checklist, with the names of who checked it (INF-13). */
export interface ReturnItemRow {
  id: string;
  kind: ReturnItemKind;
  label: string;
  state: ReturnItemState;
  checked_by: string | null;
  note: string | null;
  virus_result: 'clean' | 'infected' | null;
  virus_checked_by: string | null;
  signed_off_by: string | null;
  checked_by_name: string | null;
  virus_checked_by_name: string | null;
  signed_off_by_name: string | null;
  /** INF-6: who recorded a quarantined disk cleaned or destroyed, and their note. */
  disposed_by: string | null;
  disposed_by_name: string | null;
  disposal_note: string | null;
}

/** The checklist of one offboarding, in the order items were added. */
export async function returnItemsOf(db: Db, workflowId: string): Promise<ReturnItemRow[]> {
  // Names next to ids: the final report says who checked each item (INF-13).
  return db.query(
    `SELECT r.*, c.display_name AS checked_by_name, v.display_name AS virus_checked_by_name, s.display_name AS signed_off_by_name,
            d.display_name AS disposed_by_name
       FROM return_items r
       LEFT JOIN users c ON c.id::text = r.checked_by
       LEFT JOIN users v ON v.id::text = r.virus_checked_by
       LEFT JOIN users s ON s.id::text = r.signed_off_by
       LEFT JOIN users d ON d.id::text = r.disposed_by
      WHERE r.workflow_id = $1 ORDER BY r.added_at, r.id`,
    [workflowId],
  );
}
