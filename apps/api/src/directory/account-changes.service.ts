import { AUTHORIZATION } from '../../../../libs/policy/authorization.js';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuthUser, Role } from '../../../../libs/policy/roles.js';
import { accountChangeWorkflowId, HR_ONLY_ROLES, text, type AccountChange, type AccountChangeInput } from '../../../../libs/policy/index.js';
import { checkPasswordPolicy, hashPassword } from '../../../../libs/domain/accounts/passwords.js';
import { discardAccountChangeSecret, storeAccountChangeSecret } from '../../../../libs/domain/directory/account-changes.js';
import { findAccountChangeRequest, usernameOf, type AccountChangeRequestRow } from '../../../../libs/read-models/directory.js';
import { forbidden, notFound } from '../../../../libs/policy/errors.js';
import { PROCESS_SETTINGS } from '../processes/processes.module.js';
import type { ProcessSettings } from '../processes/process-settings.js';
import { WorkflowGateway } from '../processes/workflow-gateway.service.js';
import type { AccountChangeDto } from './dto/account-change.dto.js';

/** The change as people read it: whether a password is set, never the password or its hash (neither is stored here). */
const shown = ({ withPassword, ...rest }: Record<string, unknown>) => ({ ...rest, passwordReset: withPassword === true });

const toDto = (r: AccountChangeRequestRow): AccountChangeDto => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  requestedBy: r.requested_by,
  approverRole: r.approver_role,
  userId: r.target_user_id,
  change: shown(r.change),
  decidedBy: r.decided_by,
  reason: r.reason,
  requestedAt: r.requested_at.toISOString(),
  closedAt: r.closed_at?.toISOString() ?? null,
});

/**
 * Only HR grants hr and auditor: the call-center manager may not (and so cannot make a second HR or
 * auditor account for themselves either).
 */
export function assertMayGrant(user: AuthUser, roles: readonly Role[], previous: readonly Role[]): void {
  if (user.roles.includes('hr')) return;
  const hrOnly = roles.filter((r) => HR_ONLY_ROLES.includes(r) && !previous.includes(r));
  if (hrOnly.length) throw forbidden(`only HR may grant the roles ${hrOnly.join(', ')}`);
}

/**
 * Four eyes on power (INF-9; SYS-1, INF-6, INF-12 separation of duties): a privileged account change
 * becomes a request that accountChangeWorkflow puts in the approvers' inbox. The password, if any, is
 * hashed here (argon2) and the hash kept in account_change_secrets under the request id; neither the
 * password nor its hash travels through Temporal.
 */
@Injectable()
export class AccountChangesService {
  constructor(
    private readonly ds: DataSource,
    private readonly workflows: WorkflowGateway,
    @Inject(PROCESS_SETTINGS) private readonly settings: ProcessSettings,
  ) {}

  async request(user: AuthUser, change: AccountChange, opts: { password?: string; grants: Role[]; subjectUserId: string | null; describe: string }): Promise<AccountChangeDto> {
    const requestId = randomUUID();
    if (opts.password !== undefined) {
      // The policy is checked now, on the password itself: only its hash waits for the approval.
      const username =
        change.kind === 'create_user' ? change.username : ((await usernameOf(this.ds, change.userId)) ?? '');
      checkPasswordPolicy(opts.password, username);
      await storeAccountChangeSecret(this.ds.manager, requestId, await hashPassword(opts.password));
    }
    // A second HR person approves hr and auditor grants; otherwise the other directory role does.
    const approverRole: Role = opts.grants.some((r) => HR_ONLY_ROLES.includes(r)) || !user.roles.includes('hr') ? 'hr' : 'cc_manager';
    const input: AccountChangeInput = {
      requestId,
      requestedBy: user.userId,
      change,
      approverRole,
      escalationRole: approverRole === 'hr' ? 'cc_manager' : 'hr',
      subjectUserId: opts.subjectUserId,
      summary: text(`Account change: ${opts.describe}`, `账号变更：${opts.describe}`),
      details: { kind: change.kind, roles: opts.grants.join(', ') || null, passwordReset: change.withPassword },
      settings: this.settings.accountChange,
    };
    try {
      await this.workflows.start('accountChangeWorkflow', accountChangeWorkflowId(requestId), 'account_change', input);
    } catch (e) {
      await discardAccountChangeSecret(this.ds, requestId);
      throw e;
    }
    // Answered from what was started (the workflow records it as its first step; GET reads that record).
    return {
      id: requestId, kind: change.kind, status: 'pending', requestedBy: user.userId, approverRole, userId: opts.subjectUserId,
      change: shown({ ...change }), decidedBy: null, reason: null, requestedAt: new Date().toISOString(), closedAt: null,
    };
  }

  /** The requester, the directory managers and the auditor follow a request; anyone else gets 404. */
  async get(user: AuthUser, id: string): Promise<AccountChangeDto> {
    const row = await findAccountChangeRequest(this.ds, id);
    const mayRead = row && (row.requested_by === user.userId || user.roles.some((r) => (AUTHORIZATION.accountChanges.readAll as readonly Role[]).includes(r)));
    if (!mayRead) throw notFound('account change', id);
    return toDto(row);
  }
}
