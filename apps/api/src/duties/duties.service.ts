import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/config.js';
import { localDate } from '../../../../libs/policy/calendar.js';
import { DUTIES } from '../../../../libs/policy/duties.js';
import { dutyOccurrences } from '../../../../libs/read-models/duties.js';
import { CONFIG, TEMPORAL_CLIENT } from '../core/tokens.js';
import type { DutiesDto } from './dto/duties.dto.js';
import { reconcileDutySchedules } from './duty-schedules.js';

/**
 * The recurring duties (EQ-6 first). At boot the duties' Temporal Schedules are brought in line with
 * their definitions (libs/policy/duties.ts); the route reads each duty's occurrence of a date.
 */
@Injectable()
export class DutiesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Duties');

  constructor(
    private readonly ds: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.DUTY_SCHEDULES === 'off') return this.logger.log('duty schedules: left as they are (DUTY_SCHEDULES=off)');
    try {
      const c = await reconcileDutySchedules(this.client, Object.values(DUTIES), { taskQueue: this.config.TEMPORAL_TASK_QUEUE, timeZone: this.config.DEFAULT_TIME_ZONE });
      this.logger.log(`duty schedules: ${c.created.length} created, ${c.updated.length} updated, ${c.deleted.length} deleted, ${c.unchanged.length} unchanged`);
    } catch (e) {
      // The API still serves; the next boot (any replica) tries again.
      this.logger.warn(`could not bring the duty schedules in line with their definitions: ${(e as Error).message}`);
    }
  }

  async day(date: string | undefined): Promise<DutiesDto> {
    const timeZone = this.config.DEFAULT_TIME_ZONE;
    const day = date ?? localDate(new Date(), timeZone);
    const rows = new Map((await dutyOccurrences(this.ds, day)).map((r) => [r.dutyId, r]));
    return {
      date: day,
      timeZone,
      duties: Object.values(DUTIES).map((d) => {
        const r = rows.get(d.id);
        return {
          dutyId: d.id,
          title: d.title,
          clauses: [...d.clauses],
          owner: d.owner,
          escalation: d.escalation,
          at: d.cadence.at,
          dueAt: d.dueAt,
          occurrence: r
            ? {
                occurrenceId: r.occurrenceId,
                state: r.state,
                late: r.late,
                dueAt: r.dueAt.toISOString(),
                deadlineAt: r.deadlineAt.toISOString(),
                completedBy: r.completedBy,
                completedAt: r.completedAt?.toISOString() ?? null,
                data: r.data,
                comment: r.comment,
                workflowId: r.workflowId,
              }
            : null,
        };
      }),
    };
  }
}
