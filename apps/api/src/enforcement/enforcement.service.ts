import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import type { AppConfig } from '../../../../libs/config/config.js';
import { DomainError, ErrorCode } from '../../../../libs/policy/errors.js';
import { directoryDrift, removalsPending } from '../../../../libs/read-models/enforcement.js';
import { loadEnforcementSettings, type EnforcementSettings } from '../../../../libs/enforcement/directory-config.js';
import { CONFIG, TEMPORAL_CLIENT } from '../core/tokens.js';
import { WorkflowGateway } from '../processes/workflow-gateway.service.js';
import type { EnforcementStatusDto, ReconcileResultDto } from './enforcement.dto.js';

/** One Schedule per deployment (its task queue): several API replicas create it, the first one wins. */
export const reconcileScheduleId = (taskQueue: string) => `custodian-directory-reconcile-${taskQueue}`;

/**
 * The IT console's view of enforcement: which kinds a directory enforces, grants whose removal is still
 * being retried (with the error), and drift found by reconciliation. Reconciliation runs on a Temporal
 * Schedule (created idempotently by whichever API replica starts first) and on demand.
 */
@Injectable()
export class EnforcementService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Enforcement');
  private readonly settings: EnforcementSettings | null;

  constructor(
    private readonly ds: DataSource,
    private readonly workflows: WorkflowGateway,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {
    this.settings = loadEnforcementSettings(config);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings) return;
    try {
      await this.client.schedule.create({
        scheduleId: reconcileScheduleId(this.config.TEMPORAL_TASK_QUEUE),
        spec: { intervals: [{ every: this.settings.reconcileEvery as `${number}m` }] },
        action: { type: 'startWorkflow', workflowType: 'reconcileDirectoryWorkflow', taskQueue: this.config.TEMPORAL_TASK_QUEUE, args: [] },
        policies: { overlap: 'SKIP' },
      });
      this.logger.log(`directory reconciliation scheduled every ${this.settings.reconcileEvery} (${this.settings.reconcileMode})`);
    } catch (e) {
      if (!(e instanceof ScheduleAlreadyRunning)) this.logger.warn(`could not create the reconciliation schedule: ${(e as Error).message}`);
    }
  }

  async status(): Promise<EnforcementStatusDto> {
    const removalPending = await removalsPending(this.ds);
    const drift = await directoryDrift(this.ds);
    return {
      connected: !!this.settings,
      groups: this.settings?.groups ?? {},
      reconcileMode: this.settings?.reconcileMode ?? null,
      reconcileEvery: this.settings?.reconcileEvery ?? null,
      removalPending: removalPending.map((r) => ({ ...r, endedAt: r.endedAt.toISOString(), attempts: Number(r.attempts ?? 0), lastAttemptAt: r.lastAttemptAt?.toISOString() ?? null })),
      drift: drift.map((d) => ({ ...d, seenAt: d.seenAt.toISOString() })),
    };
  }

  async reconcile(user: AuthUser): Promise<ReconcileResultDto> {
    if (!this.settings) throw new DomainError(ErrorCode.Conflict, 'no directory is configured (LDAP_URL): there is nothing to reconcile; IT enables and disables access by hand');
    const r = await this.workflows.execute<{ found: number; corrected: number }>('reconcileDirectoryWorkflow', `directory-reconcile-${randomUUID()}`, { mode: this.settings.reconcileMode, by: user.userId });
    return { ...r, mode: this.settings.reconcileMode };
  }
}
