import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { RETURN_ITEM_KINDS, RETURN_ITEM_STATES, type ReturnItemKind, type ReturnItemState } from '../../../../../libs/policy/index.js';
import { PageOf } from '../../common/page.dto.js';
import { IsOptionalNotNull, IsText } from '../../common/validation.js';
import { ProcessViewDto } from '../../processes/process.dto.js';

export class ExtraItemDto {
  @ApiProperty({ maxLength: 200, example: 'Headset case' })
  @IsString()
  @IsText()
  @MinLength(1)
  @MaxLength(200)
  label!: string;
}

export class CreateOffboardingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  employeeId!: string;

  @ApiProperty({ maxLength: 500, example: 'resigned' })
  @IsString()
  @IsText()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;

  @ApiPropertyOptional({ type: ExtraItemDto, isArray: true, description: 'Carriers beyond the default kinds of INF-13.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ExtraItemDto)
  extraItems?: ExtraItemDto[];
}

export class AddReturnItemDto extends ExtraItemDto {
  @ApiPropertyOptional({ enum: RETURN_ITEM_KINDS, default: 'other_media' })
  @IsOptionalNotNull()
  @IsIn(RETURN_ITEM_KINDS)
  kind?: ReturnItemKind;
}

export class VirusCheckDto {
  @ApiProperty({ enum: ['clean', 'infected'] }) result!: 'clean' | 'infected';
  @ApiProperty() by!: string;
  @ApiProperty({ nullable: true, type: String }) byName!: string | null;
}

export class ReturnItemDto {
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty({ enum: RETURN_ITEM_KINDS }) kind!: ReturnItemKind;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: RETURN_ITEM_STATES, description: 'quarantined: found infected (INF-6), not received until cleaned or destroyed.' }) state!: ReturnItemState;
  @ApiProperty({ nullable: true, type: String, description: 'The on-site manager who checked it (INF-13).' }) checkedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Their display name.' }) checkedByName!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ type: VirusCheckDto, nullable: true, description: 'INF-6: a returned machine-room disk.' }) virusCheck!: VirusCheckDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'The call center manager who accepted a missing item.' }) signedOffBy!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Their display name.' }) signedOffByName!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'INF-6: the IT person who recorded a quarantined disk cleaned or destroyed.' }) disposedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Their display name.' }) disposedByName!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'What they wrote about it.' }) disposalNote!: string | null;
}

export class OffboardingDto extends ProcessViewDto {
  @ApiProperty({ nullable: true, type: String }) employeeName!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ type: ReturnItemDto, isArray: true, description: 'The return checklist; when complete, the final report.' }) items!: ReturnItemDto[];
}

export class OffboardingPageDto extends PageOf(OffboardingDto) {}
