import type { Projector } from '../events/projector.js';
import type { ProjectedEvent } from '../events/types.js';
import { HazardEvent as E, type HazardFixed, type HazardReported } from './events.js';

/** The hazards (hazards): open until recorded fixed (EQ-2, EQ-4). */
export const hazardsProjector: Projector = {
  name: 'hazards',
  tables: ['hazards'],
  handlers: {
    [E.Reported]: async (m, e: ProjectedEvent<HazardReported>) => {
      const p = e.payload;
      await m.query(
        `INSERT INTO hazards (hazard_id, description, reported_by, reported_at, duty_id, occurrence_id, clauses, workflow_id, state)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open')`,
        [p.hazardId, p.description, p.reportedBy, new Date(e.occurredAt), p.dutyId, p.occurrenceId, p.clauses, p.workflowId],
      );
    },
    [E.Fixed]: async (m, e: ProjectedEvent<HazardFixed>) => {
      const p = e.payload;
      await m.query(`UPDATE hazards SET state = 'fixed', fixed_by = $2, fixed_at = $3, how_fixed = $4 WHERE hazard_id = $1`, [p.hazardId, p.by, p.at, p.howFixed]);
    },
  },
};
