import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/config.js';
import { defineDuty, deleteDuty, redefineDuty, seedDuties, setDutyPaused } from '../../../../libs/domain/duties/definitions.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { localDate } from '../../../../libs/policy/calendar.js';
import { dutyScheduleId, type DutyDefinition, type DutyTaskKind, type LocalTime } from '../../../../libs/policy/duties.js';
import type { ClauseId } from '../../../../libs/policy/clauses.js';
import { notFound } from '../../../../libs/policy/errors.js';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { dutyDefinition, dutyDefinitions, dutyOccurrences, type DutyDefinitionView } from '../../../../libs/read-models/duties.js';
import { asActor } from '../common/actor.js';
import { CONFIG, EVENT_STORE, TEMPORAL_CLIENT } from '../core/tokens.js';
import type { DutiesDto } from './dto/duties.dto.js';
import type { CreateDutyDefinitionDto, DutyDefinitionBodyDto, DutyDefinitionChangeDto, DutyDefinitionDto, DutyDefinitionsDto } from './dto/duty-definitions.dto.js';
import { deleteDutySchedule, reconcileDutySchedules } from './duty-schedules.js';

/** The request body as a definition; the domain's rule (dutyDefinitionProblems) checks what the DTO cannot. */
const toDefinition = (id: string, b: DutyDefinitionBodyDto): DutyDefinition => ({
  id,
  clauses: b.clauses as ClauseId[],
  title: { en: b.title.en, zh: b.title.zh },
  // Both a role and a userId given: passed on as they are, so the domain refuses the mix by name.
  owner: (b.owner.userId !== undefined ? { userId: b.owner.userId, ...(b.owner.role !== undefined ? { role: b.owner.role } : {}) } : { role: b.owner.role!, departmentId: b.owner.departmentId ?? null }) as DutyDefinition['owner'],
  cadence: { ...b.cadence, at: b.cadence.at as LocalTime } as DutyDefinition['cadence'],
  dueAt: b.dueAt as LocalTime,
  deadline: b.deadline as LocalTime | null,
  escalation: b.escalation,
  taskKind: b.taskKind as DutyTaskKind,
  unannounced: b.unannounced ? { until: b.unannounced.until as LocalTime } : null,
  perAgent: b.perAgent ? { confirmBy: b.perAgent.confirmBy } : null,
});

const toDto = (v: DutyDefinitionView): DutyDefinitionDto => ({ ...v.definition, clauses: [...v.definition.clauses], unannounced: v.definition.unannounced ?? null, perAgent: v.definition.perAgent ?? null, paused: v.paused, version: v.version, updatedAt: v.updatedAt.toISOString() });

/**
 * The recurring duties (EQ-6, EQ-8, EQ-7, EQ-3, INF-8). Their definitions are events kept by the
 * call-center manager; at boot the built-in ones are seeded and every duty's Temporal Schedule is brought
 * in line with the definitions, and after every change that duty's schedule is (created, updated, paused,
 * deleted), so the schedules never drift from the definitions. The route reads each duty's occurrence of a date.
 */
@Injectable()
export class DutiesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Duties');

  constructor(
    private readonly ds: DataSource,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  private get target() {
    return { taskQueue: this.config.TEMPORAL_TASK_QUEUE, timeZone: this.config.DEFAULT_TIME_ZONE };
  }

  async onApplicationBootstrap(): Promise<void> {
    const { seeded } = await seedDuties(this.events, {}, {});
    if (seeded.length) this.logger.log(`duty definitions seeded: ${seeded.join(', ')}`);
    if (this.config.DUTY_SCHEDULES === 'off') return this.logger.log('duty schedules: left as they are (DUTY_SCHEDULES=off)');
    try {
      const duties = (await dutyDefinitions(this.ds)).map((v) => ({ id: v.definition.id, cadence: v.definition.cadence, paused: v.paused }));
      const c = await reconcileDutySchedules(this.client, duties, this.target);
      this.logger.log(`duty schedules: ${c.created.length} created, ${c.updated.length} updated, ${c.deleted.length} deleted, ${c.unchanged.length} unchanged`);
    } catch (e) {
      // The API still serves; the next boot (any replica) tries again.
      this.logger.warn(`could not bring the duty schedules in line with their definitions: ${(e as Error).message}`);
    }
  }

  /** Brings one duty's schedule in line with its definition now (absent: deleted). */
  private async syncSchedule(dutyId: string): Promise<DutyDefinitionChangeDto['schedule']> {
    if (this.config.DUTY_SCHEDULES === 'off') return 'off';
    try {
      const v = await dutyDefinition(this.ds, dutyId);
      if (v) await reconcileDutySchedules(this.client, [{ id: dutyId, cadence: v.definition.cadence, paused: v.paused }], this.target, { removals: false });
      else await deleteDutySchedule(this.client, dutyScheduleId(this.target.taskQueue, dutyId));
      return 'in_line';
    } catch (e) {
      // The change is recorded; the next boot of any replica brings the schedule in line.
      this.logger.warn(`duty ${dutyId}: could not bring its schedule in line: ${(e as Error).message}`);
      return 'pending';
    }
  }

  async definitions(): Promise<DutyDefinitionsDto> {
    return { items: (await dutyDefinitions(this.ds)).map(toDto) };
  }

  async create(user: AuthUser, dto: CreateDutyDefinitionDto): Promise<DutyDefinitionChangeDto> {
    const r = await defineDuty(this.events, asActor(user), toDefinition(dto.id, dto));
    return { ...r, schedule: await this.syncSchedule(r.dutyId) };
  }

  async change(user: AuthUser, dutyId: string, dto: DutyDefinitionBodyDto): Promise<DutyDefinitionChangeDto> {
    const r = await redefineDuty(this.events, asActor(user), toDefinition(dutyId, dto));
    return { ...r, schedule: await this.syncSchedule(dutyId) };
  }

  async pause(user: AuthUser, dutyId: string, paused: boolean): Promise<DutyDefinitionChangeDto> {
    const r = await setDutyPaused(this.events, asActor(user), { dutyId, paused });
    return { ...r, schedule: await this.syncSchedule(dutyId) };
  }

  async remove(user: AuthUser, dutyId: string): Promise<DutyDefinitionChangeDto> {
    if (!(await dutyDefinition(this.ds, dutyId))) throw notFound('duty', dutyId);
    const r = await deleteDuty(this.events, asActor(user), { dutyId });
    return { ...r, schedule: await this.syncSchedule(dutyId) };
  }

  async day(date: string | undefined): Promise<DutiesDto> {
    const timeZone = this.config.DEFAULT_TIME_ZONE;
    const day = date ?? localDate(new Date(), timeZone);
    const rows = new Map((await dutyOccurrences(this.ds, day)).map((r) => [r.dutyId, r]));
    return {
      date: day,
      timeZone,
      duties: (await dutyDefinitions(this.ds)).map(({ definition: d, paused }) => {
        const r = rows.get(d.id);
        return {
          dutyId: d.id,
          title: d.title,
          clauses: [...d.clauses],
          owner: d.owner,
          escalation: d.escalation,
          at: d.cadence.at,
          dueAt: d.dueAt,
          until: d.unannounced?.until ?? null,
          paused,
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
