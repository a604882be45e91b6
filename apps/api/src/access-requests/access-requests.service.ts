import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { departmentsOf, readScope } from '../../../../libs/policy/access.js';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { accessRequestOpening, accessRequestWorkflowId, checkAccessDuration, extendSignal, MINUTE, revokeSignal, type AccessKind, type AccessRequestInput } from '../../../../libs/policy/index.js';
import { ACCESS_READERS, escalationsOf, findAccessRequest, listAccessRequests, type AccessRequestRow } from '../../../../libs/read-models/access-requests.js';
import { conflict, forbidden, invalid } from '../../../../libs/policy/errors.js';
import { keyedAccessRequestId } from '../../../../libs/domain/keyed-id.js';
import { openAccessRequest } from '../../../../libs/domain/access/access.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { employeeStatus } from '../../../../libs/read-models/directory.js';
import { signedAgreementVersions } from '../../../../libs/read-models/agreements.js';
import { CURRENT_AGREEMENT_VERSION } from '../../../../libs/domain/onboarding/agreement.js';
import { actsAsStaff, agreementStanding, unsignedRefusal } from '../../../../libs/policy/signed-staff.js';
import { decisionsOf } from '../../../../libs/read-models/tasks.js';
import { computerExists } from '../../../../libs/read-models/computers.js';
import { IdempotentRequests } from '../common/idempotency-key.js';
import { PROCESS_SETTINGS } from '../processes/processes.module.js';
import { StartQuotas } from '../processes/start-quotas.service.js';
import type { ProcessSettings } from '../processes/process-settings.js';
import { untilRecorded } from '../processes/read-model.js';
import { WorkflowGateway } from '../processes/workflow-gateway.service.js';
import { EVENT_STORE } from '../core/tokens.js';
import { toAccessRequestDto } from './access-requests.mapper.js';
import type { AccessRequestDto, AccessRequestPageDto, AccessRequestQueryDto, CreateAccessRequestDto, ExtendAccessRequestDto, ReasonDto } from './dto/access-request.dto.js';

/**
 * Access requests (SYS-1, INF-6, INF-12): the API checks who may ask, extend or revoke, then starts or
 * signals the request's workflow; it reads only the read model.
 */
