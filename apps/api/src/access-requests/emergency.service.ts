import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { accessRequestWorkflowId, emergencyCutOffSignal } from '../../../../libs/policy/index.js';
import { closeAbandonedAccessRequest } from '../../../../libs/domain/access/abandoned.js';
import { recordEmergencyCutOff } from '../../../../libs/domain/access/emergency.js';
import { openExternalNetworkRequests } from '../../../../libs/read-models/access-requests.js';
import { DomainError, ErrorCode } from '../../../../libs/policy/errors.js';
import { reauthenticationRequired, recentlyReauthenticated } from '../../../../libs/policy/decision-links.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { asActor } from '../common/actor.js';
import { EVENT_STORE } from '../core/tokens.js';
import { WorkflowGateway } from '../processes/workflow-gateway.service.js';
import type { EmergencyResultDto, ReasonDto } from './dto/access-request.dto.js';

/**
 * SYS-5: IT (or the call center manager) shuts all external network access off at once. The decision
 * is recorded first (who, why, which requests), then every open request's workflow is told in parallel:
 * an active grant is revoked without waiting for anyone, a request still in approval or awaiting
 * enablement ends cancelled and never becomes active (one IT already enabled at that moment is recorded
 * and revoked at once: access-request.workflow.ts). A request whose workflow is gone is closed directly in the domain, so nothing stays active.
 */
@Injectable()
export class EmergencyService {
  constructor(
    private readonly ds: DataSource,
    private readonly workflows: WorkflowGateway,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async revokeAllExternal(user: AuthUser, dto: ReasonDto): Promise<EmergencyResultDto> {
    // SYS-5 is privileged: only with the password typed again in the last minutes (libs/policy/decision-links.ts).
    if (!recentlyReauthenticated(user.reauthenticatedAt, Date.now())) throw reauthenticationRequired();
    const open = await openExternalNetworkRequests(this.ds);
    const requestIds = open.map((r) => r.id);
    const active = open.filter((r) => r.status === 'active').map((r) => r.id);
    const stopped = open.filter((r) => r.status !== 'active').map((r) => r.id);
    await recordEmergencyCutOff(this.events, asActor(user), { reason: dto.reason, requestIds, active, stopped });
    // First the network: the directory group is emptied in one operation, so nobody keeps the access
    // while each request's workflow records its end (their removals then find the member gone).
    const directory = await this.workflows.execute<{ connected: boolean; removed: number }>(
      'accessGroupCutOffWorkflow', `directory-cut-off-${randomUUID()}`, { kind: 'external_network', by: user.userId, reason: dto.reason },
    );
    await Promise.all(requestIds.map((id) => this.cutOff(user, id, dto.reason)));
    return { revoked: active.length, stopped: stopped.length, requestIds, directoryRemoved: directory.connected ? directory.removed : null };
  }

  private async cutOff(user: AuthUser, requestId: string, reason: string): Promise<void> {
    try {
      await this.workflows.signal(accessRequestWorkflowId(requestId), emergencyCutOffSignal, { by: user.userId, reason });
    } catch (e) {
      // The gateway reports a missing or closed workflow as "already ended". One that ended normally has
      // marked its request ended (nothing changes below); a terminated or failed one never will.
      if (!(e instanceof DomainError && e.code === ErrorCode.AlreadyDecided)) throw e;
      await closeAbandonedAccessRequest(this.events, asActor(user), { requestId, reason: 'emergency_cut_off', by: user.userId, comment: `emergency cut-off (SYS-5): ${reason}` });
    }
  }
}
