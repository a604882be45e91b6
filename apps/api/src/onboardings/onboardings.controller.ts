import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { Authenticated, CurrentUser, Allow } from '../common/auth.decorators.js';
import { ApiIdempotencyKey, IdempotencyKey } from '../common/idempotency-key.js';
import { uuidParam } from '../common/validation.js';
import { ProcessQueryDto } from '../processes/process.dto.js';
import { CreateOnboardingDto, OnboardingDto, OnboardingPageDto } from './dto/onboarding.dto.js';
import { OnboardingsService } from './onboardings.service.js';

const uuid = uuidParam('id');
const idParam = ApiParam({ name: 'id', description: 'The employee id.', schema: { type: 'string', format: 'uuid' } });
const SCOPED = 'hr, cc_manager and auditor see all; a supervisor their department; the employee their own. Others are 404.';

@ApiTags('onboarding')
@ApiBearerAuth()
@Controller('onboardings')
export class OnboardingsController {
  constructor(private readonly onboardings: OnboardingsService) {}

  @Authenticated()
  @Get()
  @ApiOperation({ summary: 'Onboardings, newest first.', description: SCOPED })
  @ApiOkResponse({ type: OnboardingPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: ProcessQueryDto): Promise<OnboardingPageDto> {
    return this.onboardings.list(user, q);
  }

  @Authenticated()
  @Get(':id')
  @idParam
  @ApiOperation({ summary: 'One onboarding with its step timeline.', description: SCOPED })
  @ApiOkResponse({ type: OnboardingDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<OnboardingDto> {
    return this.onboardings.get(user, id);
  }

  @Allow('onboarding.start')
  @Post()
  @ApiOperation({ summary: 'Onboard a new employee (hr): agreement (INF-10) → agent ID (AID-1) → accounts and IP (INF-7, SYS-2) → fire safety (EQ-3).' })
  @ApiIdempotencyKey()
  @ApiTooManyRequestsResponse({ description: 'Over the per-user quota on starting processes (QUOTA_* settings); Retry-After says when to try again.' })
  @ApiCreatedResponse({ type: OnboardingDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateOnboardingDto, @IdempotencyKey() key?: string): Promise<OnboardingDto> {
    return this.onboardings.create(user, dto, key);
  }
}
