import { AGENT_ID_HOLDINGS, AGENT_IDS, type AgentIdHoldingRow, type AgentIdKind, type AgentIdRow, type AgentIdState } from '../db/rows.js';
import { findRow, selectColumns, Where, type Db } from '../db/sql.js';
import { notFound } from '../policy/errors.js';
import { pageWindow, type Page, type PageRequest } from './paging.js';

export interface AgentIdFilter extends PageRequest {
  kind?: AgentIdKind;
  state?: AgentIdState;
  holderEmployeeId?: string;
  /** Codes starting with this, e.g. "A10". */
  prefix?: string;
}

export async function listAgentIds(db: Db, f: AgentIdFilter): Promise<Page<AgentIdRow>> {
  const w = pageWindow(f);
  const q = new Where();
  if (f.kind) q.and(`a.kind = ${q.p(f.kind)}`);
  if (f.state) q.and(`a.state = ${q.p(f.state)}`);
  if (f.holderEmployeeId) q.and(`a.holder_employee_id = ${q.p(f.holderEmployeeId)} OR a.checked_out_to_employee_id = ${q.p(f.holderEmployeeId)}`);
  if (f.prefix) q.and(`a.code LIKE ${q.p(`${f.prefix.replace(/[\\%_]/g, '')}%`)}`);
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM agent_ids a ${q}`, q.params);
  const items = await db.query(`SELECT ${selectColumns(AGENT_IDS, 'a')} FROM agent_ids a ${q} ORDER BY length(a.code), a.code LIMIT ${w.pageSize} OFFSET ${w.offset}`, q.params);
  return { items, total: n, page: w.page, pageSize: w.pageSize };
}

export async function findAgentId(db: Db, code: string): Promise<{ agentId: AgentIdRow; holdings: AgentIdHoldingRow[] }> {
  const agentId = await findRow(db, AGENT_IDS, { code });
  if (!agentId) throw notFound('agent ID', code);
  const holdings: AgentIdHoldingRow[] = await db.query(`SELECT ${selectColumns(AGENT_ID_HOLDINGS)} FROM agent_id_holdings WHERE code = $1 ORDER BY started_at DESC LIMIT 100`, [code]);
  return { agentId, holdings };
}

/** The IDs an employee holds or has checked out now (for GET /api/me). */
export async function agentIdsOfEmployee(db: Db, employeeId: string): Promise<AgentIdRow[]> {
  return db.query(`SELECT ${selectColumns(AGENT_IDS)} FROM agent_ids WHERE holder_employee_id = $1 OR checked_out_to_employee_id = $1 ORDER BY code`, [employeeId]);
}

/** True while the ID is still checked out to the holder of that grant (AID-2: the grant's workflow checks it in next). */
export async function checkedOutUnderGrant(db: Db, code: string, grantId: string): Promise<boolean> {
  const [row]: { out: boolean }[] = await db.query(
    `SELECT (a.checked_out_to_employee_id IS NOT NULL AND a.checked_out_to_employee_id::text = g.holder_employee_id) AS out
       FROM agent_ids a JOIN grants g ON g.resource = a.code WHERE a.code = $1 AND g.id = $2`,
    [code, grantId],
  );
  return row?.out ?? false;
}
