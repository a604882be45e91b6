import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { MEDIA_ITEM_STATES, MEDIA_KINDS, MEDIA_LOAN_STATES, MEDIA_TEXT_MAX, type MediaItemState, type MediaKind, type MediaLoanState } from '../../../../../libs/policy/media.js';
import { QUARANTINE_DISPOSITIONS, type QuarantineDisposition } from '../../../../../libs/policy/offboarding.js';
import { IsInstant, IsText, IsUsername } from '../../common/validation.js';

export class RegisterMediaDto {
  @ApiProperty({ maxLength: MEDIA_TEXT_MAX, example: 'MR-DISK-03' })
  @IsString()
  @IsText()
  @Matches(/\S/, { message: 'label must not be blank' })
  @MaxLength(MEDIA_TEXT_MAX)
  label!: string;

  @ApiProperty({ enum: MEDIA_KINDS })
  @IsIn(MEDIA_KINDS, { message: `kind must be one of: ${MEDIA_KINDS.join(', ')}` })
  kind!: MediaKind;

  @ApiProperty({ maxLength: MEDIA_TEXT_MAX, example: 'Machine room 1' })
  @IsString()
  @IsText()
  @Matches(/\S/, { message: 'room must not be blank' })
  @MaxLength(MEDIA_TEXT_MAX)
  room!: string;
}

export class LendMediaDto {
  @ApiPropertyOptional({ example: 'agent2', description: 'Who borrows it (give this or borrowerUserId); never the caller.' })
  @IsOptional()
  @IsUsername()
  borrowerUsername?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'borrowerUserId must be a user id (uuid)' })
  borrowerUserId?: string;

  @ApiProperty({ format: 'date-time', description: 'When it is due back: in the future, at most 90 days ahead.' })
  @IsInstant()
  dueAt!: string;

  @ApiProperty({ maxLength: MEDIA_TEXT_MAX, example: 'Install the dialler update on MR-PC-07' })
  @IsString()
  @IsText()
  @Matches(/\S/, { message: 'purpose must not be blank' })
  @MaxLength(MEDIA_TEXT_MAX)
  purpose!: string;
}

export class ReturnMediaDto {
  @ApiPropertyOptional({ maxLength: MEDIA_TEXT_MAX, description: 'Anything worth noting about its state.' })
  @IsOptional()
  @IsString()
  @IsText()
  @MaxLength(MEDIA_TEXT_MAX)
  note?: string;
}

export class MediaVirusCheckDto {
  @ApiProperty({ enum: ['clean', 'infected'], description: 'infected: the item is quarantined and the loan stays open until IT records it cleaned or destroyed.' })
  @IsIn(['clean', 'infected'], { message: 'result must be one of: clean, infected' })
  result!: 'clean' | 'infected';
}

export class MediaDisposalDto {
  @ApiProperty({ enum: QUARANTINE_DISPOSITIONS })
  @IsIn(QUARANTINE_DISPOSITIONS, { message: `disposition must be one of: ${QUARANTINE_DISPOSITIONS.join(', ')}` })
  disposition!: QuarantineDisposition;

  @ApiPropertyOptional({ maxLength: MEDIA_TEXT_MAX })
  @IsOptional()
  @IsString()
  @IsText()
  @MaxLength(MEDIA_TEXT_MAX)
  note?: string;
}

export class MediaItemDto {
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: MEDIA_KINDS }) kind!: MediaKind;
  @ApiProperty() room!: string;
  @ApiProperty({ enum: MEDIA_ITEM_STATES }) state!: MediaItemState;
  @ApiProperty() registeredBy!: string;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The loan not yet closed.' }) openLoanId!: string | null;
}

export class MediaOpenTaskDto {
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty({ example: 'virus_check' }) step!: string;
}

export class MediaLoanDto {
  @ApiProperty({ format: 'uuid' }) loanId!: string;
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: MEDIA_KINDS }) kind!: MediaKind;
  @ApiProperty() room!: string;
  @ApiProperty({ format: 'uuid' }) borrowerUserId!: string;
  @ApiProperty() borrowerName!: string;
  @ApiProperty() lentBy!: string;
  @ApiProperty({ type: String, nullable: true }) lentByName!: string | null;
  @ApiProperty({ format: 'date-time' }) lentAt!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({ enum: MEDIA_LOAN_STATES }) state!: MediaLoanState;
  @ApiProperty({ description: 'Still out past its due time.' }) overdue!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the loan was flagged overdue and the people concerned told.' }) overdueFlaggedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) returnedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) returnedByName!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) returnedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) returnNote!: string | null;
  @ApiProperty({ enum: ['clean', 'infected'], nullable: true, type: String }) virusResult!: 'clean' | 'infected' | null;
  @ApiProperty({ type: String, nullable: true }) virusCheckedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) virusCheckedByName!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) virusCheckedAt!: string | null;
  @ApiProperty({ enum: ['cleaned', 'destroyed', 'withdrawn'], nullable: true, type: String }) disposition!: 'cleaned' | 'destroyed' | 'withdrawn' | null;
  @ApiProperty({ type: String, nullable: true }) disposedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) disposedByName!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disposedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) disposalNote!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ type: MediaOpenTaskDto, nullable: true, description: 'The task the loan waits for: the virus check or the quarantine disposal.' }) openTask!: MediaOpenTaskDto | null;
}

export class MediaRegisterDto {
  @ApiProperty({ type: MediaItemDto, isArray: true }) items!: MediaItemDto[];
  @ApiProperty({ type: MediaLoanDto, isArray: true, description: 'Open loans (overdue first), then the latest closed ones.' }) loans!: MediaLoanDto[];
}

export class MediaRegisteredDto {
  @ApiProperty({ format: 'uuid' }) itemId!: string;
}
