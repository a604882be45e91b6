import type { EntityManager } from 'typeorm';
import type { Projector } from '../events/projector.js';
import type { ProjectedEvent } from '../events/types.js';
import { DutyEvent as E, type DutyAssignmentRecorded, type DutyCompleted, type DutyDefined, type DutyDefinitionRef, type DutyLate, type DutyMissed, type DutyOpened, type DutyRedefined } from './events.js';

const touch = async (m: EntityManager, e: ProjectedEvent<DutyDefinitionRef>, set: string) =>
{
  await m.query(`UPDATE duty_definitions SET ${set}, version = version + 1, updated_at = $2 WHERE duty_id = $1`, [e.payload.dutyId, new Date(e.occurredAt)]);
};

/** The recurring duties' definitions (duty_definitions) and occurrences (duty_occurrences, one row per duty and working day). */
export const dutiesProjector: Projector = {
  name: 'duties',
  tables: ['duty_definitions', 'duty_occurrences', 'duty_assignments'],
  handlers: {
    [E.Defined]: async (m, e: ProjectedEvent<DutyDefined>) => {
      const d = e.payload.definition;
      await m.query(
        `INSERT INTO duty_definitions (duty_id, definition, paused, deleted, version, updated_at) VALUES ($1, $2, false, false, 1, $3)
           ON CONFLICT (duty_id) DO UPDATE SET definition = EXCLUDED.definition, paused = false, deleted = false, version = duty_definitions.version + 1, updated_at = EXCLUDED.updated_at`,
        [d.id, JSON.stringify(d), new Date(e.occurredAt)],
      );
    },
    [E.Redefined]: async (m, e: ProjectedEvent<DutyRedefined>) => {
      const d = e.payload.definition;
      await m.query(`UPDATE duty_definitions SET definition = $2, version = version + 1, updated_at = $3 WHERE duty_id = $1`, [d.id, JSON.stringify(d), new Date(e.occurredAt)]);
    },
    [E.AssignmentRecorded]: async (m, e: ProjectedEvent<DutyAssignmentRecorded>) => {
      const p = e.payload;
      await m.query(
        `INSERT INTO duty_assignments (occurrence_id, user_id, state, late, data, completed_at, confirmed_by, confirmed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (occurrence_id, user_id) DO NOTHING`,
        [p.occurrenceId, p.userId, p.state, p.late, p.data === null ? null : JSON.stringify(p.data), p.completedAt, p.confirmedBy, p.confirmedAt],
      );
    },
    [E.Paused]: (m, e: ProjectedEvent<DutyDefinitionRef>) => touch(m, e, 'paused = true'),
    [E.Resumed]: (m, e: ProjectedEvent<DutyDefinitionRef>) => touch(m, e, 'paused = false'),
    [E.Deleted]: (m, e: ProjectedEvent<DutyDefinitionRef>) => touch(m, e, 'deleted = true'),
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
