import type { Db } from '../db/sql.js';
import { isCalendarDate } from '../policy/calendar.js';
import type { DutyDefinition, DutyState } from '../policy/duties.js';
import { invalid } from '../policy/errors.js';

/** One duty's occurrence on one working day, as the duty_occurrences read model keeps it. */
export interface DutyOccurrenceView {
  occurrenceId: string;
  dutyId: string;
  date: string;
  workflowId: string;
  state: DutyState;
  late: boolean;
  dueAt: Date;
  deadlineAt: Date;
  openedAt: Date;
  completedBy: string | null;
  completedAt: Date | null;
  data: Record<string, unknown> | null;
  comment: string | null;
}

/** The duties' occurrences of one local date, by duty. */
export async function dutyOccurrences(db: Db, date: string): Promise<DutyOccurrenceView[]> {
  if (!isCalendarDate(date)) throw invalid('date must be a calendar date written YYYY-MM-DD');
  return db.query(
    `SELECT occurrence_id AS "occurrenceId", duty_id AS "dutyId", day::text AS date, workflow_id AS "workflowId", state, late,
            due_at AS "dueAt", deadline_at AS "deadlineAt", opened_at AS "openedAt", completed_by AS "completedBy",
            completed_at AS "completedAt", data, comment
       FROM duty_occurrences WHERE day = $1 ORDER BY duty_id`,
    [date],
  );
}

/** A duty's definition as duty_definitions keeps it. */
export interface DutyDefinitionView {
  definition: DutyDefinition;
  paused: boolean;
  version: number;
  updatedAt: Date;
}

/** The duties defined now (deleted ones left out), by id. */
export async function dutyDefinitions(db: Db): Promise<DutyDefinitionView[]> {
  return db.query(`SELECT definition, paused, version, updated_at AS "updatedAt" FROM duty_definitions WHERE NOT deleted ORDER BY duty_id`);
}

/** One duty's definition, or null when it is not defined (or deleted). */
export async function dutyDefinition(db: Db, dutyId: string): Promise<DutyDefinitionView | null> {
  const [row]: DutyDefinitionView[] = await db.query(`SELECT definition, paused, version, updated_at AS "updatedAt" FROM duty_definitions WHERE duty_id = $1 AND NOT deleted`, [dutyId]);
  return row ?? null;
}

/** The active agents (EQ-4, INF-11(4): each gets their own checklist): signed-in users with the employee role whose employee is active. */
export async function activeAgents(db: Db): Promise<{ userId: string }[]> {
  return db.query(
    `SELECT u.id::text AS "userId" FROM users u JOIN employees e ON e.id = u.employee_id
       WHERE u.active AND e.status = 'active' AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'employee')
       ORDER BY u.id`,
  );
}
