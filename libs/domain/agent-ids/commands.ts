import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AGENT_ID_HOLDINGS, AGENT_ID_KINDS, AGENT_IDS, type AgentIdHoldingRow, type AgentIdKind, type AgentIdRow } from '../../db/rows.js';
import { findRow, selectColumns } from '../../db/sql.js';
import type { ClauseId } from '../../policy/clauses.js';
import { command } from '../command.js';
import { conflict, invalid, notFound } from '../../policy/errors.js';
import type { UnitOfWork } from '../events/event-store.js';
import { getEmployee, getUser, rolesOf } from '../directory/lookups.js';
import {
  AgentIdEvent as E,
  agentIdSubject,
  type AgentIdAssigned,
  type AgentIdCheckedIn,
  type AgentIdCheckedOut,
  type AgentIdCreated,
  type AgentIdCustodianAssigned,
  type AgentIdRetired,
  type AgentIdSuspended,
} from './events.js';

/*
 * Agent-ID commands (AID-1, AID-2, INF-12). Each one locks the rows it decides on (employee first, then
 * the agent ID, always in that order so two commands cannot deadlock), checks, then emits. Every
 * command is safe to retry: re-running one whose effect is already there returns that effect and emits
 * nothing; with an idempotency key a retry returns the first run's stored result.
 */

export const MAX_RANGE = 1000;

async function lockAgentId(m: EntityManager, code: string): Promise<AgentIdRow> {
  const row = await findRow(m, AGENT_IDS, { code }, true);
  if (!row) throw notFound('agent ID', code);
  return row;
}

/** An ID is issued only to a person who is joining or working (not to someone leaving or gone). */
async function lockIssuableEmployee(m: EntityManager, employeeId: string): Promise<void> {
  const e = await getEmployee(m, employeeId, true);
  if (e.status !== 'pending' && e.status !== 'active') throw conflict(`employee ${employeeId} is ${e.status}: agent IDs are issued only to pending or active employees`);
}

async function openHolding(m: EntityManager, code: string): Promise<AgentIdHoldingRow | null> {
  const [row] = await m.query(`SELECT ${selectColumns(AGENT_ID_HOLDINGS)} FROM agent_id_holdings WHERE code = $1 AND ended_at IS NULL LIMIT 1`, [code]);
  return row ?? null;
}

/**
 * INF-12: the administrator keeps every ID. An agent's own ID is theirs alone (AID-1); a manager's or a
 * privileged one is kept by its holder, privileged ones centrally by the call center manager (AID-2).
 */
const holderClauses = (id: AgentIdRow): ClauseId[] => ['INF-12', id.kind === 'standard' ? 'AID-1' : 'AID-2'];

async function emitAssigned(uow: UnitOfWork, id: AgentIdRow, employeeId: string): Promise<void> {
  await uow.emit<AgentIdAssigned>({ subject: agentIdSubject(id.code), type: E.Assigned, payload: { code: id.code, kind: id.kind, employeeId, holdingId: randomUUID() }, clauses: holderClauses(id) });
}

/** Ends a privileged check-out (the caller holds the agent ID's row lock). */
async function emitCheckedIn(uow: UnitOfWork, id: AgentIdRow, reason: AgentIdCheckedIn['reason']): Promise<void> {
  const holding = await openHolding(uow.manager, id.code);
  if (!holding || !id.checkedOutToEmployeeId) return;
  await uow.emit<AgentIdCheckedIn>({ subject: agentIdSubject(id.code), type: E.CheckedIn, payload: { code: id.code, employeeId: id.checkedOutToEmployeeId, holdingId: holding.id, reason }, clauses: ['INF-12', 'AID-2'] });
}

