import type { Db } from '../db/sql.js';

export interface DecisionLinkRow {
  id: string;
  task_id: string;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
}

/** One decision link by id (libs/domain/mail/decision-links.ts), or null. */
export async function decisionLinkById(db: Db, id: string): Promise<DecisionLinkRow | null> {
  const [row]: DecisionLinkRow[] = await db.query(`SELECT id::text AS id, task_id::text AS task_id, user_id::text AS user_id, expires_at, used_at FROM decision_links WHERE id = $1`, [id]);
  return row ?? null;
}
