import { randomUUID } from 'node:crypto';
import { accessRequestSubject as requestSubject, type AccessKind } from '../../policy/index.js';
import { command } from '../command.js';
import type { EventStore } from '../events/event-store.js';
import type { Projector } from '../events/projector.js';
import { ACCESS_KIND_CLAUSES, grantEndClauses } from '../processes/process-clauses.js';

/**
 * Grants as the systems that enforce them see them (SYS-1, SYS-5, INF-6). Each event is written only
 * after the directory confirmed the change, so the trail never claims an access that the network did
 * not grant or end.
 */
export const EnforcementEvents = {
  provisioned: 'grant.provisioned',
  deprovisioned: 'grant.deprovisioned',
  groupEmptied: 'directory.group_emptied',
  drift: 'directory.drift_found',
  personDeprovisioned: 'directory.person_deprovisioned',
} as const;

export interface GrantProvisioned {
  grantId: string;
  requestId: string;
  kind: AccessKind;
  system: 'directory';
  group: string;
  entry: string;
  by: string;
}
export interface GrantDeprovisioned extends GrantProvisioned {
  reason: string;
}
export interface GroupEmptied {
  kind: AccessKind;
  group: string;
  removed: number;
  entries: string[];
  by: string;
  reason: string;
}
export interface DriftFound {
  driftId: string;
  group: string;
  entry: string;
  direction: 'member_without_grant' | 'grant_without_member';
  grantId: string | null;
  corrected: boolean;
}

/** INF-13, AID-1: a leaver is out of every managed group and, where configured, disabled in the directory. */
export interface PersonDeprovisioned {
  userId: string;
  employeeId: string;
  username: string;
  /** Their directory entry; null when the directory has none (nothing to remove or disable). */
  entry: string | null;
  /** Every managed group the directory confirmed they are not in. */
  groups: string[];
  /** The groups they were found in and removed from (a retry after a partial run may list fewer). */
  removedFrom: string[];
  disabled: boolean;
  by: string;
}


/** The directory side of grants; the grants table itself belongs to the access projector. */
export const enforcementProjector: Projector = {
  name: 'enforcement',
  tables: ['directory_drift'],
  handlers: {
    [EnforcementEvents.deprovisioned]: async (m, e) => {
      const p = e.payload as GrantDeprovisioned;
      await m.query(`UPDATE grants SET deprovisioned_at = $2 WHERE id = $1`, [p.grantId, e.occurredAt]);
    },
    [EnforcementEvents.drift]: async (m, e) => {
      const p = e.payload as DriftFound;
      await m.query(`INSERT INTO directory_drift (id, group_dn, entry, direction, grant_id, corrected, seen_at, seen_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        p.driftId, p.group, p.entry, p.direction, p.grantId, p.corrected, e.occurredAt, e.actor,
      ]);
    },
  },
};

/*
 * Recorded after the directory confirmed, under the activity's key. The actor is `by` of the input;
 * database errors pass through so the activity retries (command.ts).
 */
const byActor = { actor: (p: { by: string }) => p.by, translateErrors: false };

export const recordGrantProvisioned = command(async (uow, p: GrantProvisioned) => {
  await uow.emit({ subject: requestSubject(p.requestId), type: EnforcementEvents.provisioned, payload: p, clauses: ACCESS_KIND_CLAUSES[p.kind] });
}, byActor);

export const recordGrantDeprovisioned = command(async (uow, p: GrantDeprovisioned) => {
  await uow.emit({ subject: requestSubject(p.requestId), type: EnforcementEvents.deprovisioned, payload: p, clauses: ACCESS_KIND_CLAUSES[p.kind] });
  await uow.manager.query(`DELETE FROM grant_removal_status WHERE grant_id = $1`, [p.grantId]);
}, byActor);

export const recordGroupEmptied = command(async (uow, p: GroupEmptied) => {
  await uow.emit({ subject: `directory-group:${p.kind}`, type: EnforcementEvents.groupEmptied, payload: p, clauses: grantEndClauses(p.kind, 'emergency_cut_off') });
  return { removed: p.removed };
}, byActor);

/** Drift in the group of one kind: an access held without approval, or approved and not enforced. */
export const recordDrift = command(async (uow, i: { kind: AccessKind; by: string; found: Omit<DriftFound, 'driftId'>[] }) => {
  for (const d of i.found) await uow.emit<DriftFound>({ subject: `directory-group:${d.group}`, type: EnforcementEvents.drift, payload: { driftId: randomUUID(), ...d }, clauses: ACCESS_KIND_CLAUSES[i.kind] });
}, byActor);

export const recordPersonDeprovisioned = command(async (uow, p: PersonDeprovisioned) => {
  await uow.emit({ subject: `user:${p.userId}`, type: EnforcementEvents.personDeprovisioned, payload: p, clauses: ['INF-13', 'AID-1', 'SYS-1', 'INF-6'] });
  return p;
}, byActor);

/** A removal failed and Temporal will retry it: IT sees the error (operational, not an event). */
export async function recordRemovalFailure(events: EventStore, p: { grantId: string; error: string }): Promise<void> {
  await events.dataSource.query(
    `INSERT INTO grant_removal_status (grant_id, attempts, last_error, last_attempt_at) VALUES ($1, 1, $2, now())
     ON CONFLICT (grant_id) DO UPDATE SET attempts = grant_removal_status.attempts + 1, last_error = EXCLUDED.last_error, last_attempt_at = now()`,
    [p.grantId, p.error.slice(0, 500)],
  );
}
