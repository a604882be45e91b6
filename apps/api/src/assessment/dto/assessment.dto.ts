import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { ASSESSMENT_KINDS, ASSESSMENT_MAX_DAYS, ASSESSMENT_OUTCOMES, type AssessmentItemState, type AssessmentKind, type AssessmentOutcome } from '../../../../../libs/policy/assessment.js';
import { NO_DEPARTMENT } from '../../../../../libs/read-models/assessment.js';
import { PageOf, PageQueryDto } from '../../common/page.dto.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DEPARTMENT = /^(none|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

/** The period and the narrowing every assessment route takes. */
export class AssessmentQueryDto {
  @ApiPropertyOptional({ format: 'date', example: '2026-10-01', description: "First local date (DEFAULT_TIME_ZONE) of the period, by due time; absent: the first day of `to`'s month." })
  @IsOptional()
  // The shape here; a date that does not exist (2026-02-30), from after to, a period too long: 400 from the service.
  @Matches(DATE, { message: 'from must be a calendar date written YYYY-MM-DD, e.g. 2026-10-01' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-31', description: `Last local date of the period (inclusive); absent: today. At most ${ASSESSMENT_MAX_DAYS} days from \`from\`.` })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a calendar date written YYYY-MM-DD, e.g. 2026-12-31' })
  to?: string;

  @ApiPropertyOptional({ description: `One department (a supervisor: one of theirs, else 403), or \`${NO_DEPARTMENT}\` for items of people and roles without one.` })
  @IsOptional()
  @Matches(DEPARTMENT, { message: `departmentId must be a department id (uuid) or ${NO_DEPARTMENT}` })
  departmentId?: string;
}

/** The period and narrowing, a person, an outcome, a kind, and ?page=&pageSize= as on every list. */
export class AssessmentItemsQueryDto extends IntersectionType(AssessmentQueryDto, PageQueryDto) {
  @ApiPropertyOptional({ description: 'One person (user id). An employee may name only themselves (else 403); a supervisor sees that person within their departments.' })
  @IsOptional()
  @IsUUID('all', { message: 'personId must be a user id (uuid)' })
  personId?: string;

  @ApiPropertyOptional({ enum: ASSESSMENT_OUTCOMES })
  @IsOptional()
  @IsIn(ASSESSMENT_OUTCOMES, { message: `outcome must be one of ${ASSESSMENT_OUTCOMES.join(', ')}` })
  outcome?: AssessmentOutcome;

  @ApiPropertyOptional({ enum: ASSESSMENT_KINDS })
  @IsOptional()
  @IsIn(ASSESSMENT_KINDS, { message: `kind must be one of ${ASSESSMENT_KINDS.join(', ')}` })
  kind?: AssessmentKind;
}

class LocalizedTextDto {
  @ApiProperty() en!: string;
  @ApiProperty() zh!: string;
}

export class OutcomeCountsDto {
  @ApiProperty({ description: 'Done by the due time.' }) onTime!: number;
  @ApiProperty({ description: 'Done after the due time.' }) late!: number;
  @ApiProperty({ description: 'Not done by the deadline: the task closed unanswered.' }) missed!: number;
  @ApiProperty({ description: 'Not done yet (due in the period).' }) open!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'onTime ÷ (onTime + late + missed), 4 decimals; null when none is settled.' }) onTimeRate!: number | null;
  @ApiProperty({ type: Number, nullable: true }) lateRate!: number | null;
  @ApiProperty({ type: Number, nullable: true }) missedRate!: number | null;
}

export class DepartmentAssessmentDto extends OutcomeCountsDto {
  @ApiProperty({ type: String, nullable: true, description: 'Null: people and roles without a department.' }) departmentId!: string | null;
  @ApiProperty({ type: String, nullable: true }) code!: string | null;
  @ApiProperty({ type: LocalizedTextDto, nullable: true }) name!: LocalizedTextDto | null;
}

export class PersonAssessmentDto extends OutcomeCountsDto {
  @ApiProperty({ type: String, nullable: true, description: 'Null: a role task nobody took (counted for the department only).' }) personId!: string | null;
  @ApiProperty({ type: String, nullable: true }) displayName!: string | null;
  @ApiProperty({ type: String, nullable: true }) username!: string | null;
  @ApiProperty({ type: String, nullable: true }) departmentId!: string | null;
}

export class WeekAssessmentDto extends OutcomeCountsDto {
  @ApiProperty({ format: 'date', description: 'The local Monday the week starts on.' }) weekStart!: string;
}

export class AssessmentDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ enum: ['all', 'department', 'self'], description: "What the caller's scope covers: everything, their departments (and own items), their own items." }) scope!: 'all' | 'department' | 'self';
  @ApiProperty({ type: OutcomeCountsDto }) totals!: OutcomeCountsDto;
  @ApiProperty({ type: DepartmentAssessmentDto, isArray: true }) departments!: DepartmentAssessmentDto[];
  @ApiProperty({ type: PersonAssessmentDto, isArray: true }) people!: PersonAssessmentDto[];
  @ApiProperty({ type: WeekAssessmentDto, isArray: true }) weeks!: WeekAssessmentDto[];
}

export class AssessmentItemDto {
  @ApiProperty() taskId!: string;
  @ApiProperty({ enum: ASSESSMENT_KINDS }) kind!: AssessmentKind;
  @ApiProperty({ type: String, isArray: true, example: ['EQ-6'] }) clauses!: string[];
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiProperty({ example: 'duty' }) process!: string;
  @ApiProperty() processKey!: string;
  @ApiProperty() step!: string;
  @ApiProperty({ type: String, nullable: true }) personId!: string | null;
  @ApiProperty({ type: String, nullable: true }) personName!: string | null;
  @ApiProperty({ type: String, nullable: true }) departmentId!: string | null;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) doneAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) doneBy!: string | null;
  @ApiProperty({ enum: ASSESSMENT_OUTCOMES }) outcome!: AssessmentItemState;
}

export class AssessmentItemPageDto extends PageOf(AssessmentItemDto) {}
