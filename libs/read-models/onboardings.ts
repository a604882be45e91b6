import type { Db } from '../db/sql.js';

/** The workstation IP an employee holds now (INF-10), or null. */
export async function workstationIpOf(db: Db, employeeId: string): Promise<string | null> {
  const [ip]: { ip: string }[] = await db.query(`SELECT host(ip) AS ip FROM ip_allocations WHERE employee_id = $1 AND released_at IS NULL`, [employeeId]);
  return ip?.ip ?? null;
}

export interface AgreementSignatureRow {
  version: string;
  text_hash: string;
  signed_at: Date;
}

/** The employee's latest signature of the agreement, or undefined when they have not signed. */
export async function latestAgreementSignature(db: Db, employeeId: string): Promise<AgreementSignatureRow | undefined> {
  const [sig]: AgreementSignatureRow[] = await db.query(
    `SELECT version, text_hash, signed_at FROM agreement_signatures WHERE employee_id = $1 ORDER BY signed_at DESC LIMIT 1`,
    [employeeId],
  );
  return sig;
}
