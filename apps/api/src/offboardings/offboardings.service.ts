import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readScope } from '../../../../libs/policy/access.js';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { addReturnItemUpdate, offboardingWorkflowId, processSubject, type OffboardingInput } from '../../../../libs/policy/index.js';
import { lockLeaverAccount } from '../../../../libs/domain/directory/leavers.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { conflict, DomainError, ErrorCode, notFound } from '../../../../libs/policy/errors.js';
import { keyedUuid } from '../../../../libs/domain/keyed-id.js';
import { findProcess, listProcesses, type ProcessRow } from '../../../../libs/read-models/processes.js';
import { employeeForProcess } from '../../../../libs/read-models/directory.js';
import { returnItemsOf } from '../../../../libs/read-models/return-items.js';
import { IdempotentRequests } from '../common/idempotency-key.js';
import { AUTHORIZATION } from '../../../../libs/policy/authorization.js';

const PROCESS_READERS = AUTHORIZATION.offboarding.readAll;
import type { ProcessQueryDto } from '../processes/process.dto.js';
import { processView } from '../processes/process-view.js';
import { PROCESS_SETTINGS } from '../processes/processes.module.js';
import { StartQuotas } from '../processes/start-quotas.service.js';
import type { ProcessSettings } from '../processes/process-settings.js';
import { untilRecorded } from '../processes/read-model.js';
import { WorkflowGateway } from '../processes/workflow-gateway.service.js';
import { EVENT_STORE } from '../core/tokens.js';
import type { AddReturnItemDto, CreateOffboardingDto, OffboardingDto, OffboardingPageDto } from './dto/offboarding.dto.js';

@Injectable()
export class OffboardingsService {
  constructor(
    private readonly ds: DataSource,
    private readonly workflows: WorkflowGateway,
    @Inject(PROCESS_SETTINGS) private readonly settings: ProcessSettings,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly keys: IdempotentRequests,
    private readonly quotas: StartQuotas,
  ) {}

  async list(user: AuthUser, q: ProcessQueryDto): Promise<OffboardingPageDto> {
    const page = await listProcesses(this.ds, 'offboarding', readScope(user, PROCESS_READERS), q);
    return { ...page, items: await Promise.all(page.items.map((p) => this.view(p, false))) };
  }

  async get(user: AuthUser, employeeId: string): Promise<OffboardingDto> {
    return this.view(await findProcess(this.ds, 'offboarding', employeeId, readScope(user, PROCESS_READERS)), true);
  }

  /** HR starts it for an active employee: access is revoked at once, then the return checklist runs (INF-13). */
  async create(user: AuthUser, dto: CreateOffboardingDto): Promise<OffboardingDto> {
    const e = await employeeForProcess(this.ds, dto.employeeId);
    if (!e) throw notFound('employee', dto.employeeId);
    // Separation of duties (INF-13, SYS-1): the leaver's carriers are checked by others; nobody offboards themselves.
    if (e.user_id === user.userId || user.employeeId === dto.employeeId) throw new DomainError(ErrorCode.SeparationOfDuties, 'you cannot offboard your own employee record; ask another HR person');
    if (e.status !== 'active') throw conflict(`employee ${dto.employeeId} is ${e.status}; only an active employee is offboarded`);
    const input: OffboardingInput = {
      employeeId: dto.employeeId,
      // Without an account they hold no access requests; the employee id then matches no requester.
      employeeUserId: e.user_id ?? dto.employeeId,
      departmentId: e.department_id,
      startedBy: user.userId,
      extraItems: dto.extraItems ?? [],
      reason: dto.reason,
      settings: this.settings.offboarding,
    };
    return this.quotas.run(user.userId, 'offboarding', undefined, async () => {
      // INF-13, AID-1: the leaver is out the moment HR starts it (account, sessions, roles); the workflow
      // repeats it durably as its first step, which then changes nothing.
      if (e.user_id) await lockLeaverAccount(this.events, { actor: { id: user.userId } }, { userId: e.user_id, employeeId: dto.employeeId, subject: processSubject('offboarding', dto.employeeId) });
      const started = await this.workflows.startRecorded('offboardingWorkflow', offboardingWorkflowId(dto.employeeId), 'offboarding', input);
      return started === 'recorded' ? this.get(user, dto.employeeId) : untilRecorded(() => this.get(user, dto.employeeId), `offboarding of ${dto.employeeId}`);
    });
  }

  /**
   * HR adds a carrier while the checklist is open (the workflow refuses once it is complete). With an
   * Idempotency-Key the Update's id comes from the sender and the key, so the same request sent again
   * (a lost answer, a 503) joins the first and lists one item (INF-13: the checklist is what is owed);
   * another item, or the same one for another employee, under that key is 409 (IdempotentRequests).
   */
  async addItem(user: AuthUser, employeeId: string, dto: AddReturnItemDto, idempotencyKey?: string): Promise<OffboardingDto> {
    const p = await findProcess(this.ds, 'offboarding', employeeId, readScope(user, PROCESS_READERS));
    const keyed = idempotencyKey ? { userId: user.userId, route: `return-item:${employeeId}`, key: idempotencyKey, body: dto } : undefined;
    return this.keys.run(keyed, async () => {
      const updateId = idempotencyKey ? `add-item:${keyedUuid('return-item', user.userId, idempotencyKey)}` : undefined;
      await this.workflows.update(p.workflow_id, addReturnItemUpdate, { by: user.userId, label: dto.label, kind: dto.kind }, { updateId });
      return this.get(user, employeeId);
    });
  }

  private async view(p: ProcessRow, detail: boolean): Promise<OffboardingDto> {
    const items = await returnItemsOf(this.ds, p.workflow_id);
    return {
      ...(await processView(this.ds, p, detail)),
      employeeName: p.employee_name,
      reason: p.note,
      items: items.map((i) => ({
        itemId: i.id,
        kind: i.kind,
        label: i.label,
        state: i.state,
        checkedBy: i.checked_by,
        checkedByName: i.checked_by_name,
        note: i.note,
        virusCheck: i.virus_result ? { result: i.virus_result, by: i.virus_checked_by!, byName: i.virus_checked_by_name } : null,
        signedOffBy: i.signed_off_by,
        signedOffByName: i.signed_off_by_name,
        disposedBy: i.disposed_by,
        disposedByName: i.disposed_by_name,
        disposalNote: i.disposal_note,
      })),
    };
  }
}
