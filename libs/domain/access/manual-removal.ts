import { processSubject, type AccessKind } from '../../policy/index.js';
import { command } from '../command.js';
import { ACCESS_KIND_CLAUSES } from '../processes/process-clauses.js';
import { EnforcementEvents } from './enforcement.js';

/**
 * What IT does by hand where no connector reaches (SYS-1, INF-6, AID-2, INF-7): IT's "done" on the
 * disable task is the confirmation, recorded with IT's user as `by`.
 */
export const ManualRemovalEvents = {
  itAccountsDisabled: 'employee.it_accounts_disabled',
} as const;

export interface GrantRemovedByHand {
  grantId: string;
  requestId: string;
  kind: AccessKind;
  system: 'manual';
  taskId: string;
  by: string;
  reason: string;
}

export interface ItAccountsDisabled {
  employeeId: string;
  emailAccount: string | null;
  driveAccount: string | null;
  taskId: string;
  by: string;
}

/* IT's disable task, recorded by the person who did it; database errors pass through so the activity retries (command.ts). */
export const recordGrantRemovedByHand = command(async (uow, p: GrantRemovedByHand) => {
  await uow.emit<GrantRemovedByHand>({ subject: processSubject('access_request', p.requestId), type: EnforcementEvents.deprovisioned, payload: p, clauses: ACCESS_KIND_CLAUSES[p.kind] });
}, { actor: (p) => p.by, translateErrors: false });

export const recordItAccountsDisabled = command(async (uow, p: ItAccountsDisabled) => {
  await uow.emit<ItAccountsDisabled>({ subject: processSubject('offboarding', p.employeeId), type: ManualRemovalEvents.itAccountsDisabled, payload: p, clauses: ['INF-7'] });
}, { actor: (p) => p.by, translateErrors: false });
