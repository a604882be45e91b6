import { processSubject, type ReturnItemKind, type ReturnItemState } from '../../policy/index.js';
import { command } from '../command.js';
import type { Projector } from '../events/projector.js';

export const ReturnItemEvents = {
  listed: 'return_item.listed',
  updated: 'return_item.updated',
} as const;

export interface ReturnItemListed {
  itemId: string;
  workflowId: string;
  employeeId: string;
  kind: ReturnItemKind;
  label: string;
  addedBy: string;
}
export interface ReturnItemUpdated {
  itemId: string;
  employeeId: string;
  state: ReturnItemState;
  by: string;
  note: string | null;
  virusCheck: 'clean' | 'infected' | null;
}

/** The return checklist of INF-13: each carrier, who checked it, its virus check and sign-off. */
export const returnItemsProjector: Projector = {
  name: 'return_items',
  tables: ['return_items'],
  handlers: {
    [ReturnItemEvents.listed]: async (m, e) => {
      const p = e.payload as ReturnItemListed;
      await m.query(`INSERT INTO return_items (id, workflow_id, employee_id, kind, label, state, added_by, added_at) VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7)`, [
        p.itemId, p.workflowId, p.employeeId, p.kind, p.label, p.addedBy, e.occurredAt,
      ]);
    },
    [ReturnItemEvents.updated]: async (m, e) => {
      const p = e.payload as ReturnItemUpdated;
      if (p.state === 'cleaned' || p.state === 'destroyed') {
        // INF-6: the quarantined disk dealt with, by a named person; the virus check stays as recorded.
        await m.query(`UPDATE return_items SET state = $2, disposed_by = $3, disposed_at = $4, disposal_note = $5 WHERE id = $1`, [p.itemId, p.state, p.by, e.occurredAt, p.note]);
      } else if (p.virusCheck) {
        await m.query(`UPDATE return_items SET state = $2, virus_result = $3, virus_checked_by = $4 WHERE id = $1`, [p.itemId, p.state, p.virusCheck, p.by]);
      } else if (p.state === 'missing_signed_off') {
        await m.query(`UPDATE return_items SET state = $2, signed_off_by = $3 WHERE id = $1`, [p.itemId, p.state, p.by]);
      } else if (p.state === 'pending') {
        await m.query(`UPDATE return_items SET state = 'pending' WHERE id = $1`, [p.itemId]); // sign-off refused: check again
      } else {
        await m.query(`UPDATE return_items SET state = $2, checked_by = $3, checked_at = $4, note = $5 WHERE id = $1`, [p.itemId, p.state, p.by, e.occurredAt, p.note]);
      }
    },
  },
};

/* Behind the offboarding activities: the actor is who listed or checked the item; database errors pass through so the activity retries (command.ts). */
const offboardingOf = (employeeId: string) => processSubject('offboarding', employeeId);

export const listReturnItem = command(async (uow, p: ReturnItemListed) => {
  await uow.emit({ subject: offboardingOf(p.employeeId), type: ReturnItemEvents.listed, payload: p, clauses: ['INF-13', 'INF-11'] });
}, { actor: (p) => p.addedBy, translateErrors: false });

/** The employee id comes from the item itself, so the event lands in the leaver's offboarding stream. */
export const updateReturnItem = command(async (uow, p: Omit<ReturnItemUpdated, 'employeeId'>) => {
  const [item] = await uow.manager.query(`SELECT employee_id FROM return_items WHERE id = $1`, [p.itemId]);
  if (!item) throw new Error(`return item ${p.itemId} is not listed`);
  await uow.emit<ReturnItemUpdated>({ subject: offboardingOf(item.employee_id), type: ReturnItemEvents.updated, payload: { ...p, employeeId: item.employee_id }, clauses: p.virusCheck ? ['INF-13', 'INF-6'] : ['INF-13', 'INF-11'] }); // quarantine and disposal carry the infected check: INF-6
}, { actor: (p) => p.by, translateErrors: false });