@Injectable()
export class AccessRequestsService {
  constructor(
    private readonly ds: DataSource,
    private readonly workflows: WorkflowGateway,
    @Inject(PROCESS_SETTINGS) private readonly settings: ProcessSettings,
    private readonly keys: IdempotentRequests,
    private readonly quotas: StartQuotas,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async list(user: AuthUser, q: AccessRequestQueryDto): Promise<AccessRequestPageDto> {
    const scope = q.mine ? ({ kind: 'self', employeeId: user.employeeId, userId: user.userId } as const) : readScope(user, ACCESS_READERS);
    const page = await listAccessRequests(this.ds, scope, q);
    return { ...page, items: page.items.map((r) => toAccessRequestDto(r)) };
  }

  async get(user: AuthUser, id: string): Promise<AccessRequestDto> {
    const row = await findAccessRequest(this.ds, readScope(user, ACCESS_READERS), id);
    // Side by side on two pooled connections: both need only the row's workflow id.
    const [escalations, decisions] = await Promise.all([escalationsOf(this.ds, row.workflow_id), decisionsOf(this.ds, row.workflow_id)]);
    return toAccessRequestDto(row, { decisions, escalations });
  }

  /**
   * With an idempotency key the request id is derived from (user, key), so a retry after a lost answer
   * finds the request the first attempt started — even one whose workflow has not recorded it yet —
   * instead of starting a second workflow; another body under that key is 409 (IdempotentRequests).
   */
  async create(user: AuthUser, dto: CreateAccessRequestDto, idempotencyKey?: string): Promise<AccessRequestDto> {
    if (!user.departmentId) throw invalid('only staff with a department can request access (their supervisor reviews it)');
    if (dto.kind === 'special_agent_id' && !user.employeeId) throw invalid('a special agent ID is lent to employees only (AID-2)');
    const durationMs = dto.durationMinutes * MINUTE;
    this.assertDuration(dto.kind, durationMs, 'durationMinutes');
    // Two reads side by side; a leaver is told so before being told to sign.
    const [working, signed] = await Promise.allSettled([this.assertWorking(user), this.assertSigned(user)]);
    for (const check of [working, signed]) if (check.status === 'rejected') throw check.reason;
    await this.assertComputer(dto);
    const keyed = idempotencyKey ? { userId: user.userId, route: 'access-request', key: idempotencyKey, body: dto } : undefined;
    return this.keys.run(keyed, () => this.quotas.run(user.userId, 'access_request', idempotencyKey, async () => {
      const requestId = idempotencyKey ? keyedAccessRequestId(user.userId, idempotencyKey) : randomUUID();
      const input: AccessRequestInput = {
        requestId,
        kind: dto.kind,
        requester: { userId: user.userId, employeeId: user.employeeId, departmentId: user.departmentId! },
        justification: dto.justification,
        durationMs,
        settings: this.settings.access,
        ...(dto.computerTag ? { computerTag: dto.computerTag } : {}),
      };
      const workflowId = accessRequestWorkflowId(requestId);
      const started = await this.workflows.start('accessRequestWorkflow', workflowId, 'access_request', input, { retry: !!idempotencyKey });
      // A retry under an Idempotency-Key whose first attempt started the workflow: that attempt, or the
      // workflow's own first step, records it.
      if (started === 'existing') return untilRecorded(() => this.get(user, requestId), `access request ${requestId}`);
      // Recorded here, right after the start, so the answer waits for no workflow task; the workflow's
      // first step finds it recorded and opens the first approval task (or records it, had this stopped).
      await openAccessRequest(this.events, {}, accessRequestOpening(input, workflowId));
      // Just submitted: no decision or escalation to read yet.
      return toAccessRequestDto(await findAccessRequest(this.ds, readScope(user, ACCESS_READERS), requestId), { decisions: [], escalations: [] });
    }));
  }

  /** The holder asks for more time; the approval chain runs again (its stages are in the workflow). */
  async extend(user: AuthUser, id: string, dto: ExtendAccessRequestDto): Promise<AccessRequestDto> {
    const row = await this.visible(user, id);
    if (row.requester_user_id !== user.userId) throw forbidden('only the requester can ask for an extension');
    if (row.status !== 'active') throw conflict(`only an active grant can be extended; this request is ${row.status}`);
    await this.assertSigned(user);
    this.assertDuration(row.kind, dto.durationMinutes * MINUTE, 'durationMinutes');
    await this.workflows.signal(row.workflow_id, extendSignal, { by: user.userId, extraMs: dto.durationMinutes * MINUTE, reason: dto.justification });
    return this.get(user, id);
  }

  /** SYS-1: the requester, their department's supervisor or IT end a request or grant early. */
  async revoke(user: AuthUser, id: string, dto: ReasonDto): Promise<AccessRequestDto> {
    const row = await this.visible(user, id);
    const supervisor = user.roles.includes('supervisor') && departmentsOf(user).includes(row.department_id);
    if (row.requester_user_id !== user.userId && !supervisor && !user.roles.includes('it')) throw forbidden('only the requester, their supervisor or IT can revoke this access');
    if (row.status === 'ended') throw conflict('this request has already ended');
    await this.workflows.signal(row.workflow_id, revokeSignal, { by: user.userId, reason: dto.reason });
    return this.get(user, id);
  }

  private visible(user: AuthUser, id: string): Promise<AccessRequestRow> {
    return findAccessRequest(this.ds, readScope(user, ACCESS_READERS), id);
  }

  /** INF-6: a named computer is for a USB unlock or Internet request only, and must be in the machine-room inventory. */
  private async assertComputer(dto: CreateAccessRequestDto): Promise<void> {
    if (dto.computerTag === undefined) return;
    if (dto.kind === 'special_agent_id') throw invalid('computerTag names the machine-room computer of a usb_media or external_network request only', { fields: { computerTag: ['kind'] } });
    if (!(await computerExists(this.ds, dto.computerTag))) throw invalid(`no computer ${dto.computerTag} in the machine-room inventory`, { fields: { computerTag: ['unknown'] } });
  }

  private assertDuration(kind: AccessKind, ms: number, field: string): void {
    const problem = checkAccessDuration(kind, ms, this.settings.access);
    if (problem) throw invalid(problem, { fields: { [field]: ['too long or too short'] } });
  }

  /** INF-10: an account acting as staff asks for access only once its employee signed the current agreement. */
  private async assertSigned(user: AuthUser): Promise<void> {
    if (!actsAsStaff(user)) return;
    const standing = agreementStanding(user.employeeId, user.employeeId ? await signedAgreementVersions(this.ds, user.employeeId) : [], CURRENT_AGREEMENT_VERSION);
    if (!standing.signed) throw unsignedRefusal(standing, CURRENT_AGREEMENT_VERSION);
  }

  /** A leaving (or left) employee asks for nothing new: offboarding is revoking their access. */
  private async assertWorking(user: AuthUser): Promise<void> {
    if (!user.employeeId) return;
    const status = await employeeStatus(this.ds, user.employeeId);
    if (status !== undefined && status !== 'active') throw conflict(`your employee record is ${status}: new access requests are closed`);
  }
}
