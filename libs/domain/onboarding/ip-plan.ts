import { randomUUID } from 'node:crypto';
import { invalid } from '../../policy/errors.js';
import { command } from '../command.js';
import type { Projector } from '../events/projector.js';

export const IpEvents = { allocated: 'ip.allocated', released: 'ip.released' } as const;

export interface IpAllocated {
  allocationId: string;
  employeeId: string;
  ip: string;
}

/** The central plan (SYS-2): an inclusive IPv4 range workstation addresses are handed out from. */
export interface IpRange {
  first: string;
  last: string;
}

const toInt = (ip: string): number => {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw invalid(`not an IPv4 address: ${ip}`);
  return parts.reduce((n, p) => n * 256 + p, 0);
};
const toIp = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');

/** Parses "10.20.0.10-10.20.3.250". */
export function parseIpRange(spec: string): IpRange {
  const [first, last] = spec.split('-').map((s) => s.trim());
  if (!first || !last || toInt(first) > toInt(last)) throw invalid(`an IP range looks like 10.20.0.10-10.20.3.250, got ${spec}`);
  return { first, last };
}

export const ipPlanProjector: Projector = {
  name: 'ip_allocations',
  tables: ['ip_allocations'],
  handlers: {
    [IpEvents.allocated]: async (m, e) => {
      const p = e.payload as IpAllocated;
      await m.query(`INSERT INTO ip_allocations (id, ip, employee_id, allocated_at) VALUES ($1, $2, $3, $4)`, [p.allocationId, p.ip, p.employeeId, e.occurredAt]);
    },
    [IpEvents.released]: async (m, e) => {
      const p = e.payload as IpAllocated;
      await m.query(`UPDATE ip_allocations SET released_at = $2 WHERE id = $1`, [p.allocationId, e.occurredAt]);
    },
  },
};

/** Serialises allocations; the partial unique index on held addresses backs it. */
const IP_PLAN_LOCK = 724310;

/*
 * The caller names the actor (the workflow that takes the step). Database errors pass through, like
 * the plain error of a full plan below: the activity keeps retrying (command.ts).
 */

/** The lowest free address of the plan; an employee who already holds one keeps it. */
export const allocateWorkstationIp = command(async (uow, i: { employeeId: string; range: IpRange }): Promise<{ ip: string }> => {
  const { employeeId, range } = i;
  await uow.manager.query(`SELECT pg_advisory_xact_lock($1)`, [IP_PLAN_LOCK]);
  const [held] = await uow.manager.query(`SELECT host(ip) AS ip FROM ip_allocations WHERE employee_id = $1 AND released_at IS NULL`, [employeeId]);
  if (held) return { ip: held.ip };
  const taken = new Set<string>(
    (await uow.manager.query(`SELECT host(ip) AS ip FROM ip_allocations WHERE released_at IS NULL AND ip BETWEEN $1::inet AND $2::inet`, [range.first, range.last])).map(
      (r: { ip: string }) => r.ip,
    ),
  );
  for (let n = toInt(range.first); n <= toInt(range.last); n++) {
    const ip = toIp(n);
    if (taken.has(ip)) continue;
    await uow.emit<IpAllocated>({ subject: `employee:${employeeId}`, type: IpEvents.allocated, payload: { allocationId: randomUUID(), employeeId, ip }, clauses: ['SYS-2'] });
    return { ip };
  }
  // Not a DomainError on purpose: the activity keeps retrying, and the onboarding goes on once IT extends the plan.
  throw new Error(`SYS-2: the workstation IP plan ${range.first}-${range.last} has no free address; IT must extend WORKSTATION_IP_RANGE`);
}, { translateErrors: false });

export const releaseWorkstationIp = command(async (uow, { employeeId }: { employeeId: string }) => {
  const [held] = await uow.manager.query(`SELECT id, host(ip) AS ip FROM ip_allocations WHERE employee_id = $1 AND released_at IS NULL FOR UPDATE`, [employeeId]);
  if (!held) return;
  await uow.emit<IpAllocated>({ subject: `employee:${employeeId}`, type: IpEvents.released, payload: { allocationId: held.id, employeeId, ip: held.ip }, clauses: ['SYS-2'] });
}, { translateErrors: false });
