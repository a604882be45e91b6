import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsTimeZone, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../../../../../libs/policy/roles.js';
import { LOCALES, type Locale } from '../../../../../libs/db/rows.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../../../libs/domain/accounts/passwords.js';
import { PageOf, PageQueryDto } from '../../common/page.dto.js';
import { IsOptionalNotNull, IsText, IsUsername, USERNAME_PATTERN } from '../../common/validation.js';

export class CreateUserDto {
  @ApiProperty({ example: 'agent3', pattern: USERNAME_PATTERN.source, description: 'Case-insensitive; stored in lower case.' })
  @IsString()
  @IsUsername()
  username!: string;

  @ApiProperty({ example: 'Wei Zhang 张伟', maxLength: 200 })
  @IsString()
  @IsText()
  @MinLength(1)
  @MaxLength(200)
  displayName!: string;

  @ApiProperty({ enum: ROLES, isArray: true, minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, format: 'password', description: 'Without one the user cannot log in yet.' })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The employee record of this person; fixes the department.' })
  @IsOptional()
  @IsUUID()
  employeeId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  departmentId?: string | null;

  @ApiPropertyOptional({ enum: LOCALES, description: 'zh-CN when omitted on creation.' })
  @IsOptionalNotNull()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ example: 'Asia/Shanghai', description: 'IANA time zone; the deployment default if omitted.' })
  @IsOptionalNotNull()
  @IsTimeZone()
  timeZone?: string;
}

/** Every field of a new user but the username, each optional; an explicit null is refused except where null clears a link. */
export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['username']), { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'Replaces all roles. Nobody changes their own.' }) override roles?: Role[];
  @ApiPropertyOptional({ description: 'Sets a new password and ends the sessions.' }) override password?: string;
  @ApiPropertyOptional({ type: String, description: 'The employee record of this person; fixes the department. null unlinks it.' }) override employeeId?: string | null;
  @ApiPropertyOptional({ description: 'IANA time zone.' }) override timeZone?: string;

  @ApiPropertyOptional({ description: 'false deactivates the account and ends its sessions at once.' })
  @IsOptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) employeeId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) departmentId!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ enum: LOCALES }) locale!: Locale;
  @ApiProperty() timeZone!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastLoginAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class UserPageDto extends PageOf(UserDto) {}
