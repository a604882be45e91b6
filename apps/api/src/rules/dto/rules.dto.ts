import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

const STANDINGS = ['current', 'overdue', 'never', 'old_version'] as const;

export class RulesStandingQueryDto {
  @ApiPropertyOptional({ description: 'Only those whose acknowledgement is not current (overdue, never given, or of an older text).' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;
}

export class RulesStandingDto {
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty({ enum: STANDINGS, description: 'overdue: the yearly acknowledgement is past due; never: none yet; old_version: an earlier text.' }) standing!: (typeof STANDINGS)[number];
  @ApiProperty({ nullable: true, type: String }) version!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 of the text acknowledged.' }) textHash!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) acknowledgedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) nextDueAt!: string | null;
}

export class RulesStandingListDto {
  @ApiProperty({ description: 'The version of the rules text asked for now.' }) currentVersion!: string;
  @ApiProperty({ type: RulesStandingDto, isArray: true }) items!: RulesStandingDto[];
}
