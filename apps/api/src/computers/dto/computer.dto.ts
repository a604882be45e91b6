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
}

export class ComputerDto {
  @ApiProperty({ example: 'MR-PC-07' }) tag!: string;
  @ApiProperty() room!: string;
  @ApiProperty({ type: ComputerUserDto, nullable: true }) assignedUser!: ComputerUserDto | null;
  @ApiProperty({ type: ComputerCheckDto, isArray: true }) checks!: ComputerCheckDto[];
  @ApiProperty({ description: 'A check never done, or one that found the lock missing.' }) flagged!: boolean;
  @ApiProperty({ type: ComputerGrantDto, isArray: true, description: 'INF-6: the USB unlock or Internet grant in force for the person at this computer.' }) grants!: ComputerGrantDto[];
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
