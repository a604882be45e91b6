import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { COMPUTER_TAG } from '../../../../../libs/policy/computers.js';
import { ACCESS_KINDS, type AccessEndReason, type AccessKind } from '../../../../../libs/policy/index.js';
import { PageOf, PageQueryDto } from '../../common/page.dto.js';
import { IsText } from '../../common/validation.js';

/** The longest window anyone may ask for at all; each kind's configured maximum is checked on top. */
const YEAR_MINUTES = 366 * 24 * 60;

export class CreateAccessRequestDto {
  @ApiProperty({ enum: ACCESS_KINDS, description: 'external_network (SYS-1), special_agent_id (INF-12, AID-2), usb_media (INF-6).' })
  @IsIn(ACCESS_KINDS)
  kind!: AccessKind;

  @ApiProperty({ minLength: 10, maxLength: 1000, example: 'Supplier research for the spring campaign', description: 'Why the access is needed, for the reviewers (SYS-1): at least 10 characters.' })
  @IsString()
  @IsText()
  @MinLength(10)
  @MaxLength(1000)
  justification!: string;

  @ApiProperty({ minimum: 60, maximum: YEAR_MINUTES, description: 'The window, counted from enablement; at most the configured maximum of the kind.' })
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(YEAR_MINUTES)
  durationMinutes!: number;

  @ApiPropertyOptional({ example: 'MR-PC-07', description: 'INF-6: for usb_media or external_network, the machine-room computer it is for (in the inventory); the computers page shows the grant on it.' })
  @IsOptional()
  @Matches(COMPUTER_TAG, { message: 'computerTag must be 2-32 upper-case letters, digits or dashes, e.g. MR-PC-07' })
  computerTag?: string;
}

/** More time on an active grant: the window and the reason, with the rules of a new request. */
export class ExtendAccessRequestDto extends PickType(CreateAccessRequestDto, ['durationMinutes', 'justification']) {
  @ApiProperty({ description: 'How much longer, added to the current expiry once approved again.' }) override durationMinutes!: number;
}

export class ReasonDto {
  @ApiProperty({ maxLength: 500, example: 'no longer needed' })
  @IsString()
  @IsText()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

export const ACCESS_VIEW_STATUSES = ['pending', 'active', 'rejected', 'expired', 'revoked', 'cancelled'] as const;
export type AccessViewStatus = (typeof ACCESS_VIEW_STATUSES)[number];

export class AccessRequestQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only my own requests (also for those who may see more).' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ enum: ['pending', 'active', 'ended'] })
  @IsOptional()
  @IsIn(['pending', 'active', 'ended'])
  status?: 'pending' | 'active' | 'ended';

  @ApiPropertyOptional({ enum: ACCESS_KINDS })
  @IsOptional()
  @IsIn(ACCESS_KINDS)
  kind?: AccessKind;
}

export class TimelineEntryDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'requested, approved, rejected, enabled, escalated, extended, expired, revoked, emergency_cut_off, …' }) type!: string;
  @ApiProperty({ nullable: true, type: String }) actorName!: string | null;
  @ApiProperty({ nullable: true, type: String }) stage!: string | null;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
}

export class AccessRequestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ACCESS_KINDS }) kind!: AccessKind;
  @ApiProperty({ enum: ACCESS_VIEW_STATUSES }) status!: AccessViewStatus;
  @ApiProperty({ nullable: true, type: String, enum: ['rejected', 'expired', 'revoked', 'emergency_cut_off', 'not_enabled'] }) endReason!: AccessEndReason | null;
  @ApiProperty({ description: 'The step it waits in, e.g. leadership_signoff.' }) stage!: string;
  @ApiProperty() requesterId!: string;
  @ApiProperty({ nullable: true, type: String }) requesterName!: string | null;
  @ApiProperty() departmentId!: string;
  @ApiProperty() justification!: string;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) enabledAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Who enabled it (recorded by name, SYS-1).' }) enabledBy!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The display name of the IT person who enabled it.' }) enabledByName!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The privileged agent ID lent for the window (AID-2).' }) resource!: string | null;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'INF-6: the machine-room computer a USB unlock or Internet grant is for.' }) computerTag!: string | null;
  @ApiProperty({
    nullable: true,
    enum: ['directory', 'webhook', 'manual'],
    description: 'Where the grant takes effect: a directory group (SYS-1), a signed webhook to the system that holds it, IT by hand (a disable task when it ends), or null for grants recorded before enforcement.',
  })
  enforcedBy!: 'directory' | 'webhook' | 'manual' | null;
  @ApiProperty({ description: 'The grant has ended but its removal is not confirmed yet: the directory (retried), the receiver of the grant.ended webhook (retried or dead-lettered), or IT on its disable task.' })
  removalPending!: boolean;
  @ApiPropertyOptional({ type: TimelineEntryDto, isArray: true }) timeline?: TimelineEntryDto[];
}

export class AccessRequestPageDto extends PageOf(AccessRequestDto) {}

export class EmergencyResultDto {
  @ApiProperty({ description: 'How many active external network grants were told to end now.' }) revoked!: number;
  @ApiProperty({ description: 'How many requests still in approval or awaiting enablement were stopped (they end cancelled, never active).' }) stopped!: number;
  @ApiProperty({ type: String, isArray: true, description: 'Every request cut off: the active ones and the stopped ones.' }) requestIds!: string[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'How many members the directory removed from the external-network group in one operation (members without a grant too); null when no directory enforces external network access.',
  })
  directoryRemoved!: number | null;
}
