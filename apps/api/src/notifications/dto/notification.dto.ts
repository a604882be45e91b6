import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageOf, PageQueryDto } from '../../common/page.dto.js';
import { BilingualDto } from '../../tasks/dto/task.dto.js';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only notifications I have not read yet.' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  unread?: boolean;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'What it is about, as `<type>:<id>`, e.g. `task:<uuid>`, `access-request:<uuid>`, `onboarding:<employee uuid>`.', example: 'task:0b9c…' })
  subject!: string;
  @ApiProperty({ description: 'The part of `subject` before the first colon: task, access-request, onboarding, offboarding.', example: 'task' })
  subjectType!: string;
  @ApiProperty({ description: 'The part of `subject` after the first colon (the id to link to).' }) subjectId!: string;
  @ApiProperty({ type: BilingualDto }) title!: BilingualDto;
  @ApiProperty({ type: BilingualDto }) body!: BilingualDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'Whether I have read it (per person: a notification to a role is read by each holder alone).' }) read!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt!: string | null;
}

export class NotificationPageDto extends PageOf(NotificationDto) {
  @ApiProperty({ description: 'How many of all my notifications are unread (for a badge), whatever the filter.' }) unread!: number;
}
