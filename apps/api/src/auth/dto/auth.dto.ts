import { PERMISSIONS, type Permission } from '../../../../../libs/policy/authorization.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsTimeZone, MaxLength, MinLength } from 'class-validator';
import { IsText } from '../../common/validation.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../../../libs/domain/accounts/passwords.js';
import { ROLES, type Role } from '../../../../../libs/policy/roles.js';
import { LOCALES, type Locale } from '../../../../../libs/db/rows.js';

export class LoginDto {
  @ApiProperty({ example: 'agent1', minLength: 1, maxLength: 128 })
  @IsString()
  @IsText()
  @MinLength(1)
  @MaxLength(128)
  username!: string;

  @ApiProperty({ example: 'demo-password', minLength: 1, maxLength: 1024, format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}

export class RefreshDto {
  @ApiProperty({ minLength: 16, maxLength: 200, description: 'The refresh token from login or the previous refresh (each is usable once).' })
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  refreshToken!: string;
}

export class SessionUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ enum: PERMISSIONS, isArray: true, description: 'What the roles allow (libs/policy/authorization.ts): the web shows only what the person may use; the server checks every call again.' })
  permissions!: Permission[];
  @ApiProperty({ enum: LOCALES }) locale!: Locale;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ description: 'INF-10: the password was set by someone else; set your own (POST /api/auth/password) before anything else.' })
  mustSetPassword!: boolean;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password', minLength: 1, maxLength: PASSWORD_MAX, description: 'The password you signed in with (the one-time one, or your own).' })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX)
  currentPassword!: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, description: 'At least 12 characters, not the username, not a common password.' })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  newPassword!: string;
}

export class TokensDto {
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Short-lived JWT (HS256) for the Authorization: Bearer header.' }) accessToken!: string;
  @ApiProperty({ format: 'date-time' }) accessTokenExpiresAt!: string;
  @ApiProperty({ description: 'Opaque; exchange it at POST /api/auth/refresh. Rotated on every use.' }) refreshToken!: string;
  @ApiProperty({ format: 'date-time' }) refreshTokenExpiresAt!: string;
  @ApiProperty({ type: SessionUserDto }) user!: SessionUserDto;
}

export class DepartmentRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'outbound-1' }) code!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty() nameZh!: string;
}

export class EmployeeRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ enum: ['pending', 'active', 'leaving', 'left'] }) status!: string;
}

export class HeldAgentIdDto {
  @ApiProperty({ example: 'A1001' }) code!: string;
  @ApiProperty({ enum: ['standard', 'manager', 'privileged'] }) kind!: string;
  @ApiProperty({ enum: ['available', 'assigned', 'suspended', 'retired'] }) state!: string;
}

export class CheckedOutAgentIdDto {
  @ApiProperty({ example: 'P9001' }) code!: string;
  @ApiProperty({ format: 'date-time' }) until!: string;
}

export class MeDto extends SessionUserDto {
  @ApiProperty({ type: DepartmentRefDto, nullable: true }) department!: DepartmentRefDto | null;
  @ApiProperty({ type: EmployeeRefDto, nullable: true }) employee!: EmployeeRefDto | null;
  @ApiProperty({ type: HeldAgentIdDto, nullable: true, description: 'The standard or manager agent ID this person holds (AID-1).' }) agentId!: HeldAgentIdDto | null;
  @ApiProperty({ type: CheckedOutAgentIdDto, nullable: true, description: 'A privileged ID checked out to this person now (AID-2).' })
  privilegedAgentId!: CheckedOutAgentIdDto | null;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ example: 'Asia/Shanghai', description: 'An IANA time zone.' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}
