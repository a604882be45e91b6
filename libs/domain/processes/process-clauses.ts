import type { ClauseId } from '../../policy/clauses.js';
import { DUTIES, isDutyId } from '../../policy/duties.js';
import type { AccessEndReason, AccessKind, ProcessKind } from '../../policy/index.js';

/** What each kind of access request carries out (docs/policy.md, "How the rules become processes"). */
export const ACCESS_KIND_CLAUSES: Record<AccessKind, readonly ClauseId[]> = {
  external_network: ['SYS-1'],
  special_agent_id: ['INF-12', 'AID-2'],
  usb_media: ['INF-6'],
};

/** A grant's end: its kind's clauses, plus SYS-5 when maintenance cut the access off for security. */
export const grantEndClauses = (kind: AccessKind | null, reason: AccessEndReason | string): ClauseId[] => [
  ...(kind ? ACCESS_KIND_CLAUSES[kind] : []),
  ...(reason === 'emergency_cut_off' ? (['SYS-5'] as const) : []),
];

/** The rules each process serves as a whole: its start and its end. */
const PROCESS_CLAUSES: Record<Exclude<ProcessKind, 'access_request' | 'duty'>, readonly ClauseId[]> = {
  onboarding: ['INF-10', 'INF-11', 'AID-1', 'INF-12', 'INF-7', 'SYS-2', 'EQ-3'],
  offboarding: ['INF-13', 'INF-11', 'AID-1', 'SYS-1', 'INF-6'],
  // Four eyes on power: a privileged role or another person's password needs a second approver.
  account_change: ['INF-9', 'INF-7'],
  // A hazard found on an inspection (EQ-2) or an agent's equipment check (EQ-4), removed by the machine-room managers.
  hazard: ['EQ-2', 'EQ-4'],
  // A machine-room disk or CD lent out, virus-checked on its return, quarantined when infected.
  media_loan: ['INF-6'],
};

/** The rule one step (or the task of that step) carries out, where it is narrower than its process's. */
const STEP_CLAUSES: Record<string, readonly ClauseId[]> = {
  'onboarding:agreement': ['INF-10', 'INF-11'],
  'onboarding:agent_id': ['AID-1', 'INF-12'],
  'onboarding:it_setup': ['INF-7', 'SYS-2'],
  'onboarding:fire_safety': ['EQ-3'],
  'onboarding:active': [],
  'offboarding:access_revoked': ['SYS-1', 'INF-6', 'INF-12', 'AID-2'],
  'offboarding:it_accounts_disable': ['INF-7'],
  'offboarding:return_checklist': ['INF-13', 'INF-11'],
  'offboarding:return_item': ['INF-13'],
  'offboarding:virus_check': ['INF-6', 'INF-13'],
  'offboarding:quarantine_disposal': ['INF-6', 'INF-13'],
  'offboarding:quarantine_review': ['INF-6', 'INF-13'],
  'offboarding:responsibility_handover': ['EQ-1', 'INF-9'],
  'onboarding:rules_acknowledgement': ['EQ-5', 'SYS-3', 'SYS-4', 'AID-1'],
  'offboarding:missing_signoff': ['INF-13'],
  'offboarding:agent_id_retired': ['AID-1', 'INF-12'],
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Queryable {
  query: (sql: string, params?: unknown[]) => Promise<any>;
}

/**
 * The clauses an event of a process serves: of the step when it has one of its own, else of the process.
 * An access request's are its kind's, read from its read model; its `process.started` comes before the
 * request is recorded and so names none (the `access_request.submitted` right after it names them).
 */
export async function processClauses(m: Queryable, process: ProcessKind, processKey: string, step?: string): Promise<ClauseId[]> {
  if (process !== 'access_request') return clausesOf(process, processKey, step, null);
  if (!UUID.test(processKey)) return []; // a request id is a uuid; anything else would make the query fail
  const [row]: { kind: AccessKind }[] = await m.query(`SELECT kind FROM access_requests WHERE id = $1`, [processKey]);
  return clausesOf(process, processKey, step, row?.kind ?? null);
}

/** The same rule, given an access request's kind (null: not recorded yet) — for callers that read it already. */
export function clausesOf(process: ProcessKind, processKey: string, step: string | undefined, accessKind: AccessKind | null): ClauseId[] {
  if (process === 'access_request') return accessKind ? [...ACCESS_KIND_CLAUSES[accessKind]] : [];
  // A duty's occurrence key starts with its id (libs/policy/duties.ts dutyOccurrenceId): its definition names the clauses.
  if (process === 'duty') {
    const dutyId = processKey.split(':')[0];
    return isDutyId(dutyId) && DUTIES[dutyId] ? [...DUTIES[dutyId].clauses] : [];
  }
  return [...((step !== undefined ? STEP_CLAUSES[`${process}:${step}`] : undefined) ?? PROCESS_CLAUSES[process])];
}