/** The active grant (special_agent_id) a privileged ID is lent under, if any: its request and workflow. */
export async function grantHolding(m: EntityManager, code: string): Promise<{ grantId: string; requestId: string; workflowId: string } | null> {
  const [g]: { grant_id: string; request_id: string; workflow_id: string }[] = await m.query(
    `SELECT g.id AS grant_id, g.request_id, r.workflow_id FROM grants g JOIN access_requests r ON r.id = g.request_id WHERE g.resource = $1 AND g.status = 'active'`,
    [code],
  );
  return g ? { grantId: g.grant_id, requestId: g.request_id, workflowId: g.workflow_id } : null;
}

/**
 * AID-2: a lent privileged ID comes back only when its grant ends, and that grant has one writer (the
 * request's workflow, whose end path checks the ID in). A command by code that would end the check-out
 * while the grant is active is refused and names the way: the check-in route, which ends the grant.
 */
async function refuseWhileLent(m: EntityManager, code: string, action: string): Promise<void> {
  const held = await grantHolding(m, code);
  if (held) {
    const then = action === 'check in' ? '' : `, then ${action} it`;
    throw conflict(`privileged ID ${code} is lent under access request ${held.requestId}, whose grant is active: POST /api/agent-ids/${code}/check-in ends that grant and takes the ID back${then} (AID-2)`, { requestId: held.requestId });
  }
}

export interface CreateRangeInput {
  /** 1-4 capital letters, e.g. "A". */
  prefix: string;
  from: number;
  to: number;
  kind: AgentIdKind;
}

/**
 * Adds the codes prefix+from … prefix+to to the pool as `available` (e.g. A1001–A1100). Codes that
 * already exist with the same kind are skipped (so a retry is harmless); one of another kind is a conflict.
 */
export const createRange = command(async (uow, input: CreateRangeInput): Promise<{ created: string[]; skipped: string[] }> => {
  const { prefix, from, to, kind } = input;
  if (!/^[A-Z]{1,4}$/.test(prefix)) throw invalid('prefix must be 1-4 capital letters', { fields: { prefix: ['format'] } });
  if (!AGENT_ID_KINDS.includes(kind)) throw invalid(`kind must be one of ${AGENT_ID_KINDS.join(', ')}`, { fields: { kind: ['unknown'] } });
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > 99_999_999 || from > to) {
    throw invalid('from and to must be whole numbers with 0 ≤ from ≤ to ≤ 99999999', { fields: { from: ['range'], to: ['range'] } });
  }
  if (to - from + 1 > MAX_RANGE) throw invalid(`a range holds at most ${MAX_RANGE} codes`, { fields: { to: ['too many'] } });
  const codes = Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);
  const existing: { code: string; kind: AgentIdKind }[] = await uow.manager.query(`SELECT code, kind FROM agent_ids WHERE code = ANY($1) FOR UPDATE`, [codes]);
  const clash = existing.filter((x) => x.kind !== kind).map((x) => x.code);
  if (clash.length) throw conflict(`codes already exist with another kind: ${clash.slice(0, 10).join(', ')}`, { codes: clash });
  const skipped = new Set(existing.map((x) => x.code));
  const created = codes.filter((c) => !skipped.has(c));
  for (const code of created) await uow.emit<AgentIdCreated>({ subject: agentIdSubject(code), type: E.Created, payload: { code, kind }, clauses: ['INF-12'] });
  return { created, skipped: [...skipped] };
});

/** What an assignment returns: the code, and whether the employee already held it before this call. */
export interface HeldAgentId {
  code: string;
  alreadyHeld: boolean;
}

/** The standard ID an employee holds (assigned or suspended), if any. */
async function standardHeldBy(m: EntityManager, employeeId: string): Promise<string | null> {
  const row = await findRow(m, AGENT_IDS, { holderEmployeeId: employeeId, kind: 'standard' });
  return row?.code ?? null;
}

/**
 * Issues the next available standard ID to an employee (onboarding, AID-1). Atomic across replicas and
 * workers: the pool row is taken with FOR UPDATE SKIP LOCKED, so concurrent callers get different codes
 * without waiting on each other. An employee who already holds a standard ID gets that one back.
 */
