import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { CLAUSE_IDS } from '../../../../../libs/policy/clauses.js';
import { DUTY_ID_SHAPE, DUTY_TASK_KINDS, DUTY_TITLE_MAX, type DutyTaskKind } from '../../../../../libs/policy/duties.js';
import { ROLES, type Role } from '../../../../../libs/policy/roles.js';
import { IsText } from '../../common/validation.js';

const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const NOT_BLANK = /\S/;

export class DutyTitleDto {
  @ApiProperty({ maxLength: DUTY_TITLE_MAX, example: 'EQ-7: machine room doors and windows check' })
  @IsString()
  @IsText()
  @Matches(NOT_BLANK, { message: 'title.en must not be blank' })
  @MaxLength(DUTY_TITLE_MAX)
  en!: string;

  @ApiProperty({ maxLength: DUTY_TITLE_MAX, example: 'EQ-7：机房门窗安全检查' })
  @IsString()
  @IsText()
  @Matches(NOT_BLANK, { message: 'title.zh must not be blank' })
  @MaxLength(DUTY_TITLE_MAX)
  zh!: string;
}

/** A role (in one department, or company-wide with departmentId null), or one named person (userId alone). */
export class DutyOwnerDto {
  @ApiPropertyOptional({ enum: ROLES, description: 'The role the checklist is open to (with departmentId).' })
  @IsOptional()
  @IsIn(ROLES, { message: `owner.role must be one of: ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ type: String, nullable: true, description: "The role's department; null: company-wide." })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  departmentId?: string | null;

  @ApiPropertyOptional({ description: 'A named person instead of a role.' })
  @IsOptional()
  @IsString()
  @IsText()
  @MaxLength(100)
  userId?: string;
}

export class DutyWindowDto {
  @ApiProperty({ example: '17:00', description: 'The window closes at this local time.' })
  @Matches(LOCAL_TIME, { message: 'unannounced.until must be a local time HH:MM, e.g. 17:00' })
  until!: string;
}

export class DutyPerAgentDto {
  @ApiProperty({ enum: ROLES, nullable: true, description: 'This role confirms each agent part (INF-11(4): the on-site manager confirms receipt); null: no confirmation.' })
  @ValidateIf((o: DutyPerAgentDto) => o.confirmBy !== null)
  @IsIn(ROLES, { message: `perAgent.confirmBy must be one of: ${ROLES.join(', ')}, or null` })
  confirmBy!: Role | null;
}

export class DutyCadenceDto {
  @ApiProperty({ enum: ['working_day', 'week', 'month'], description: '`working_day`: daily; `week`: on `weekday`; `month`: on `day`. Every occurrence needs a working day (the calendar).' })
  @IsIn(['working_day', 'week', 'month'], { message: 'cadence.every must be one of: working_day, week, month' })
  every!: 'working_day' | 'week' | 'month';

  @ApiProperty({ example: '18:00', description: "Local time (the call center's zone) it falls due for the owner." })
  @Matches(LOCAL_TIME, { message: 'cadence.at must be a local time HH:MM, e.g. 18:00' })
  at!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 Monday to 7 Sunday (every: week).' })
  @ValidateIf((o: DutyCadenceDto) => o.every === 'week' || o.weekday !== undefined)
  @IsInt()
  @Min(1)
  @Max(7)
  weekday?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 28, description: 'Day of the month (every: month).' })
  @ValidateIf((o: DutyCadenceDto) => o.every === 'month' || o.day !== undefined)
  @IsInt()
  @Min(1)
  @Max(28)
  day?: number;
}

/** A duty definition's changeable part (PUT); creating one also names its id. */
export class DutyDefinitionBodyDto {
  @ApiProperty({ type: String, isArray: true, enum: CLAUSE_IDS, example: ['EQ-7'], description: 'The clauses of docs/policy.md it serves.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsIn(CLAUSE_IDS, { each: true, message: 'clauses must be clause ids of docs/policy.md, e.g. EQ-7' })
  clauses!: string[];

  @ApiProperty({ type: DutyTitleDto })
  @IsDefined()
  @IsObject({ message: 'title must be an object { en, zh }' })
  @ValidateNested()
  @Type(() => DutyTitleDto)
  title!: DutyTitleDto;

  @ApiProperty({ type: DutyOwnerDto })
  @IsDefined()
  @IsObject({ message: 'owner must be { role, departmentId } or { userId }' })
  @ValidateNested()
  @Type(() => DutyOwnerDto)
  owner!: DutyOwnerDto;

  @ApiProperty({ type: DutyCadenceDto })
  @IsDefined()
  @IsObject({ message: 'cadence must be an object { every, at, weekday?, day? }' })
  @ValidateNested()
  @Type(() => DutyCadenceDto)
  cadence!: DutyCadenceDto;

  @ApiProperty({ example: '19:00', description: 'Not done by this local time the same day: escalated and recorded late.' })
  @Matches(LOCAL_TIME, { message: 'dueAt must be a local time HH:MM, e.g. 19:00' })
  dueAt!: string;

  @ApiProperty({ type: String, nullable: true, example: '23:00', description: 'Not done by this local time the same day: recorded missed; null: the next working day start.' })
  @ValidateIf((o: DutyDefinitionBodyDto) => o.deadline !== null)
  @Matches(LOCAL_TIME, { message: 'deadline must be a local time HH:MM, or null' })
  deadline!: string | null;

  @ApiProperty({ enum: ROLES, description: 'Told, and may do it, once it is late.' })
  @IsIn(ROLES, { message: `escalation must be one of: ${ROLES.join(', ')}` })
  escalation!: Role;

  @ApiProperty({ enum: DUTY_TASK_KINDS, description: 'The checklist: its form is the one the server knows for this kind, and checks.' })
  @IsIn(DUTY_TASK_KINDS, { message: `taskKind must be one of: ${DUTY_TASK_KINDS.join(', ')}` })
  taskKind!: DutyTaskKind;

  @ApiPropertyOptional({
    type: DutyWindowDto,
    nullable: true,
    description: 'EQ-2 unannounced: the checklist opens at a time drawn at random between cadence.at and until, different every run; only the window is ever shown.',
  })
  @IsOptional()
  @IsObject({ message: 'unannounced must be an object { until } or null' })
  @ValidateNested()
  @Type(() => DutyWindowDto)
  unannounced?: DutyWindowDto | null;

  @ApiPropertyOptional({ type: DutyPerAgentDto, nullable: true, description: 'EQ-4, INF-11(4): one checklist per active agent instead of one for the owner.' })
  @IsOptional()
  @IsObject({ message: 'perAgent must be an object { confirmBy } or null' })
  @ValidateNested()
  @Type(() => DutyPerAgentDto)
  perAgent?: DutyPerAgentDto | null;
}

export class CreateDutyDefinitionDto extends DutyDefinitionBodyDto {
  @ApiProperty({ example: 'doors_windows_night', description: '3-50 lower-case letters, digits or _, starting with a letter.' })
  @IsString()
  @Matches(DUTY_ID_SHAPE, { message: 'id must be 3-50 lower-case letters, digits or _, starting with a letter' })
  id!: string;
}

export class DutyDefinitionDto extends CreateDutyDefinitionDto {
  @ApiProperty({ description: 'Paused: its schedule does not fire.' }) paused!: boolean;
  @ApiProperty({ description: 'Counts every change of the definition.' }) version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class DutyDefinitionsDto {
  @ApiProperty({ type: DutyDefinitionDto, isArray: true }) items!: DutyDefinitionDto[];
}

export class DutyDefinitionChangeDto {
  @ApiProperty({ example: 'doors_windows_night' }) dutyId!: string;
  @ApiProperty({ description: 'false: it already was so; nothing was recorded.' }) changed!: boolean;
  @ApiProperty({ enum: ['in_line', 'off', 'pending'], description: '`in_line`: its Temporal Schedule now matches; `off`: DUTY_SCHEDULES=off; `pending`: Temporal did not answer, the next boot brings it in line.' })
  schedule!: 'in_line' | 'off' | 'pending';
}
