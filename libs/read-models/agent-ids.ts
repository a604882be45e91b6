import type { DataSource, EntityManager } from 'typeorm';
import { AgentIdEntity, AgentIdHoldingEntity, type AgentIdKind, type AgentIdState } from '../db/entities/agent-id.entities.js';
import { notFound } from '../policy/domain-errors.js';
import { pageWindow, type Page, type PageRequest } from './paging.js';

type Db = DataSource | EntityManager;

export interface AgentIdFilter extends PageRequest {
  kind?: AgentIdKind;
  state?: AgentIdState;
  holderEmployeeId?: string;
  /** Codes starting with this, e.g. "A10". */
  prefix?: string;
}

export async function listAgentIds(db: Db, f: AgentIdFilter): Promise<Page<AgentIdEntity>> {
  const w = pageWindow(f);
  const qb = db.getRepository(AgentIdEntity).createQueryBuilder('a').orderBy('length(a.code)').addOrderBy('a.code');
  if (f.kind) qb.andWhere('a.kind = :kind', { kind: f.kind });
  if (f.state) qb.andWhere('a.state = :state', { state: f.state });
  if (f.holderEmployeeId) qb.andWhere('(a.holderEmployeeId = :holder OR a.checkedOutToEmployeeId = :holder)', { holder: f.holderEmployeeId });
  if (f.prefix) qb.andWhere('a.code LIKE :prefix', { prefix: `${f.prefix.replace(/[\\%_]/g, '')}%` });
  const [items, total] = await qb.offset(w.offset).limit(w.pageSize).getManyAndCount();
  return { items, total, page: w.page, pageSize: w.pageSize };
}

export async function findAgentId(db: Db, code: string): Promise<{ agentId: AgentIdEntity; holdings: AgentIdHoldingEntity[] }> {
  const agentId = await db.getRepository(AgentIdEntity).findOne({ where: { code } });
  if (!agentId) throw notFound('agent ID', code);
  const holdings = await db.getRepository(AgentIdHoldingEntity).find({ where: { code }, order: { startedAt: 'DESC' }, take: 100 });
  return { agentId, holdings };
}

/** The IDs an employee holds or has checked out now (for GET /api/me). */
export async function agentIdsOfEmployee(db: Db, employeeId: string): Promise<AgentIdEntity[]> {
  return db
    .getRepository(AgentIdEntity)
    .createQueryBuilder('a')
    .where('a.holderEmployeeId = :e OR a.checkedOutToEmployeeId = :e', { e: employeeId })
    .orderBy('a.code')
    .getMany();
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
