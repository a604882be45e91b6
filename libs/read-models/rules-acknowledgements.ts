import type { Db } from '../db/sql.js';

export type RulesStanding = 'current' | 'overdue' | 'never' | 'old_version';

export interface RulesStandingRow {
  employee_id: string;
  full_name: string;
  department_id: string;
  version: string | null;
  text_hash: string | null;
  acknowledged_at: Date | null;
  next_due_at: Date | null;
}

/**
 * EQ-5, SYS-3, SYS-4, AID-1: each active employee's latest acknowledgement of the rules and where they
 * stand: overdue once its next due date has passed, never when they have none, old_version when they
 * acknowledged an earlier text (the yearly cycle asks for the current one).
 */
export async function rulesStandings(db: Db, currentVersion: string, now: Date, f: { overdueOnly?: boolean } = {}) {
  const rows: RulesStandingRow[] = await db.query(
    `SELECT e.id::text AS employee_id, e.full_name, e.department_id::text AS department_id, a.version, a.text_hash, a.acknowledged_at, a.next_due_at
       FROM employees e
       LEFT JOIN LATERAL (SELECT * FROM rules_acknowledgements r WHERE r.employee_id = e.id::text ORDER BY r.acknowledged_at DESC LIMIT 1) a ON true
      WHERE e.status = 'active'
      ORDER BY e.full_name, e.id`,
  );
  const standing = (r: RulesStandingRow): RulesStanding =>
    !r.acknowledged_at ? 'never' : r.next_due_at! <= now ? 'overdue' : r.version !== currentVersion ? 'old_version' : 'current';
  return rows.map((r) => ({ ...r, standing: standing(r) })).filter((r) => !f.overdueOnly || r.standing !== 'current');
}
