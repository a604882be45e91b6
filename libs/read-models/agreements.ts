import type { Db } from '../db/sql.js';

/** INF-10: the agreement versions an employee signed, newest first (none for an employee who never signed). */
export async function signedAgreementVersions(db: Db, employeeId: string): Promise<string[]> {
  const rows: { version: string }[] = await db.query(`SELECT version FROM agreement_signatures WHERE employee_id = $1 ORDER BY signed_at DESC`, [employeeId]);
  return rows.map((r) => r.version);
}
