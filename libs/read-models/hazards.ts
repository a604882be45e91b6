import type { Db } from '../db/sql.js';
import type { HazardState } from '../policy/hazards.js';

/** A hazard as the hazards read model keeps it (EQ-2, EQ-4). */
export interface HazardView {
  hazardId: string;
  description: string;
  reportedBy: string;
  reportedAt: Date;
  dutyId: string | null;
  occurrenceId: string | null;
  clauses: string[];
  workflowId: string;
  state: HazardState;
  fixedBy: string | null;
  fixedAt: Date | null;
  howFixed: string | null;
}

/** The hazards in one state (open: the oldest first, as they have waited longest; fixed: the latest first). */
export async function hazards(db: Db, state: HazardState, limit = 200): Promise<HazardView[]> {
  return db.query(
    `SELECT hazard_id AS "hazardId", description, reported_by AS "reportedBy", reported_at AS "reportedAt", duty_id AS "dutyId",
            occurrence_id AS "occurrenceId", clauses, workflow_id AS "workflowId", state, fixed_by AS "fixedBy", fixed_at AS "fixedAt", how_fixed AS "howFixed"
       FROM hazards WHERE state = $1 ORDER BY ${state === 'open' ? 'reported_at ASC' : 'fixed_at DESC'} LIMIT $2`,
    [state, limit],
  );
}

export async function findHazard(db: Db, hazardId: string): Promise<HazardView | null> {
  const [row]: HazardView[] = await db.query(
    `SELECT hazard_id AS "hazardId", description, reported_by AS "reportedBy", reported_at AS "reportedAt", duty_id AS "dutyId",
            occurrence_id AS "occurrenceId", clauses, workflow_id AS "workflowId", state, fixed_by AS "fixedBy", fixed_at AS "fixedAt", how_fixed AS "howFixed"
       FROM hazards WHERE hazard_id = $1`,
    [hazardId],
  );
  return row ?? null;
}
