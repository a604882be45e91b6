import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../common/page.dto.js';

const STATES = ['running', 'completed', 'rejected', 'cancelled'] as const;

export class StepEntryDto {
  @ApiProperty() step!: string;
  @ApiProperty({ enum: ['started', 'completed', 'failed', 'skipped'] }) state!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Who took the step (a user id), or null for the workflow itself.' }) by!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The display name of who took the step.' }) byName!: string | null;
}

/** What onboarding and offboarding views share: the process state and its timeline. */
export class ProcessViewDto {
  @ApiProperty({ format: 'uuid', description: 'The employee id (one onboarding and one offboarding per employee).' }) id!: string;
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty({ nullable: true, type: String }) fullName!: string | null;
  @ApiProperty({ enum: STATES }) state!: string;
  @ApiProperty() stage!: string;
  @ApiProperty({ type: StepEntryDto, isArray: true }) steps!: StepEntryDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) endedAt!: string | null;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The standard agent ID assigned (onboarding) or retired (offboarding).' }) agentId!: string | null;
}

export class ProcessQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATES })
  @IsOptional()
  @IsIn(STATES)
  state?: (typeof STATES)[number];
}
