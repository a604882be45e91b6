import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../../../../../libs/policy/roles.js';
import { PROCESS_KINDS } from '../../../../../libs/policy/workflow-ids.js';
import { TASK_KINDS, TASK_OUTCOMES, TASK_STATUSES, type CommentRule, type FormField, type TaskForm, type TaskKind, type TaskOutcome, type TaskStatus } from '../../../../../libs/policy/index.js';
import { PageOf, PageQueryDto } from '../../common/page.dto.js';
import { IsInstant, IsOptionalNotNull, IsText, IsUsername } from '../../common/validation.js';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class TaskQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only tasks assigned to me (claimed, reassigned or personal).' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ description: 'Only unassigned tasks offered to a role I hold (in my department where scoped). Neither flag: both.' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  myRoles?: boolean;

  @ApiPropertyOptional({ enum: TASK_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ enum: TASK_KINDS })
  @IsOptional()
  @IsIn(TASK_KINDS)
  kind?: TaskKind;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only tasks due before this time.' })
  @IsOptional()
  @IsInstant()
  dueBefore?: string;
}

export class CompleteTaskDto {
  @ApiProperty({ enum: TASK_OUTCOMES, description: 'approve | reject for approvals and sign-offs; done for actions and forms.' })
  @IsIn(TASK_OUTCOMES)
  outcome!: TaskOutcome;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Required when rejecting, and for a missing return item.' })
  @IsOptionalNotNull()
  @IsString()
  @IsText()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: "The form's fields (e.g. the agreement version and text hash, INF-10)." })
  @IsOptionalNotNull()
  @IsObject()
  data?: Record<string, unknown>;
}

export class ReassignTaskDto {
  @ApiPropertyOptional({ description: 'The user to give the task to (or userId).', example: 'supervisor' })
  @IsOptionalNotNull()
  @IsString()
  @IsUsername()
  username?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  userId?: string;
}

export class BilingualDto {
  @ApiProperty() en!: string;
  @ApiProperty() zh!: string;
}

export class DecisionDto {
  @ApiProperty({ description: 'The process step the decision belongs to.' }) stage!: string;
  @ApiProperty({ description: 'A user id, or system:<process> for automatic outcomes.' }) actorId!: string;
  @ApiProperty({ nullable: true, type: String }) actorName!: string | null;
  @ApiProperty({ enum: [...TASK_OUTCOMES, 'expired', 'cancelled'] }) outcome!: string;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

const nullableText = (description?: string) => ({ nullable: true, type: String, ...(description ? { description } : {}) });

/** The facts of the task's process the inbox shows (tasks.mapper.ts contextOf); a process may add more. */
export class TaskContextDto {
  @ApiPropertyOptional({ type: BilingualDto, nullable: true }) summary?: BilingualDto | null;
  @ApiPropertyOptional(nullableText('The user the process is about.')) subjectUserId?: string | null;
  @ApiPropertyOptional(nullableText()) subjectName?: string | null;
  @ApiPropertyOptional(nullableText('Who asked (a user id).')) requestedBy?: string | null;
  @ApiPropertyOptional(nullableText()) requesterName?: string | null;
  @ApiPropertyOptional(nullableText('Access requests: the kind asked for.')) kind?: string | null;
  @ApiPropertyOptional(nullableText()) justification?: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) durationMinutes?: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Extension round of an access request (0 = the first ask).' }) round?: number | null;
  @ApiPropertyOptional(nullableText('Return items: the item kind.')) itemKind?: string | null;
  @ApiPropertyOptional(nullableText()) itemLabel?: string | null;
  @ApiPropertyOptional({ type: BilingualDto, nullable: true, description: 'The agreement to sign, in both languages (INF-10).' }) agreementText?: BilingualDto | null;
  @ApiPropertyOptional({ type: BilingualDto, nullable: true, description: 'The rules to acknowledge, in both languages (EQ-5, SYS-3, SYS-4, AID-1).' }) rulesText?: BilingualDto | null;
  @ApiPropertyOptional(nullableText('IT set-up: the agent ID given (SYS-2).')) agentId?: string | null;
  @ApiPropertyOptional(nullableText('IT set-up: the workstation IP from the central plan (SYS-2).')) workstationIp?: string | null;
}

