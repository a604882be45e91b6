import type { Projector } from '../events/projector.js';
import type { ProjectedEvent } from '../events/types.js';
import { ResponsibilityEvent as E, type ResponsibilityAssigned } from './events.js';

/** The named owners register (responsibilities): one row per responsibility, its owner and deputy. */
export const responsibilitiesProjector: Projector = {
  name: 'responsibilities',
  tables: ['responsibilities'],
  handlers: {
    [E.Assigned]: async (m, e: ProjectedEvent<ResponsibilityAssigned>) => {
      const p = e.payload;
      await m.query(
        `INSERT INTO responsibilities (key, kind, name_en, name_zh, owner_user_id, deputy_user_id, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (key) DO UPDATE SET name_en = EXCLUDED.name_en, name_zh = EXCLUDED.name_zh, owner_user_id = EXCLUDED.owner_user_id,
             deputy_user_id = EXCLUDED.deputy_user_id, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
        [p.key, p.kind, p.name.en, p.name.zh, p.ownerUserId, p.deputyUserId, e.actor, new Date(e.occurredAt)],
      );
    },
  },
};
