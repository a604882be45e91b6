import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../../../libs/domain/accounts/passwords.js';
import { PageMetaDto } from '../../common/page.dto.js';
import { IsOptionalNotNull, IsText, IsUsername } from '../../common/validation.js';
import { ProcessViewDto } from '../../processes/process.dto.js';

export class CreateOnboardingDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing pending employee with an account; otherwise give fullName, username and departmentId.' })
  @IsOptionalNotNull()
  @IsUUID()
  employeeId?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'Mei Chen 陈梅' })
  @IsOptionalNotNull()
  @IsString()
  @IsText()
  @MinLength(1)
  @MaxLength(200)
  fullName?: string;

  @ApiPropertyOptional({ example: 'agent3' })
  @IsOptionalNotNull()
  @IsString()
  @IsUsername()
  username?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ format: 'password', minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, description: 'A first password, so the new employee can sign in and sign.' })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password?: string;
}

export class SignatureDto {
  @ApiProperty() version!: string;
  @ApiProperty() textHash!: string;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
}

export class OnboardingDto extends ProcessViewDto {
  @ApiProperty({ nullable: true, type: String, description: 'The employee\'s account (they sign and acknowledge).' }) userId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'From the central plan (SYS-2).' }) workstationIp!: string | null;
  @ApiProperty({ type: SignatureDto, nullable: true, description: 'INF-10: the signed agreement version and text hash.' }) agreement!: SignatureDto | null;
}

export class OnboardingPageDto extends PageMetaDto {
  @ApiProperty({ type: OnboardingDto, isArray: true }) items!: OnboardingDto[];
}
