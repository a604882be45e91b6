import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { COMPUTER_CHECKS, COMPUTER_TEXT_MAX, type ComputerCheck } from '../../../../../libs/policy/computers.js';
import { IsText } from '../../common/validation.js';

export class RegisterComputerDto {
  @ApiProperty({ maxLength: COMPUTER_TEXT_MAX, example: 'Machine room 1' })
  @IsString()
  @IsText()
  @Matches(/\S/, { message: 'room must not be blank' })
  @MaxLength(COMPUTER_TEXT_MAX)
  room!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Who works at it (their USB unlock or Internet grant shows here); null: nobody.' })
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('all', { message: 'assignedUserId must be a user id (uuid) or null' })
  assignedUserId!: string | null;
}

export class RecordCheckDto {
  @ApiProperty({ enum: COMPUTER_CHECKS })
  @IsIn(COMPUTER_CHECKS, { message: `check must be one of: ${COMPUTER_CHECKS.join(', ')}` })
  check!: ComputerCheck;

  @ApiProperty({ description: 'True: the lock holds (USB or Internet blocked, BIOS password set).' })
  @IsBoolean({ message: 'ok must be true or false' })
  ok!: boolean;

  @ApiPropertyOptional({ maxLength: COMPUTER_TEXT_MAX, description: 'Required when ok is false: what was found.' })
  @IsOptional()
  @IsString()
  @IsText()
  @MaxLength(COMPUTER_TEXT_MAX)
  note?: string;
}

export class ComputerCheckDto {
  @ApiProperty({ enum: COMPUTER_CHECKS }) check!: ComputerCheck;
  @ApiProperty({ nullable: true, type: Boolean, description: 'null: never checked.' }) ok!: boolean | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ nullable: true, type: String }) checkedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) checkedByName!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) checkedAt!: string | null;
}

export class ComputerUserDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
}

export class ComputerGrantDto {
  @ApiProperty({ format: 'uuid' }) grantId!: string;
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty({ enum: ['usb_media', 'external_network'] }) kind!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty() enabledBy!: string;
  @ApiProperty({ description: 'Who holds it.' }) holderUserId!: string;
  @ApiProperty({ type: String, nullable: true }) holderName!: string | null;
  @ApiProperty({ description: 'True: the request named this computer; false: the grant of the person at it, whose request named no computer.' }) named!: boolean;
}

export class ComputerDto {
  @ApiProperty({ example: 'MR-PC-07' }) tag!: string;
  @ApiProperty() room!: string;
  @ApiProperty({ type: ComputerUserDto, nullable: true }) assignedUser!: ComputerUserDto | null;
  @ApiProperty({ type: ComputerCheckDto, isArray: true }) checks!: ComputerCheckDto[];
  @ApiProperty({ description: 'A check never done, or one that found the lock missing.' }) flagged!: boolean;
  @ApiProperty({ description: 'A check older than 30 days, or never done: the locks are due to be checked again.' }) recheckDue!: boolean;
  @ApiProperty({ type: ComputerGrantDto, isArray: true, description: 'INF-6: the USB unlock or Internet grants in force on this computer: those whose request named it, and those of the person at it that named no computer.' }) grants!: ComputerGrantDto[];
}

export class ComputerListDto {
  @ApiProperty({ type: ComputerDto, isArray: true }) items!: ComputerDto[];
}

export class ComputerChangeDto {
  @ApiProperty() tag!: string;
  @ApiProperty({ description: 'False when it already was so (nothing was recorded).' }) changed!: boolean;
}

export class ComputerCheckResultDto {
  @ApiProperty() tag!: string;
  @ApiProperty({ enum: COMPUTER_CHECKS }) check!: ComputerCheck;
  @ApiProperty() ok!: boolean;
}

export class ComputerHistoryEntryDto {
  @ApiProperty({ enum: ['computer.registered', 'computer.checked'] }) type!: 'computer.registered' | 'computer.checked';
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'The user id of who recorded it.' }) by!: string;
  @ApiProperty({ type: String, nullable: true }) byName!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'A registration: the room.' }) room!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'A registration: who works at it.' }) assignedUserId!: string | null;
  @ApiProperty({ enum: COMPUTER_CHECKS, nullable: true, type: String, description: 'A check: which lock.' }) check!: ComputerCheck | null;
  @ApiProperty({ type: Boolean, nullable: true }) ok!: boolean | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class ComputerHistoryDto {
  @ApiProperty() tag!: string;
  @ApiProperty({ type: ComputerHistoryEntryDto, isArray: true, description: 'Newest first.' }) items!: ComputerHistoryEntryDto[];
}
