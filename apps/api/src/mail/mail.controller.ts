import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { Allow, Authenticated, CurrentUser } from '../common/auth.decorators.js';
import { PageQueryDto } from '../common/page.dto.js';
import { MailFailurePageDto, NotificationPreferencesDto } from './dto/mail.dto.js';
import { MailService } from './mail.service.js';

const OWN = 'Always the caller’s own: there is no user id to name, so nobody reads or changes another person’s.';

@ApiTags('mail')
@ApiBearerAuth()
@Controller()
export class MailController {
  constructor(private readonly mail: MailService) {}

  @Authenticated()
  @Get('me/notification-preferences')
  @ApiOperation({ summary: 'My mail notification settings: address, on/off, kinds, digest.', description: OWN })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  mine(@CurrentUser() user: AuthUser): Promise<NotificationPreferencesDto> {
    return this.mail.preferences(user);
  }

  @Authenticated()
  @Put('me/notification-preferences')
  @ApiOperation({ summary: 'Replace my mail notification settings.', description: OWN })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  setMine(@CurrentUser() user: AuthUser, @Body() dto: NotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    return this.mail.setPreferences(user, dto);
  }

  @Allow('mail.readFailures')
  @Get('mail/failures')
  @ApiOperation({ summary: 'Mail the SMTP server refused for good (a 5xx answer, an address it will not take), newest first.' })
  @ApiOkResponse({ type: MailFailurePageDto })
  failures(@Query() q: PageQueryDto): Promise<MailFailurePageDto> {
    return this.mail.failures(q);
  }
}
