import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import {
  RESPONSIBILITY_FLAGS, RESPONSIBILITY_KINDS, RESPONSIBILITY_NAME_MAX, type ResponsibilityFlag, type ResponsibilityKind,
} from '../../../../../libs/policy/responsibilities.js';
import { IsText } from '../../common/validation.js';

const NOT_BLANK = /\S/;

export class ResponsibilityNameDto {
  @ApiProperty({ maxLength: RESPONSIBILITY_NAME_MAX, example: 'Customer data' })
  @IsString()
  @IsText()
  @Matches(NOT_BLANK, { message: 'name.en must not be blank' })
  @MaxLength(RESPONSIBILITY_NAME_MAX)
  en!: string;

  @ApiProperty({ maxLength: RESPONSIBILITY_NAME_MAX, example: '客户资料' })
  @IsString()
  @IsText()
  @Matches(NOT_BLANK, { message: 'name.zh must not be blank' })
  @MaxLength(RESPONSIBILITY_NAME_MAX)
  zh!: string;
}

export class AssignResponsibilityDto {
  @ApiProperty({ enum: RESPONSIBILITY_KINDS, description: 'The three standard keys keep their kind; any other key is `information` (a kind of information) or `system` (a shared system or password).' })
  @IsIn(RESPONSIBILITY_KINDS, { message: `kind must be one of: ${RESPONSIBILITY_KINDS.join(', ')}` })
  kind!: ResponsibilityKind;

  @ApiProperty({ type: ResponsibilityNameDto })
  @IsDefined()
  @IsObject({ message: 'name must be an object { en, zh }' })
  @ValidateNested()
  @Type(() => ResponsibilityNameDto)
  name!: ResponsibilityNameDto;

  @ApiProperty({ format: 'uuid', description: 'The named owner: an active user.' })
  @IsUUID('all', { message: 'ownerUserId must be a user id (uuid)' })
  ownerUserId!: string;

  @ApiProperty({ format: 'uuid', description: 'The deputy: another active user.' })
  @IsUUID('all', { message: 'deputyUserId must be a user id (uuid)' })
  deputyUserId!: string;
}

export class ResponsibilityQueryDto {
  @ApiPropertyOptional({ description: 'Only the responsibilities that need attention (no active owner or deputy).' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'flagged must be true or false' })
  flagged?: boolean;
}

export class ResponsiblePersonDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ description: 'False for a deactivated account (a leaver): the responsibility is flagged.' }) active!: boolean;
}

export class ResponsibilityDto {
  @ApiProperty({ example: 'machine-room-fire' }) key!: string;
  @ApiProperty({ enum: RESPONSIBILITY_KINDS }) kind!: ResponsibilityKind;
  @ApiProperty({ type: ResponsibilityNameDto }) name!: ResponsibilityNameDto;
  @ApiProperty({ type: ResponsiblePersonDto, nullable: true }) owner!: ResponsiblePersonDto | null;
  @ApiProperty({ type: ResponsiblePersonDto, nullable: true }) deputy!: ResponsiblePersonDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'Who named them last.' }) updatedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) updatedAt!: string | null;
  @ApiProperty({ enum: RESPONSIBILITY_FLAGS, isArray: true, description: 'Empty when an active owner and deputy are named.' }) flags!: ResponsibilityFlag[];
}

export class ResponsibilityListDto {
  @ApiProperty({ type: ResponsibilityDto, isArray: true }) items!: ResponsibilityDto[];
}

export class ResponsibilityChangeDto {
  @ApiProperty() key!: string;
  @ApiProperty({ description: 'False when it already was so (nothing was recorded).' }) changed!: boolean;
}
