import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import type { AgentIdRow, AgentIdHoldingRow } from '../../../../libs/db/rows.js';
import {
  assignAgentId,
  assignCustodian,
  assignNextStandardId,
  checkInPrivilegedId,
  createRange,
  grantHolding,
  retireAgentId,
  suspendAgentId,
} from '../../../../libs/domain/agent-ids/commands.js';
import { checkedOutUnderGrant, findAgentId, listAgentIds } from '../../../../libs/read-models/agent-ids.js';
import { revokeSignal } from '../../../../libs/policy/index.js';
import { closeAbandonedAccessRequest } from '../../../../libs/domain/access/abandoned.js';
import { DomainError, ErrorCode, invalid } from '../../../../libs/policy/errors.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { asActor } from '../common/actor.js';
import { EVENT_STORE } from '../core/tokens.js';
import { WorkflowGateway } from '../processes/workflow-gateway.service.js';
import type { AgentIdDetailDto, AgentIdDto, AgentIdPageDto, AgentIdQueryDto, AssignAgentIdDto, CreateRangeDto, HoldingDto, RangeResultDto } from './dto/agent-id.dto.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toDto = (a: AgentIdRow): AgentIdDto => ({
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
const toHoldingDto = (h: AgentIdHoldingRow): HoldingDto => ({
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
    private readonly workflows: WorkflowGateway,
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

  /**
   * AID-2: the custodian takes a lent privileged ID back. While a grant holds it, the grant ends first
   * and through its one writer: the request's workflow is told to revoke (as by the caller), and its end
   * path checks the ID in; this waits until it has. Only a request whose workflow is gone is closed here,
   * with the domain's command for abandoned requests (as offboarding does). An ID lent under no active
   * grant (left checked out) is checked in directly.
   */
  async checkIn(user: AuthUser, code: string): Promise<AgentIdDetailDto> {
    const held = await grantHolding(this.ds.manager, code);
    if (!held) {
      await checkInPrivilegedId(this.events, asActor(user), { code, reason: 'returned' });
      return this.get(code);
    }
    const reason = `AID-2: privileged ID ${code} checked in by hand`;
    try {
      await this.workflows.signal(held.workflowId, revokeSignal, { by: user.userId, reason });
    } catch (e) {
      if (!(e instanceof DomainError && e.code === ErrorCode.AlreadyDecided)) throw e;
      const idempotencyKey = `check-in:${held.grantId}`;
      const closed = await closeAbandonedAccessRequest(this.events, { ...asActor(user), idempotencyKey }, { requestId: held.requestId, reason: 'revoked', by: user.userId, comment: `${reason}; the workflow of the request is no longer running` });
      if (closed?.resource) await checkInPrivilegedId(this.events, { ...asActor(user), idempotencyKey: `${idempotencyKey}:checkin` }, { code: closed.resource, reason: 'returned' });
    }
    const deadline = Date.now() + 10_000;
    const stillLent = async () => (await grantHolding(this.ds.manager, code))?.grantId === held.grantId || (await this.lentFor(code, held.grantId));
    while (await stillLent()) {
      if (Date.now() > deadline) throw new DomainError(ErrorCode.Unavailable, `access request ${held.requestId} was told to end its grant; ${code} is back once it has (is a worker running?): look again shortly`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.get(code);
  }

  /** True while the ID is still checked out under that (now ended) grant: the workflow checks it in next. */
  private async lentFor(code: string, grantId: string): Promise<boolean> {
    return checkedOutUnderGrant(this.ds, code, grantId);
  }
}
