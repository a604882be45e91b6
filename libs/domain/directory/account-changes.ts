import type { DataSource, EntityManager } from 'typeorm';
import { processSubject, type AccountChange, type AccountChangeStatus } from '../../policy/index.js';
import type { Role } from '../../policy/roles.js';
import { conflict } from '../../policy/errors.js';
import { command } from '../command.js';
import type { Projector } from '../events/projector.js';
import { createUser, patchUser } from './users.js';

/**
 * Four eyes on power (INF-9; SYS-1, INF-6, INF-12 separation of duties): a privileged account change
 * is requested, approved by a second person in the inbox (accountChangeWorkflow), then applied here.
 * A password chosen for the change never travels through Temporal: the API stores its argon2 hash in
 * account_change_secrets under the request id; applying or closing the request deletes it.
 */
export const AccountChangeEvent = {
  requested: 'account_change.requested',
  applied: 'account_change.applied',
  closed: 'account_change.closed',
} as const;

export interface AccountChangeRequested {
  requestId: string;
  requestedBy: string;
  approverRole: Role;
  change: AccountChange;
}
export interface AccountChangeApplied {
  requestId: string;
  approvedBy: string;
  userId: string;
}
export interface AccountChangeClosed {
  requestId: string;
  status: Exclude<AccountChangeStatus, 'pending' | 'applied'>;
  by: string | null;
  reason: string | null;
}

const subject = (requestId: string) => processSubject('account_change', requestId);
const targetOf = (c: AccountChange): string | null => (c.kind === 'update_user' ? c.userId : null);

/** The read model of the requests (who asked what, and how it ended). */
export const accountChangesProjector: Projector = {
  name: 'account-changes',
  tables: ['account_change_requests'],
  handlers: {
    [AccountChangeEvent.requested]: async (m, e) => {
      const p = e.payload as AccountChangeRequested;
      await m.query(
        `INSERT INTO account_change_requests (id, kind, status, requested_by, approver_role, target_user_id, change, requested_at) VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7)`,
        [p.requestId, p.change.kind, p.requestedBy, p.approverRole, targetOf(p.change), JSON.stringify(p.change), e.occurredAt],
      );
    },
    [AccountChangeEvent.applied]: async (m, e) => {
      const p = e.payload as AccountChangeApplied;
      await m.query(`UPDATE account_change_requests SET status = 'applied', decided_by = $2, target_user_id = $3, closed_at = $4 WHERE id = $1`, [p.requestId, p.approvedBy, p.userId, e.occurredAt]);
    },
    [AccountChangeEvent.closed]: async (m, e) => {
      const p = e.payload as AccountChangeClosed;
      await m.query(`UPDATE account_change_requests SET status = $2, decided_by = $3, reason = $4, closed_at = $5 WHERE id = $1`, [p.requestId, p.status, p.by, p.reason, e.occurredAt]);
    },
  },
};

/** Keeps a requested password's hash until the request is applied or closed (never in an event or a workflow). */
export async function storeAccountChangeSecret(m: EntityManager, requestId: string, passwordHash: string): Promise<void> {
  await m.query(`INSERT INTO account_change_secrets (request_id, password_hash, created_at) VALUES ($1, $2, now())`, [requestId, passwordHash]);
}

/** Drops the hash of a request that never started (its workflow could not be started), so no secret is left without a request. */
export async function discardAccountChangeSecret(db: DataSource | EntityManager, requestId: string): Promise<void> {
  await db.query(`DELETE FROM account_change_secrets WHERE request_id = $1`, [requestId]);
}

async function takeSecret(m: EntityManager, requestId: string): Promise<string | undefined> {
  // Read, then deleted in the same transaction (TypeORM answers a DELETE ... RETURNING as [rows, count]).
  const [row]: { password_hash: string }[] = await m.query(`SELECT password_hash FROM account_change_secrets WHERE request_id = $1 FOR UPDATE`, [requestId]);
  await m.query(`DELETE FROM account_change_secrets WHERE request_id = $1`, [requestId]);
  return row?.password_hash;
}

/*
 * What the account-change workflow's activities call; each key makes a retry return the first result.
 * Database errors pass through so the activity retries (command.ts).
 */
export const recordAccountChangeRequest = command(async (uow, p: AccountChangeRequested): Promise<void> => {
  await uow.emit<AccountChangeRequested>({ subject: subject(p.requestId), type: AccountChangeEvent.requested, payload: p, clauses: ['INF-9', 'INF-7'] });
}, { actor: (p) => p.requestedBy, translateErrors: false });

/**
 * Applies the approved change in one transaction, acting as the requester (the directory events name
 * them; the applied event names the approver). A refused change (the username was taken meanwhile)
 * rolls back and fails with its DomainError, which the workflow records as a failed request.
 */
export const applyAccountChange = command(async (uow, p: { requestId: string; requestedBy: string; approvedBy: string; change: AccountChange }): Promise<{ userId: string }> => {
  const passwordHash = await takeSecret(uow.manager, p.requestId);
  if (p.change.withPassword && passwordHash === undefined) throw conflict('the requested password is no longer stored; request the change again');
  const c = p.change;
  let userId: string;
  if (c.kind === 'create_user') {
    const { kind: _k, withPassword: _w, ...user } = c;
    userId = (await createUser.inUow(uow, { ...user, passwordHash })).id;
  } else {
    const { kind: _k, withPassword: _w, ...patch } = c;
    userId = (await patchUser.inUow(uow, { ...patch, passwordHash })).id;
  }
  await uow.emit<AccountChangeApplied>({ subject: subject(p.requestId), type: AccountChangeEvent.applied, payload: { requestId: p.requestId, approvedBy: p.approvedBy, userId }, clauses: ['INF-9', 'INF-7'] });
  return { userId };
}, { actor: (p) => p.requestedBy, translateErrors: false });

/** Rejected, expired or failed: nothing changes, and a stored password hash is deleted. */
export const closeAccountChange = command(async (uow, p: AccountChangeClosed): Promise<void> => {
  await takeSecret(uow.manager, p.requestId);
  await uow.emit<AccountChangeClosed>({ subject: subject(p.requestId), type: AccountChangeEvent.closed, payload: p, clauses: ['INF-9', 'INF-7'] });
}, { actor: (p) => p.by ?? 'system:account_change', translateErrors: false });
