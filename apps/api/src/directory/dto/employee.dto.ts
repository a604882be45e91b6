import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsText } from '../../common/validation.js';
import { EMPLOYEE_STATUSES, type EmployeeStatus } from '../../../../../libs/db/rows.js';
import { PageOf, PageQueryDto } from '../../common/page.dto.js';

export class CreateEmployeeDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  departmentId!: string;

  @ApiProperty({ example: 'Wei Zhang 张伟', maxLength: 200 })
  @IsString()
  @IsText()
  @MinLength(1)
  @MaxLength(200)
  fullName!: string;
}

export class EmployeeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ enum: EMPLOYEE_STATUSES })
  @IsOptional()
  @IsIn(EMPLOYEE_STATUSES)
  status?: EmployeeStatus;

  @ApiPropertyOptional({ description: 'Part of the name.', maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsText()
  @MaxLength(100)
  q?: string;
}

export class EmployeeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ enum: EMPLOYEE_STATUSES }) status!: EmployeeStatus;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) activatedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) leavingAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) leftAt!: string | null;
}

export class EmployeePageDto extends PageOf(EmployeeDto) {}