const textOrFlag = { oneOf: [{ type: 'string' }, { type: 'boolean' }] };

export class FieldConditionDto {
  @ApiProperty() field!: string;
  @ApiProperty(textOrFlag) value!: string | boolean;
}

/** One data field of a task's form (libs/contracts/task-rules.ts FormField): the validator's rule, as data. */
export class FormFieldDto {
  @ApiProperty({ description: 'The key in data.' }) name!: string;
  @ApiProperty() required!: boolean;
  @ApiProperty({ enum: ['text', 'choice'], description: 'text: non-empty, at most maxLength; choice: one of values.' }) type!: FormField['type'];
  @ApiPropertyOptional({ description: 'text only.' }) maxLength?: number;
  @ApiPropertyOptional({ type: 'array', items: textOrFlag, description: 'choice only.' }) values?: (string | boolean)[];
  @ApiPropertyOptional({ type: FieldConditionDto, description: 'Part of the form only while that field has that value.' }) onlyWhen?: FieldConditionDto;
}

/** When a comment is required: on outcome, or when data[field] equals value. */
export class CommentRuleDto {
  @ApiPropertyOptional({ enum: TASK_OUTCOMES }) outcome?: TaskOutcome;
  @ApiPropertyOptional() field?: string;
  @ApiPropertyOptional(textOrFlag) value?: string | boolean;
}

export class CommentFormDto {
  @ApiProperty() maxLength!: number;
  @ApiProperty({ type: CommentRuleDto, isArray: true }) requiredWhen!: CommentRule[];
}

/** The form the task declares: what the workflow's validator accepts, for the web app to show and pre-check. */
export class TaskFormDto {
  @ApiProperty({ type: FormFieldDto, isArray: true, description: 'A field named in expected must repeat that value.' }) fields!: FormField[];
  @ApiProperty({ type: CommentFormDto }) comment!: TaskForm['comment'];
}

export class TaskDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: TASK_KINDS }) kind!: TaskKind;
  @ApiProperty({ description: 'The process step, e.g. supervisor_review.' }) step!: string;
  @ApiProperty({ type: BilingualDto }) title!: BilingualDto;
  @ApiProperty({ enum: TASK_STATUSES }) status!: TaskStatus;
  @ApiProperty({ nullable: true, type: String }) assigneeId!: string | null;
  @ApiProperty({ nullable: true, type: String }) assigneeName!: string | null;
  @ApiProperty({ nullable: true, type: String }) claimedBy!: string | null;
  @ApiProperty({ enum: ROLES, nullable: true }) candidateRole!: Role | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) departmentId!: string | null;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deadlineAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() escalated!: boolean;
  @ApiProperty({ enum: PROCESS_KINDS, description: '`duty`: a recurring duty, e.g. the machine-room power-off check.' }) processType!: string;
  @ApiProperty({ description: "The employee id (onboarding, offboarding), the access request id, or a duty's occurrence (`<dutyId>:<date>`)." }) processId!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ type: TaskContextDto, description: 'Who asked for what.' }) context!: TaskContextDto & Record<string, unknown>;
  @ApiProperty({ enum: TASK_OUTCOMES, isArray: true }) outcomes!: TaskOutcome[];
  @ApiProperty({ type: TaskFormDto, description: 'The data and comment this task accepts (the server checks them; the web app renders and pre-checks from them).' }) form!: TaskForm;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, nullable: true, description: 'Values the data must repeat exactly.' })
  expected!: Record<string, string> | null;
  @ApiPropertyOptional({ type: DecisionDto, isArray: true, description: 'Earlier decisions of the same process (detail only).' })
  history?: DecisionDto[];
}

export class TaskPageDto extends PageOf(TaskDto) {}

/** The answer to a reassignment that took the task out of the caller's sight (it happened: 200, not 404). */
export class ReassignedAwayDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: [true] }) reassigned!: true;
  @ApiProperty({ format: 'uuid' }) assigneeId!: string;
  @ApiProperty({ enum: [false], description: 'The caller may no longer see the task.' }) visible!: false;
  @ApiProperty({ type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } }) message!: { en: string; zh: string };
}
