import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../../../libs/auth/roles.js';
import type { AgentIdEntity, AgentIdHoldingEntity } from '../../../../libs/db/entities/agent-id.entities.js';
import {
  assignAgentId,
  assignCustodian,
  assignNextStandardId,
  checkInPrivilegedId,
  createRange,
  retireAgentId,
  suspendAgentId,
} from '../../../../libs/domain/agent-ids/agent-ids.commands.js';
import { findAgentId, listAgentIds } from '../../../../libs/domain/agent-ids/agent-ids.queries.js';
import { invalid } from '../../../../libs/domain/errors.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { asActor } from '../common/actor.js';
import { EVENT_STORE } from '../core/tokens.js';
import type { AgentIdDetailDto, AgentIdDto, AgentIdPageDto, AgentIdQueryDto, AssignAgentIdDto, CreateRangeDto, HoldingDto, RangeResultDto } from './dto/agent-id.dto.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toDto = (a: AgentIdEntity): AgentIdDto => ({
  code: a.code,
  kind: a.kind,
  state: a.state,
  holderEmployeeId: a.holderEmployeeId,
  custodianUserId: a.custodianUserId,
  checkedOutToEmployeeId: a.checkedOutToEmployeeId,
  checkedOutUntil: iso(a.checkedOutUntil),
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
  retiredAt: iso(a.retiredAt),
});
const toHoldingDto = (h: AgentIdHoldingEntity): HoldingDto => ({
  id: h.id,
  employeeId: h.employeeId,
  purpose: h.purpose,
  startedAt: h.startedAt.toISOString(),
  until: iso(h.until),
  endedAt: iso(h.endedAt),
  endReason: h.endReason,
});

/**
 * The agent-ID pool (AID-1, AID-2, INF-12). The route rules are the whole access check: the pool is
 * not department-scoped, id_admin keeps it, cc_manager and the auditor read it.
 */
@Injectable()
export class AgentIdsService {
  constructor(
    private readonly ds: DataSource,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async list(q: AgentIdQueryDto): Promise<AgentIdPageDto> {
    const page = await listAgentIds(this.ds, q);
    return { ...page, items: page.items.map(toDto) };
  }

  async get(code: string): Promise<AgentIdDetailDto> {
    const { agentId, holdings } = await findAgentId(this.ds, code);
    return { ...toDto(agentId), holdings: holdings.map(toHoldingDto) };
  }

  createRange(user: AuthUser, dto: CreateRangeDto): Promise<RangeResultDto> {
    return createRange(this.events, asActor(user), dto);
  }

  async assign(user: AuthUser, code: string, dto: AssignAgentIdDto): Promise<AgentIdDetailDto> {
    if (dto.employeeId && dto.custodianUserId) throw invalid('give employeeId (standard or manager ID) or custodianUserId (privileged ID), not both', { fields: { employeeId: ['exclusive'], custodianUserId: ['exclusive'] } });
    if (dto.custodianUserId) await assignCustodian(this.events, asActor(user), { code, custodianUserId: dto.custodianUserId });
    else await assignAgentId(this.events, asActor(user), { code, employeeId: dto.employeeId! });
    return this.get(code);
  }

  async assignNext(user: AuthUser, employeeId: string): Promise<AgentIdDetailDto> {
    const { code } = await assignNextStandardId(this.events, asActor(user), { employeeId });
    return this.get(code);
  }

  async suspend(user: AuthUser, code: string, reason?: string): Promise<AgentIdDetailDto> {
    await suspendAgentId(this.events, asActor(user), { code, reason });
    return this.get(code);
  }

  async retire(user: AuthUser, code: string, reason?: string): Promise<AgentIdDetailDto> {
    await retireAgentId(this.events, asActor(user), { code, reason });
    return this.get(code);
  }

  async checkIn(user: AuthUser, code: string): Promise<AgentIdDetailDto> {
    await checkInPrivilegedId(this.events, asActor(user), { code, reason: 'returned' });
    return this.get(code);
  }
}
