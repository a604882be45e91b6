import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { CurrentUser, Allow } from '../common/auth.decorators.js';
import { RedeliveryDto, WebhookListDto } from './webhooks.dto.js';
import { WebhooksService } from './webhooks.service.js';

@ApiTags('enforcement')
@ApiBearerAuth()
@Controller('it/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Allow('enforcement.read')
  @Get()
  @ApiOperation({ summary: 'Webhook deliveries dead-lettered after every try, and those still retried (it, cc_manager, auditor).' })
  @ApiOkResponse({ type: WebhookListDto })
  list(): Promise<WebhookListDto> {
    return this.webhooks.list();
  }

  @Allow('enforcement.redeliver')
  @Post(':id/redeliver')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a dead-lettered delivery again, with the same webhook-id and body (it); its outcome is recorded as webhook.delivered or webhook.dead_lettered.' })
  @ApiAcceptedResponse({ type: RedeliveryDto })
  redeliver(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<RedeliveryDto> {
    return this.webhooks.redeliver(user, id);
  }
}
