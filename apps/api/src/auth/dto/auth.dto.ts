import { PERMISSIONS, type Permission } from '../../../../../libs/policy/authorization.js';
import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { AgentIdDto } from '../../agent-ids/dto/agent-id.dto.js';
import { DepartmentDto } from '../../directory/dto/department.dto.js';
import { EmployeeDto } from '../../directory/dto/employee.dto.js';
import { UserDto } from '../../directory/dto/user.dto.js';
import { IsIn, IsOptional, IsString, IsTimeZone, MaxLength, MinLength } from 'class-validator';
import { IsText } from '../../common/validation.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../../../libs/domain/accounts/passwords.js';
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

export class ReauthenticateDto {
  @ApiProperty({ minLength: 1, maxLength: 1024, format: 'password', description: 'The password the caller signs in with.' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}

export class ReauthenticatedDto {
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Use this access token from now on: it carries the re-authentication. The refresh token is unchanged.' }) accessToken!: string;
  @ApiProperty({ format: 'date-time' }) accessTokenExpiresAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Privileged decisions are allowed with this token until then (5 minutes).' }) reauthenticatedUntil!: string;
}

export class RefreshDto {
  @ApiProperty({ minLength: 16, maxLength: 200, description: 'The refresh token from login or the previous refresh (each is usable once).' })
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  refreshToken!: string;
}

/** The signed-in user: their user record's identity and preferences, and whether they must set their own password first. */
export class SessionUserDto extends PickType(UserDto, ['id', 'username', 'displayName', 'roles', 'locale', 'timeZone']) {
  @ApiProperty({ enum: PERMISSIONS, isArray: true, description: 'What the roles allow (libs/policy/authorization.ts): the web shows only what the person may use; the server checks every call again.' })
  permissions!: Permission[];
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

export class DepartmentRefDto extends PickType(DepartmentDto, ['id', 'code', 'nameEn', 'nameZh']) {}

export class EmployeeRefDto extends PickType(EmployeeDto, ['id', 'fullName', 'status']) {}

export class HeldAgentIdDto extends PickType(AgentIdDto, ['code', 'kind', 'state']) {}

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
