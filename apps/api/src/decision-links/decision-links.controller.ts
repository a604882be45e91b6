import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiGoneResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { Authenticated, CurrentUser } from '../common/auth.decorators.js';
import { DecisionLinksService } from './decision-links.service.js';
import { RedeemDecisionLinkDto, RedeemedDecisionLinkDto } from './dto/decision-link.dto.js';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('decision-links')
export class DecisionLinksController {
  constructor(private readonly links: DecisionLinksService) {}

  @Authenticated()
  @Post('redeem')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Open the task a mailed decision link leads to (once, for the person it was sent to). Decides nothing.',
    description: 'The object rule is the link’s own: only the person it was sent to, while the task is open and still theirs, until its deadline, once. The decision is then made on the task page (POST /api/tasks/{id}/complete), under the inbox’s rules.',
  })
  @ApiOkResponse({ type: RedeemedDecisionLinkDto })
  @ApiBadRequestResponse({ description: 'Not shaped like a link token.' })
  @ApiNotFoundResponse({ description: 'Not a valid link (the signature or the id is wrong): which, is not said.' })
  @ApiForbiddenResponse({ description: 'Sent to someone else (FORBIDDEN), or separation of duties (SEPARATION_OF_DUTIES).' })
  @ApiGoneResponse({ description: 'DECISION_LINK_GONE: already used, expired, or the task is decided, closed or no longer the caller’s; details.reason says which, details.message in both languages.' })
  redeem(@CurrentUser() user: AuthUser, @Body() dto: RedeemDecisionLinkDto): Promise<RedeemedDecisionLinkDto> {
    return this.links.redeem(user, dto.token);
  }
}
