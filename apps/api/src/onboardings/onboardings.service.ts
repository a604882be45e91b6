import { AUTHORIZATION } from '../../../../libs/policy/authorization.js';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readScope } from '../../../../libs/policy/access.js';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import type { AppConfig } from '../../../../libs/config/config.js';
import { onboardingWorkflowId, type OnboardingInput } from '../../../../libs/policy/index.js';
import { conflict, DomainError, ErrorCode, invalid, notFound } from '../../../../libs/policy/errors.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { currentAgreement } from '../../../../libs/domain/onboarding/agreement.js';
import { DEFAULT_RULES_SETTINGS, rulesAcknowledgementWorkflowId, type RulesAcknowledgementInput } from '../../../../libs/policy/rules.js';
import { createNewHire } from '../../../../libs/domain/onboarding/new-hire.js';
import { findProcess, listProcesses, type ProcessRow } from '../../../../libs/read-models/processes.js';
import { employeeForProcess } from '../../../../libs/read-models/directory.js';
import { latestAgreementSignature, workstationIpOf } from '../../../../libs/read-models/onboardings.js';
import { asActor } from '../common/actor.js';
import { IdempotentRequests } from '../common/idempotency-key.js';
import { CONFIG, EVENT_STORE } from '../core/tokens.js';
import type { ProcessQueryDto } from '../processes/process.dto.js';
import { processView } from '../processes/process-view.js';
import { PROCESS_SETTINGS } from '../processes/processes.module.js';
import { StartQuotas } from '../processes/start-quotas.service.js';
import type { ProcessSettings } from '../processes/process-settings.js';
import { untilRecorded } from '../processes/read-model.js';
import { WorkflowGateway } from '../processes/workflow-gateway.service.js';
import type { CreateOnboardingDto, OnboardingDto, OnboardingPageDto } from './dto/onboarding.dto.js';

/** HR, the call center manager and the auditor see every onboarding; a supervisor their department; the new employee their own. */
export const PROCESS_READERS = AUTHORIZATION.onboarding.readAll;

@Injectable()
export class OnboardingsService {
  constructor(
    private readonly ds: DataSource,
    private readonly workflows: WorkflowGateway,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(PROCESS_SETTINGS) private readonly settings: ProcessSettings,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly keys: IdempotentRequests,
    private readonly quotas: StartQuotas,
  ) {}

  async list(user: AuthUser, q: ProcessQueryDto): Promise<OnboardingPageDto> {
    const page = await listProcesses(this.ds, 'onboarding', readScope(user, PROCESS_READERS), q);
    return { ...page, items: await Promise.all(page.items.map((p) => this.view(p, false))) };
  }

  async get(user: AuthUser, employeeId: string): Promise<OnboardingDto> {
    return this.view(await findProcess(this.ds, 'onboarding', employeeId, readScope(user, PROCESS_READERS)), true);
  }

  /**
   * Creates the employee (pending) and their account, or takes an existing pending one, and starts the
   * workflow. With an idempotency key, a retry after a lost answer gets the employee the first attempt
   * created (the command's stored result) and that employee's onboarding, instead of a second hire;
   * another person under that key is 409 (IdempotentRequests), never the first person's onboarding.
   */
  async create(user: AuthUser, dto: CreateOnboardingDto, idempotencyKey?: string): Promise<OnboardingDto> {
    const keyed = idempotencyKey ? { userId: user.userId, route: 'onboarding', key: idempotencyKey, body: dto } : undefined;
    return this.keys.run(keyed, () => this.quotas.run(user.userId, 'onboarding', idempotencyKey, async () => {
      const { employeeId, employeeUserId, departmentId } = dto.employeeId ? await this.existing(user, dto) : await this.newEmployee(user, dto, idempotencyKey);
      const input: OnboardingInput = { employeeId, employeeUserId, departmentId, startedBy: user.userId, agreement: currentAgreement(), settings: this.settings.onboarding };
      const started = await this.workflows.startRecorded('onboardingWorkflow', onboardingWorkflowId(employeeId), 'onboarding', input, { retry: !!idempotencyKey });
      // EQ-5, SYS-3, SYS-4, AID-1: the yearly rules cycle, which asks once the employee is active and every year after.
      // Never started twice for one employee ('existing' when a retry or a second onboarding finds it).
      const rules: RulesAcknowledgementInput = { employeeId, employeeUserId, departmentId, settings: DEFAULT_RULES_SETTINGS };
      await this.workflows.start('rulesAcknowledgementWorkflow', rulesAcknowledgementWorkflowId(employeeId), 'onboarding', rules, { retry: true });
      return started === 'recorded' ? this.get(user, employeeId) : untilRecorded(() => this.get(user, employeeId), `onboarding of ${employeeId}`);
    }));
  }

  private async existing(user: AuthUser, dto: CreateOnboardingDto): Promise<{ employeeId: string; employeeUserId: string; departmentId: string }> {
    if (dto.fullName || dto.username || dto.departmentId || dto.password) throw invalid('give either employeeId, or fullName, username and departmentId');
    const e = await employeeForProcess(this.ds, dto.employeeId!);
    if (!e) throw notFound('employee', dto.employeeId!);
    // Separation of duties (SYS-1, INF-12): onboarding gives an agent ID, accounts and access; nobody starts it for themselves.
    if (e.user_id === user.userId || user.employeeId === dto.employeeId) throw new DomainError(ErrorCode.SeparationOfDuties, 'you cannot onboard your own employee record; ask another HR person');
    if (e.status !== 'pending') throw conflict(`employee ${dto.employeeId} is ${e.status}; only a pending employee is onboarded`);
    if (!e.user_id) throw invalid('the employee has no user account yet: they need one to sign the agreement (POST /api/users with employeeId)');
    return { employeeId: dto.employeeId!, employeeUserId: e.user_id, departmentId: e.department_id };
  }

  private async newEmployee(user: AuthUser, dto: CreateOnboardingDto, idempotencyKey?: string): Promise<{ employeeId: string; employeeUserId: string; departmentId: string }> {
    if (!dto.fullName || !dto.username || !dto.departmentId) throw invalid('fullName, username and departmentId are required for a new employee', { fields: { fullName: ['required'], username: ['required'], departmentId: ['required'] } });
    const { fullName, username, departmentId, password } = dto;
    const key = idempotencyKey && `api:onboarding:${user.userId}:${idempotencyKey}`;
    return createNewHire(this.events, { ...asActor(user), ...(key ? { idempotencyKey: key } : {}) }, { departmentId, fullName, username, password, timeZone: this.config.DEFAULT_TIME_ZONE });
  }

  private async view(p: ProcessRow, detail: boolean): Promise<OnboardingDto> {
    const ip = await workstationIpOf(this.ds, p.process_key);
    const sig = await latestAgreementSignature(this.ds, p.process_key);
    return {
      ...(await processView(this.ds, p, detail)),
      userId: p.subject_user_id,
      workstationIp: ip,
      agreement: sig ? { version: sig.version, textHash: sig.text_hash, signedAt: sig.signed_at.toISOString() } : null,
    };
  }
}
