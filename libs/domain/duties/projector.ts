import type { Projector } from '../events/projector.js';
import type { ProjectedEvent } from '../events/types.js';
import { DutyEvent as E, type DutyCompleted, type DutyLate, type DutyMissed, type DutyOpened } from './events.js';

/** The recurring duties' occurrences (duty_occurrences), one row per duty and working day. */
export const dutiesProjector: Projector = {
  name: 'duties',
  tables: ['duty_occurrences'],
  handlers: {
    [E.Opened]: async (m, e: ProjectedEvent<DutyOpened>) => {
      const p = e.payload;
      await m.query(
        `INSERT INTO duty_occurrences (occurrence_id, duty_id, day, workflow_id, state, due_at, deadline_at, opened_at)
           VALUES ($1, $2, $3, $4, 'open', $5, $6, $7)`,
        [p.occurrenceId, p.dutyId, p.date, p.workflowId, p.dueAt, p.deadlineAt, new Date(e.occurredAt)],
      );
    },
    [E.Late]: async (m, e: ProjectedEvent<DutyLate>) => {
      await m.query(`UPDATE duty_occurrences SET state = 'late', late = true WHERE occurrence_id = $1 AND state = 'open'`, [e.payload.occurrenceId]);
    },
    [E.Completed]: async (m, e: ProjectedEvent<DutyCompleted>) => {
      const p = e.payload;
      await m.query(
        `UPDATE duty_occurrences SET state = 'completed', late = $2, completed_by = $3, completed_at = $4, data = $5, comment = $6 WHERE occurrence_id = $1`,
        [p.occurrenceId, p.late, p.by, p.at, JSON.stringify(p.data), p.comment],
      );
    },
    [E.Missed]: async (m, e: ProjectedEvent<DutyMissed>) => {
      await m.query(`UPDATE duty_occurrences SET state = 'missed' WHERE occurrence_id = $1`, [e.payload.occurrenceId]);
    },
  },
};