export const assignNextStandardId = command(async (uow, input: { employeeId: string }): Promise<HeldAgentId> => {
  const m = uow.manager;
  await lockIssuableEmployee(m, input.employeeId);
  const held = await standardHeldBy(m, input.employeeId);
  if (held) return { code: held, alreadyHeld: true };
  const [free]: { code: string }[] = await m.query(
    `SELECT code FROM agent_ids WHERE kind = 'standard' AND state = 'available' ORDER BY length(code), code LIMIT 1 FOR UPDATE SKIP LOCKED`,
  );
  if (!free) throw conflict('no standard agent ID is available: the agent-ID administrator must create a range');
  const id = await lockAgentId(m, free.code);
  await emitAssigned(uow, id, input.employeeId);
  return { code: id.code, alreadyHeld: false };
});

/**
 * Issues one given standard or manager ID to an employee (the agent-ID administrator's choice). The ID
 * must be available: an ID that was ever held is never passed to someone else (AID-1).
 */
export const assignAgentId = command(async (uow, input: { code: string; employeeId: string }): Promise<HeldAgentId> => {
  const m = uow.manager;
  await lockIssuableEmployee(m, input.employeeId);
  const id = await lockAgentId(m, input.code);
  if (id.kind === 'privileged') throw invalid(`${id.code} is a privileged ID: it is kept by a custodian (custodianUserId), not assigned to an employee (AID-2)`);
  if (id.holderEmployeeId === input.employeeId && id.state !== 'retired') return { code: id.code, alreadyHeld: true };
  if (id.state !== 'available') throw conflict(`agent ID ${id.code} is ${id.state} and cannot be issued to anyone else (AID-1)`, { state: id.state });
  if (id.kind === 'standard') {
    const held = await standardHeldBy(m, input.employeeId);
    if (held) throw conflict(`employee ${input.employeeId} already holds the standard ID ${held} (one per person, AID-1)`);
  }
  await emitAssigned(uow, id, input.employeeId);
  return { code: id.code, alreadyHeld: false };
});

/** Puts a privileged ID in the keeping of a call center manager (AID-2: held centrally by them). */
export const assignCustodian = command(async (uow, input: { code: string; custodianUserId: string }): Promise<{ code: string; changed: boolean }> => {
  const m = uow.manager;
  const user = await getUser(m, input.custodianUserId);
  if (!user.active || !(await rolesOf(m, user.id)).includes('cc_manager')) {
    throw invalid(`privileged IDs are kept by an active call center manager; ${user.username} is not one (AID-2)`, { fields: { custodianUserId: ['not a cc_manager'] } });
  }
  const id = await lockAgentId(m, input.code);
  if (id.kind !== 'privileged') throw invalid(`${id.code} is a ${id.kind} ID: assign it to an employee (employeeId)`);
  if (id.state === 'assigned' && id.custodianUserId === user.id) return { code: id.code, changed: false };
  if (id.state !== 'available' && id.state !== 'assigned') throw conflict(`agent ID ${id.code} is ${id.state}`, { state: id.state });
  if (id.checkedOutToEmployeeId) throw conflict(`agent ID ${id.code} is checked out; check it in before changing its custodian`);
  await uow.emit<AgentIdCustodianAssigned>({ subject: agentIdSubject(id.code), type: E.CustodianAssigned, payload: { code: id.code, custodianUserId: user.id }, clauses: ['INF-12', 'AID-2'] });
  return { code: id.code, changed: true };
});

async function suspendLocked(uow: UnitOfWork, id: AgentIdRow, reason: string | null): Promise<boolean> {
  if (id.state === 'suspended') return false;
  if (id.state !== 'assigned') throw conflict(`agent ID ${id.code} is ${id.state}; only an assigned ID can be suspended`, { state: id.state });
  await emitCheckedIn(uow, id, 'holder_suspended');
  await uow.emit<AgentIdSuspended>({ subject: agentIdSubject(id.code), type: E.Suspended, payload: { code: id.code, reason }, clauses: ['INF-12', ...holderClauses(id)] });
  return true;
}

