import { ApiProperty } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, MaxLength, ValidateIf } from 'class-validator';
import { IsMailAddress } from '../../common/validation.js';
import { MAIL_DIGESTS, NOTIFICATION_KINDS, type MailDigest, type NotificationKind } from '../../../../../libs/policy/notifications.js';
import { PageOf } from '../../common/page.dto.js';

const KINDS = 'task (a new task for me or my role), escalation (a task past its due time), reminder (before my access expires), decision (on my request), grant_ended (my access ended), other.';

export class NotificationPreferencesDto {
  @ApiProperty({ type: String, nullable: true, format: 'email', maxLength: 254, description: 'Where my mail goes; null: no mail at all.' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsMailAddress('email must be a mail address such as li.an@example.com, or null')
  @MaxLength(254)
  email!: string | null;

  @ApiProperty({ description: 'Mail on or off (the bell shows everything either way).' })
  @IsBoolean()
  mailEnabled!: boolean;

  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true, description: `The kinds I get by mail: ${KINDS}` })
  @IsArray()
  @ArrayUnique()
  @IsIn(NOTIFICATION_KINDS, { each: true, message: `each kind must be one of: ${NOTIFICATION_KINDS.join(', ')}` })
  kinds!: NotificationKind[];

  @ApiProperty({ enum: MAIL_DIGESTS, description: '`off`: one mail per notification; `hourly` / `daily`: one mail per period listing them.' })
  @IsIn(MAIL_DIGESTS, { message: `digest must be one of: ${MAIL_DIGESTS.join(', ')}` })
  digest!: MailDigest;
}

export class MailFailureDto {
  @ApiProperty({ format: 'uuid', description: 'The outbox id (also the left part of the Message-ID).' }) id!: string;
  @ApiProperty({ format: 'uuid' }) recipientUserId!: string;
  @ApiProperty() recipientUsername!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind!: NotificationKind;
  @ApiProperty({ description: 'What it was about, as `<type>:<id>`.' }) subject!: string;
  @ApiProperty({ type: String, nullable: true, description: "The SMTP server's answer (code and text); never a credential." }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) failedAt!: string;
}

export class MailFailurePageDto extends PageOf(MailFailureDto) {}
