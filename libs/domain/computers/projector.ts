import type { Projector } from '../events/projector.js';
import type { ProjectedEvent } from '../events/types.js';
import { ComputerEvent as E, type ComputerChecked, type ComputerRegistered } from './events.js';

/** The inventory (computers) and the latest result of each check (computer_checks), with who and when. */
export const computersProjector: Projector = {
  name: 'computers',
  tables: ['computer_checks', 'computers'],
  handlers: {
    [E.Registered]: async (m, e: ProjectedEvent<ComputerRegistered>) => {
      const p = e.payload;
      await m.query(
        `INSERT INTO computers (tag, room, assigned_user_id, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (tag) DO UPDATE SET room = EXCLUDED.room, assigned_user_id = EXCLUDED.assigned_user_id, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
        [p.tag, p.room, p.assignedUserId, e.actor, new Date(e.occurredAt)],
      );
    },
    [E.Checked]: async (m, e: ProjectedEvent<ComputerChecked>) => {
      const p = e.payload;
      await m.query(
        `INSERT INTO computer_checks (tag, check_kind, ok, note, checked_by, checked_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (tag, check_kind) DO UPDATE SET ok = EXCLUDED.ok, note = EXCLUDED.note, checked_by = EXCLUDED.checked_by, checked_at = EXCLUDED.checked_at`,
        [p.tag, p.check, p.ok, p.note, e.actor, new Date(e.occurredAt)],
      );
    },
  },
};
