import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType, PickType } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { PageOf } from '../../common/page.dto.js';
import { IsOptionalNotNull } from '../../common/validation.js';
import { CreateEmployeeDto } from '../../directory/dto/employee.dto.js';
import { CreateUserDto } from '../../directory/dto/user.dto.js';
import { ProcessViewDto } from '../../processes/process.dto.js';

/**
 * Either an existing pending employee (employeeId), or a new hire: the employee's name and department
 * and the account's username and first password, with the rules of creating each. Every field is
 * optional here (the service says which combination is missing); an explicit null is refused.
 */
export class CreateOnboardingDto extends PartialType(
  IntersectionType(PickType(CreateEmployeeDto, ['fullName', 'departmentId']), PickType(CreateUserDto, ['username', 'password'])),
  { skipNullProperties: false },
) {
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing pending employee with an account; otherwise give fullName, username and departmentId.' })
  @IsOptionalNotNull()
  @IsUUID()
  employeeId?: string;

  @ApiPropertyOptional({ description: 'A first password, so the new employee can sign in and sign.' }) override password?: string;
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

export class OnboardingPageDto extends PageOf(OnboardingDto) {}
