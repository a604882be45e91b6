import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { Authenticated, CurrentUser } from '../common/auth.decorators.js';
import { uuidParam } from '../common/validation.js';
import { NotificationDto, NotificationPageDto, NotificationQueryDto } from './dto/notification.dto.js';
import { NotificationsService } from './notifications.service.js';

const MINE = 'Only notifications addressed to me, or to a role I hold (in my department where scoped); any other id is 404.';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Authenticated()
  @Get()
  @ApiOperation({ summary: 'My notifications, newest first (titles and bodies in English and Chinese).', description: MINE })
  @ApiOkResponse({ type: NotificationPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: NotificationQueryDto): Promise<NotificationPageDto> {
    return this.notifications.list(user, q);
  }

  @Authenticated()
  @Post(':id/read')
  @HttpCode(200)
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOperation({ summary: 'Mark one of my notifications read (reading it again changes nothing).', description: MINE })
  @ApiOkResponse({ type: NotificationDto })
  @ApiNotFoundResponse({ description: 'No such notification among mine.' })
  markRead(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string): Promise<NotificationDto> {
    return this.notifications.markRead(user, id);
  }
}
