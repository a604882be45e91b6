import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/config.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { reportHazard } from '../../../../libs/domain/hazards/commands.js';
import { HAZARD_CLAUSES, hazardWorkflowId, type HazardReport, type HazardState } from '../../../../libs/policy/hazards.js';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { hazards, type HazardView } from '../../../../libs/read-models/hazards.js';
import { CONFIG, EVENT_STORE, TEMPORAL_CLIENT } from '../core/tokens.js';
import type { HazardDto, HazardReportedDto, HazardsDto, ReportHazardDto } from './dto/hazards.dto.js';

const HOUR_MS = 3_600_000;

const toDto = (h: HazardView, now: number): HazardDto => ({
  ...h,
  reportedAt: h.reportedAt.toISOString(),
  fixedAt: h.fixedAt?.toISOString() ?? null,
  ageHours: Math.floor(((h.fixedAt?.getTime() ?? now) - h.reportedAt.getTime()) / HOUR_MS),
});

/**
 * EQ-2, EQ-4: hazards reported at once by whoever finds one, listed with their age for the managers.
 * The fix is recorded through the hazard's task (hazardWorkflow), which stays open until then.
 */
@Injectable()
export class HazardsService {
  constructor(
    private readonly ds: DataSource,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async list(state: HazardState = 'open'): Promise<HazardsDto> {
    const now = Date.now();
    return { items: (await hazards(this.ds, state)).map((h) => toDto(h, now)) };
  }

  /**
   * Starts the hazard's workflow first (no task without it), then records the report here as well, so the
   * caller's next read lists it; the workflow's own record of it then finds it there and adds nothing.
   */
  async report(user: AuthUser, dto: ReportHazardDto): Promise<HazardReportedDto> {
    const hazardId = randomUUID();
    const workflowId = hazardWorkflowId(hazardId);
    const report: HazardReport = { hazardId, description: dto.description.trim(), reportedBy: user.userId, dutyId: null, occurrenceId: null, clauses: HAZARD_CLAUSES[dto.during ?? 'equipment_check'] };
    await this.client.workflow.start('hazardWorkflow', { taskQueue: this.config.TEMPORAL_TASK_QUEUE, workflowId, args: [report] });
    await reportHazard(this.events, { idempotencyKey: `${workflowId}:reported` }, { ...report, workflowId });
    return { hazardId, state: 'open' };
  }
}
