import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { DUTY_STATES, type DutyState } from '../../../../../libs/policy/duties.js';
import { ROLES, type Role } from '../../../../../libs/policy/roles.js';
import { DutyOwnerDto } from './duty-definitions.dto.js';

export class DutiesQueryDto {
  @ApiPropertyOptional({ format: 'date', example: '2026-12-04', description: "The call center's local date; absent: today in DEFAULT_TIME_ZONE." })
  @IsOptional()
  // The shape here; a date that does not exist (2026-02-30) is refused by the read model, also with a 400.
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a real calendar date written YYYY-MM-DD, e.g. 2026-12-04' })
  date?: string;
}

class LocalizedTextDto {
  @ApiProperty() en!: string;
  @ApiProperty() zh!: string;
}

export class DutyOccurrenceDto {
  @ApiProperty({ example: 'machine_room_power_off:2026-12-04' }) occurrenceId!: string;
  @ApiProperty({ enum: DUTY_STATES, description: '`late`: past its due time and escalated, not done yet; `completed` (see `late`); `missed`: not done by the deadline.' }) state!: DutyState;
  @ApiProperty({ description: 'It was done, or is still open, after its due time.' }) late!: boolean;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ format: 'date-time', description: 'The next working day starts: unanswered by then, the duty is missed.' }) deadlineAt!: string;
  @ApiProperty({ type: String, nullable: true }) completedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: Object, nullable: true, description: "The checklist's answers." }) data!: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ description: 'The Temporal workflow that ran it.' }) workflowId!: string;
}

export class DutyDayDto {
  @ApiProperty({ example: 'machine_room_power_off' }) dutyId!: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiProperty({ type: String, isArray: true, example: ['EQ-6'] }) clauses!: string[];
  @ApiProperty({ type: DutyOwnerDto, description: 'A role (with its department, null: company-wide) or a named person.' }) owner!: DutyOwnerDto;
  @ApiProperty({ enum: ROLES }) escalation!: Role;
  @ApiProperty({ example: '18:00', description: 'Local time it falls due for the owner each working day.' }) at!: string;
  @ApiProperty({ example: '19:00', description: 'Local time after which it is late and escalated.' }) dueAt!: string;
  @ApiProperty({ type: String, nullable: true, example: '17:00', description: 'EQ-2 unannounced: the checklist opens at an undisclosed time between `at` and this local time; null: at `at`.' })
  until!: string | null;
  @ApiProperty({ description: 'Paused by the call-center manager: its schedule does not fire.' }) paused!: boolean;
  @ApiProperty({ type: DutyOccurrenceDto, nullable: true, description: 'Null: no occurrence that day (a day off, or not yet fired).' }) occurrence!: DutyOccurrenceDto | null;
}

export class DutiesDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ type: DutyDayDto, isArray: true }) duties!: DutyDayDto[];
}