async function retireLocked(uow: UnitOfWork, id: AgentIdRow, reason: string | null): Promise<boolean> {
  if (id.state === 'retired') return false;
  await emitCheckedIn(uow, id, 'retired');
  const holding = await openHolding(uow.manager, id.code);
  await uow.emit<AgentIdRetired>({ subject: agentIdSubject(id.code), type: E.Retired, payload: { code: id.code, holdingId: holding?.id ?? null, reason }, clauses: ['INF-12', ...holderClauses(id)] });
  return true;
}

/** Codes an employee holds or has checked out, locked, in a stable order. */
async function lockIdsOf(m: EntityManager, employeeId: string): Promise<{ held: AgentIdRow[]; checkedOut: AgentIdRow[] }> {
  await getEmployee(m, employeeId, true);
  const rows: { code: string }[] = await m.query(
    `SELECT code FROM agent_ids WHERE holder_employee_id = $1 OR checked_out_to_employee_id = $1 ORDER BY code FOR UPDATE`,
    [employeeId],
  );
  const ids = await Promise.all(rows.map((r) => lockAgentId(m, r.code)));
  return { held: ids.filter((i) => i.holderEmployeeId === employeeId), checkedOut: ids.filter((i) => i.checkedOutToEmployeeId === employeeId) };
}

export interface ReleaseResult {
  /** Codes this call changed. */
  codes: string[];
  /** Privileged IDs that were checked out to the employee and are now back with their custodian. */
  checkedIn: string[];
}

/** Offboarding's first step: the employee's IDs stop working at once; a privileged check-out ends. */
export const suspendIdOf = command(async (uow, input: { employeeId: string; reason?: string }): Promise<ReleaseResult> => {
  const { held, checkedOut } = await lockIdsOf(uow.manager, input.employeeId);
  for (const id of checkedOut) await emitCheckedIn(uow, id, 'holder_suspended');
  const codes: string[] = [];
  for (const id of held) if (await suspendLocked(uow, id, input.reason ?? null)) codes.push(id.code);
  return { codes, checkedIn: checkedOut.map((i) => i.code) };
});

/** Offboarding's last step: the employee's IDs are retired for good, never to be reissued (AID-1). */
export const retireIdOf = command(async (uow, input: { employeeId: string; reason?: string }): Promise<ReleaseResult> => {
  const { held, checkedOut } = await lockIdsOf(uow.manager, input.employeeId);
  for (const id of checkedOut) await emitCheckedIn(uow, id, 'returned');
  const codes: string[] = [];
  for (const id of held) if (await retireLocked(uow, id, input.reason ?? null)) codes.push(id.code);
  return { codes, checkedIn: checkedOut.map((i) => i.code) };
});

export const suspendAgentId = command(async (uow, input: { code: string; reason?: string }): Promise<{ code: string; changed: boolean }> => {
  const id = await lockAgentId(uow.manager, input.code);
  await refuseWhileLent(uow.manager, id.code, 'suspend');
  return { code: id.code, changed: await suspendLocked(uow, id, input.reason ?? null) };
});

export const retireAgentId = command(async (uow, input: { code: string; reason?: string }): Promise<{ code: string; changed: boolean }> => {
  const id = await lockAgentId(uow.manager, input.code);
  await refuseWhileLent(uow.manager, id.code, 'retire');
  return { code: id.code, changed: await retireLocked(uow, id, input.reason ?? null) };
});

export interface CheckOutInput {
  employeeId: string;
  /** End of the approved use window (ISO-8601); must lie in the future. */
  until: string;
  /** A specific privileged ID; omitted, the first free one is taken. */
  code?: string;
  /** The clock to judge expiry by; activities pass their own, the default is the wall clock. */
  now?: string;
}

