import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../../../libs/auth/roles.js';
import { accessRequestWorkflowId, emergencyCutOffSignal } from '../../../../libs/contracts/index.js';
import { activeExternalNetworkRequests } from '../../../../libs/domain/access/access-queries.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { asActor } from '../common/actor.js';
import { EVENT_STORE } from '../core/tokens.js';
import { WorkflowGateway } from '../processes/workflow-gateway.service.js';
import type { EmergencyResultDto, ReasonDto } from './dto/access-request.dto.js';

export const EMERGENCY_CUT_OFF = 'emergency.external_access_cut_off';

/**
 * SYS-5: IT (or the call center manager) shuts all external network access off at once. The decision
 * is recorded first (who, why, which requests), then every active grant's workflow is told in parallel
 * and revokes without waiting for anyone.
 */
@Injectable()
export class EmergencyService {
  constructor(
    private readonly ds: DataSource,
    private readonly workflows: WorkflowGateway,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async revokeAllExternal(user: AuthUser, dto: ReasonDto): Promise<EmergencyResultDto> {
    const requestIds = await activeExternalNetworkRequests(this.ds);
    await this.events.execute(asActor(user), async (uow) => {
      await uow.emit({ subject: 'emergency:external-access', type: EMERGENCY_CUT_OFF, payload: { reason: dto.reason, requestIds } });
    });
    await Promise.all(requestIds.map((id) => this.workflows.signal(accessRequestWorkflowId(id), emergencyCutOffSignal, { by: user.userId, reason: dto.reason }).catch(() => undefined)));
    return { revoked: requestIds.length, requestIds };
  }
}
