import { Body, Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { Authenticated, CurrentUser } from '../common/auth.decorators.js';
import { Public } from '../common/public.decorator.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto, LoginDto, MeDto, ReauthenticateDto, ReauthenticatedDto, RefreshDto, TokensDto, UpdateMeDto } from './dto/auth.dto.js';
import { AllowWithOneTimePassword } from './one-time-password.decorator.js';
import { MeService } from './me.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with username and password. Failures are counted per (username, client address): after a few, that pair waits longer each time, and an address with many failures waits out the window (429 with Retry-After). A stranger cannot lock the owner out.' })
  @ApiOkResponse({ type: TokensDto })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password, the account is deactivated, or (AUTH_MODE ldap/both) the directory knows the person and Custodian does not: one answer for all.' })
  @ApiServiceUnavailableResponse({ description: 'AUTH_MODE ldap or both: the directory that checks passwords cannot be reached (and no local password matched); try again after Retry-After.' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins for this username from this address, or from this address overall.' })
  login(@Body() dto: LoginDto, @Req() req: Request): Promise<TokensDto> {
    return this.auth.login(dto.username, dto.password, req.ip ?? 'unknown');
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens. Each refresh token works once; reusing one ends the session.' })
  @ApiOkResponse({ type: TokensDto })
  refresh(@Body() dto: RefreshDto): Promise<TokensDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Authenticated()
  @AllowWithOneTimePassword()
  @Post('password')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Set your own password (INF-10: required first when someone else set it). Other sessions end; new tokens are returned.' })
  @ApiOkResponse({ type: TokensDto })
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<TokensDto> {
    return this.auth.changePassword(user, dto.currentPassword, dto.newPassword);
  }

  @Authenticated()
  @Post('reauthenticate')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Type the password again before a privileged decision (a special agent-ID request, the SYS-5 cut-off). Answers a new access token that allows them for 5 minutes.',
    description: 'Checked and throttled exactly like sign-in (the same failure counts per username and address). A wrong password is 401 and does not end the session.',
  })
  @ApiOkResponse({ type: ReauthenticatedDto })
  @ApiUnauthorizedResponse({ description: 'Wrong password (or no valid access token).' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this username from this address, or from this address overall.' })
  reauthenticate(@CurrentUser() user: AuthUser, @Body() dto: ReauthenticateDto, @Req() req: Request): Promise<ReauthenticatedDto> {
    return this.auth.reauthenticate(user, dto.password, req.ip ?? 'unknown');
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session: the refresh token and its successors stop working, and so do the access tokens issued so far.' })
  @ApiNoContentResponse()
  logout(@Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(dto.refreshToken);
  }
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Authenticated()
  @AllowWithOneTimePassword()
  @Get()
  @ApiOperation({ summary: 'The signed-in user: roles, department, employee record, agent ID held, locale, time zone.' })
  @ApiOkResponse({ type: MeDto })
  get(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return this.me.me(user);
  }

  @Authenticated()
  @AllowWithOneTimePassword()
  @Patch()
  @ApiOperation({ summary: 'Change own preferences (language, time zone).' })
  @ApiOkResponse({ type: MeDto })
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateMeDto): Promise<MeDto> {
    return this.me.update(user, dto);
  }
}
