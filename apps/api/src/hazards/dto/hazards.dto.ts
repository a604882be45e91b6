import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { HAZARD_FOUND_DURING, HAZARD_STATES, HAZARD_TEXT_MAX, type HazardFoundDuring, type HazardState } from '../../../../../libs/policy/hazards.js';
import { IsText } from '../../common/validation.js';

export class ReportHazardDto {
  @ApiProperty({ maxLength: HAZARD_TEXT_MAX, example: 'Headset cable frayed at desk 12' })
  @IsString()
  @IsText()
  @Matches(/\S/, { message: 'description must not be blank' })
  @MaxLength(HAZARD_TEXT_MAX)
  description!: string;

  @ApiPropertyOptional({ enum: HAZARD_FOUND_DURING, description: '`equipment_check` (default): an agent after work (EQ-4); `inspection`: a machine-room manager inspecting power and wiring (EQ-2).' })
  @IsOptional()
  @IsIn(HAZARD_FOUND_DURING, { message: `during must be one of: ${HAZARD_FOUND_DURING.join(', ')}` })
  during?: HazardFoundDuring;
}

export class HazardsQueryDto {
  @ApiPropertyOptional({ enum: HAZARD_STATES, description: 'Absent: open.' })
  @IsOptional()
  @IsIn(HAZARD_STATES, { message: `state must be one of: ${HAZARD_STATES.join(', ')}` })
  state?: HazardState;
}

export class HazardDto {
  @ApiProperty() hazardId!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'The user id of who reported it.' }) reportedBy!: string;
  @ApiProperty({ format: 'date-time' }) reportedAt!: string;
  @ApiProperty({ description: 'Whole hours since it was reported (until it was fixed, once fixed).' }) ageHours!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The duty it was found on.' }) dutyId!: string | null;
  @ApiProperty({ type: String, nullable: true }) occurrenceId!: string | null;
  @ApiProperty({ type: String, isArray: true, example: ['EQ-4'] }) clauses!: string[];
  @ApiProperty({ enum: HAZARD_STATES }) state!: HazardState;
  @ApiProperty({ type: String, nullable: true }) fixedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) fixedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) howFixed!: string | null;
  @ApiProperty({ description: 'The Temporal workflow that keeps its task open until it is fixed.' }) workflowId!: string;
}

export class HazardsDto {
  @ApiProperty({ type: HazardDto, isArray: true }) items!: HazardDto[];
}

export class HazardReportedDto {
  @ApiProperty() hazardId!: string;
  @ApiProperty({ enum: HAZARD_STATES }) state!: HazardState;
}
