import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsText } from '../../common/validation.js';
import { AGENT_ID_KINDS, AGENT_ID_STATES, type AgentIdKind, type AgentIdState } from '../../../../../libs/db/rows.js';
import { PageOf, PageQueryDto } from '../../common/page.dto.js';

export const AGENT_ID_CODE = /^[A-Z]{1,4}[0-9]{1,8}$/;

export class AgentIdQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AGENT_ID_KINDS })
  @IsOptional()
  @IsIn(AGENT_ID_KINDS)
  kind?: AgentIdKind;

  @ApiPropertyOptional({ enum: AGENT_ID_STATES })
  @IsOptional()
  @IsIn(AGENT_ID_STATES)
  state?: AgentIdState;

  @ApiPropertyOptional({ format: 'uuid', description: 'IDs this employee holds or has checked out.' })
  @IsOptional()
  @IsUUID()
  holderEmployeeId?: string;

  @ApiPropertyOptional({ example: 'A10', pattern: '^[A-Z]{1,4}[0-9]{0,8}$' })
  @IsOptional()
  @Matches(/^[A-Z]{1,4}[0-9]{0,8}$/, { message: 'prefix must be capital letters followed by digits, e.g. A10' })
  prefix?: string;
}

export class CreateRangeDto {
  @ApiProperty({ example: 'A', pattern: '^[A-Z]{1,4}$' })
  @IsString()
  @Matches(/^[A-Z]{1,4}$/, { message: 'prefix must be 1-4 capital letters' })
  prefix!: string;

  @ApiProperty({ example: 1001, minimum: 0, maximum: 99999999 })
  @IsInt()
  @Min(0)
  @Max(99_999_999)
  from!: number;

  @ApiProperty({ example: 1100, minimum: 0, maximum: 99999999, description: 'Inclusive; at most 1000 codes per range.' })
  @IsInt()
  @Min(0)
  @Max(99_999_999)
  to!: number;

  @ApiProperty({ enum: AGENT_ID_KINDS })
  @IsIn(AGENT_ID_KINDS)
  kind!: AgentIdKind;
}

export class AssignAgentIdDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'For a standard or manager ID: the employee who will hold it.' })
  @ValidateIf((o) => o.custodianUserId === undefined)
  @IsUUID(undefined, { message: 'employeeId must be a UUID (or give custodianUserId for a privileged ID)' })
  employeeId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'For a privileged ID: the call center manager who keeps it (AID-2).' })
  @ValidateIf((o) => o.employeeId === undefined)
  @IsUUID(undefined, { message: 'custodianUserId must be a UUID (or give employeeId for a standard or manager ID)' })
  custodianUserId?: string;
}

export class AssignNextDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  employeeId!: string;
}

/** An optional reason (suspend, retire); named apart from the access requests' required ReasonDto, which the document would otherwise show in its place. */
export class OptionalReasonDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @IsText()
  @MaxLength(500)
  reason?: string;
}

export class AgentIdDto {
  @ApiProperty({ example: 'A1001' }) code!: string;
  @ApiProperty({ enum: AGENT_ID_KINDS }) kind!: AgentIdKind;
  @ApiProperty({ enum: AGENT_ID_STATES }) state!: AgentIdState;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) holderEmployeeId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) custodianUserId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) checkedOutToEmployeeId!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) checkedOutUntil!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) retiredAt!: string | null;
}

export class AgentIdPageDto extends PageOf(AgentIdDto) {}

export class HoldingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty({ enum: ['assignment', 'checkout'] }) purpose!: 'assignment' | 'checkout';
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) until!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) endedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) endReason!: string | null;
}

export class AgentIdDetailDto extends AgentIdDto {
  @ApiProperty({ type: HoldingDto, isArray: true, description: 'Who held it, newest first.' }) holdings!: HoldingDto[];
}

export class RangeResultDto {
  @ApiProperty({ type: String, isArray: true }) created!: string[];
  @ApiProperty({ type: String, isArray: true, description: 'Codes that already existed with this kind.' }) skipped!: string[];
}
