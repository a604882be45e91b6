import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/config.js';
import { readScope, type ReadScope } from '../../../../libs/policy/access.js';
import { ASSESSMENT_MAX_DAYS } from '../../../../libs/policy/assessment.js';
import { rolesFor } from '../../../../libs/policy/authorization.js';
import { endOfLocalDay, isCalendarDate, localDate, startOfLocalDay } from '../../../../libs/policy/calendar.js';
import { forbidden, invalid } from '../../../../libs/policy/errors.js';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { assessmentItemPages, assessmentItems, assessmentSummary, type AssessmentFilter, type AssessmentItemView } from '../../../../libs/read-models/assessment.js';
import { CONFIG } from '../core/tokens.js';
import { assessmentCsv, assessmentXlsx } from './assessment-export.js';
import type { AssessmentDto, AssessmentItemDto, AssessmentItemPageDto, AssessmentItemsQueryDto, AssessmentQueryDto } from './dto/assessment.dto.js';

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

const toItemDto = (i: AssessmentItemView): AssessmentItemDto => ({ ...i, dueAt: i.dueAt.toISOString(), doneAt: i.doneAt?.toISOString() ?? null });

/**
 * The assessment report (policy preamble): compliance per person and per department, from the
 * assessment_items projection. The caller's scope comes first: the call center manager and the auditor
 * read everything; a supervisor the departments they work in or lead (another department: 403); anyone
 * else their own items (another person, or a department: 403).
 */
@Injectable()
export class AssessmentService {
  constructor(
    private readonly ds: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async summary(user: AuthUser, q: AssessmentQueryDto): Promise<AssessmentDto> {
    const { filter, from, to, scope } = this.filter(user, q);
    return { from, to, timeZone: filter.timeZone, scope: scope.kind, ...(await assessmentSummary(this.ds, filter)) };
  }

  async items(user: AuthUser, q: AssessmentItemsQueryDto): Promise<AssessmentItemPageDto> {
    const { filter } = this.filter(user, q);
    const page = await assessmentItems(this.ds, filter, { page: q.page, pageSize: q.pageSize });
    return { ...page, items: page.items.map(toItemDto) };
  }

  async csv(user: AuthUser, q: AssessmentQueryDto): Promise<StreamableFile> {
    const { filter, from, to } = this.filter(user, q);
    const body = assessmentCsv(await assessmentSummary(this.ds, filter));
    return new StreamableFile(Buffer.from(body, 'utf8'), { type: 'text/csv; charset=utf-8', disposition: attachment(from, to, 'csv') });
  }

  async xlsx(user: AuthUser, q: AssessmentQueryDto): Promise<StreamableFile> {
    const { filter, from, to } = this.filter(user, q);
    const summary = await assessmentSummary(this.ds, filter);
    return new StreamableFile(assessmentXlsx(summary, assessmentItemPages(this.ds, filter)), {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: attachment(from, to, 'xlsx'),
    });
  }

  /** The period (local dates, checked), the caller's scope and the narrowing they may ask for. */
  private filter(user: AuthUser, q: AssessmentItemsQueryDto | AssessmentQueryDto): { filter: AssessmentFilter; from: string; to: string; scope: ReadScope } {
    const timeZone = this.config.DEFAULT_TIME_ZONE;
    const scope = readScope(user, rolesFor('assessment.readAll'));
    const to = q.to ?? localDate(new Date(), timeZone);
    if (!isCalendarDate(to)) throw invalid(`to ${to} is not a calendar date`);
    const from = q.from ?? `${to.slice(0, 8)}01`;
    if (!isCalendarDate(from)) throw invalid(`from ${from} is not a calendar date`);
    if (from > to) throw invalid(`from (${from}) must not be after to (${to})`);
    if (daysBetween(from, to) + 1 > ASSESSMENT_MAX_DAYS) throw invalid(`the period ${from} to ${to} is longer than ${ASSESSMENT_MAX_DAYS} days: ask for a shorter one`);
    if (q.departmentId) {
      if (scope.kind === 'self') throw forbidden('you may read only your own assessment: leave departmentId out');
      if (scope.kind === 'department' && !scope.departmentIds.includes(q.departmentId)) throw forbidden(`department ${q.departmentId} is not one you work in or lead`);
    }
    const personId = 'personId' in q ? q.personId : undefined;
    if (personId && scope.kind === 'self' && personId !== user.userId) throw forbidden("you may read only your own assessment, not another person's");
    const filter: AssessmentFilter = {
      from: startOfLocalDay(from, timeZone),
      to: endOfLocalDay(to, timeZone),
      timeZone,
      scope,
      departmentId: q.departmentId ?? null,
      personId: personId ?? null,
      outcome: 'outcome' in q ? (q.outcome ?? null) : null,
      kind: 'kind' in q ? (q.kind ?? null) : null,
    };
    return { filter, from, to, scope };
  }
}

const attachment = (from: string, to: string, ext: string) => `attachment; filename="custodian-assessment-${from}-${to}.${ext}"`;
