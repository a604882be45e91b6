import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageOf } from '../../common/page.dto.js';
import { IsText } from '../../common/validation.js';

export class CreateDepartmentDto {
  @ApiProperty({ example: 'outbound-2', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'code must be lower-case letters and digits separated by hyphens, e.g. outbound-2' })
  code!: string;

  @ApiProperty({ example: 'Outbound calls 2', maxLength: 200 })
  @IsString()
  @IsText()
  @MinLength(1)
  @MaxLength(200)
  nameEn!: string;

  @ApiProperty({ example: '外呼二部', maxLength: 200 })
  @IsString()
  @IsText()
  @MinLength(1)
  @MaxLength(200)
  nameZh!: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'A user holding the supervisor role; null removes the supervisor.' })
  @IsOptional()
  @IsUUID()
  supervisorUserId?: string | null;
}

/** The names and the supervisor of a department, each optional (the code never changes); an explicit null is refused except for the supervisor. */
export class UpdateDepartmentDto extends PartialType(PickType(CreateDepartmentDto, ['nameEn', 'nameZh', 'supervisorUserId']), { skipNullProperties: false }) {}

export class DepartmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty() nameZh!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) supervisorUserId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class DepartmentPageDto extends PageOf(DepartmentDto) {}