/**
 * Lends a privileged ID to one person for an approved window (AID-2, INF-12: special use only after
 * approval, which the calling workflow has obtained). One person at a time per ID, one ID per person.
 * A check-out whose window has passed counts as returned. Retrying returns the same check-out.
 */
export const checkOutPrivilegedId = command(async (uow, input: CheckOutInput): Promise<{ code: string; until: string; alreadyCheckedOut: boolean }> => {
  const m = uow.manager;
  const now = input.now ? new Date(input.now) : new Date();
  const until = new Date(input.until);
  if (Number.isNaN(until.getTime()) || until <= now) throw invalid('until must be a time in the future', { fields: { until: ['not in the future'] } });
  const e = await getEmployee(m, input.employeeId, true);
  if (e.status !== 'active') throw conflict(`employee ${e.id} is ${e.status}: only active employees may use a privileged ID`);

  const [mine]: { code: string }[] = await m.query(`SELECT code FROM agent_ids WHERE checked_out_to_employee_id = $1 FOR UPDATE`, [e.id]);
  if (mine) {
    const current = await lockAgentId(m, mine.code);
    if (current.checkedOutUntil && current.checkedOutUntil > now && (!input.code || input.code === current.code)) {
      return { code: current.code, until: current.checkedOutUntil.toISOString(), alreadyCheckedOut: true };
    }
    if (current.checkedOutUntil && current.checkedOutUntil > now) throw conflict(`employee ${e.id} already has ${current.code} checked out (one privileged ID per person)`);
    await emitCheckedIn(uow, current, 'expired');
  }

  let code = input.code;
  if (!code) {
    const [free]: { code: string }[] = await m.query(
      `SELECT code FROM agent_ids WHERE kind = 'privileged' AND state = 'assigned' AND (checked_out_until IS NULL OR checked_out_until <= $1)
        ORDER BY length(code), code LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    if (!free) throw conflict('every privileged agent ID is in use or none is kept by a call center manager (AID-2)');
    code = free.code;
  }
  const id = await lockAgentId(m, code);
  if (id.kind !== 'privileged') throw invalid(`${id.code} is not a privileged ID`);
  if (id.state !== 'assigned' || !id.custodianUserId) throw conflict(`privileged ID ${id.code} is ${id.state === 'assigned' ? 'without a custodian' : id.state} and cannot be checked out`);
  if (id.checkedOutToEmployeeId && id.checkedOutUntil && id.checkedOutUntil > now) {
    throw conflict(`privileged ID ${id.code} is checked out to someone else until ${id.checkedOutUntil.toISOString()} (one person at a time, AID-2)`);
  }
  await emitCheckedIn(uow, id, 'expired');
  const payload: AgentIdCheckedOut = { code: id.code, employeeId: e.id, until: until.toISOString(), holdingId: randomUUID() };
  await uow.emit<AgentIdCheckedOut>({ subject: agentIdSubject(id.code), type: E.CheckedOut, payload, clauses: ['INF-12', 'AID-2'] });
  return { code: id.code, until: payload.until, alreadyCheckedOut: false };
});

/**
 * Returns a privileged ID to its custodian. Idempotent. The grant's own end path calls it after the grant
 * ended; while a grant is still active it is refused (AID-2: the API's check-in asks that grant's
 * workflow to revoke instead, agent-ids.service.ts).
 */
export const checkInPrivilegedId = command(async (uow, input: { code: string; reason?: 'returned' | 'expired' }): Promise<{ code: string; checkedIn: boolean }> => {
  const id = await lockAgentId(uow.manager, input.code);
  if (!id.checkedOutToEmployeeId) return { code: id.code, checkedIn: false };
  await refuseWhileLent(uow.manager, id.code, 'check in');
  await emitCheckedIn(uow, id, input.reason ?? 'returned');
  return { code: id.code, checkedIn: true };
});
