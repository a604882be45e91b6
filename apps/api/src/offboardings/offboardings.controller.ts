import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { Authenticated, CurrentUser, Allow } from '../common/auth.decorators.js';
import { ApiIdempotencyKey, IdempotencyKey } from '../common/idempotency-key.js';
import { uuidParam } from '../common/validation.js';
import { ProcessQueryDto } from '../processes/process.dto.js';
import { AddReturnItemDto, CreateOffboardingDto, OffboardingDto, OffboardingPageDto } from './dto/offboarding.dto.js';
import { OffboardingsService } from './offboardings.service.js';

const uuid = uuidParam('id');
const idParam = ApiParam({ name: 'id', description: 'The employee id.', schema: { type: 'string', format: 'uuid' } });
const SCOPED = 'hr, cc_manager and auditor see all; a supervisor their department; the employee their own. Others are 404.';

@ApiTags('offboarding')
@ApiBearerAuth()
@Controller('offboardings')
export class OffboardingsController {
  constructor(private readonly offboardings: OffboardingsService) {}

  @Authenticated()
  @Get()
  @ApiOperation({ summary: 'Offboardings, newest first.', description: SCOPED })
  @ApiOkResponse({ type: OffboardingPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: ProcessQueryDto): Promise<OffboardingPageDto> {
    return this.offboardings.list(user, q);
  }

  @Authenticated()
  @Get(':id')
  @idParam
  @ApiOperation({ summary: 'One offboarding: timeline and return checklist (the final report once complete).', description: SCOPED })
  @ApiOkResponse({ type: OffboardingDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<OffboardingDto> {
    return this.offboardings.get(user, id);
  }

  @Allow('offboarding.start')
  @Post()
  @ApiOperation({ summary: 'Offboard an employee (hr): revoke access at once, then the return checklist (INF-13), then retire the agent ID.' })
  @ApiTooManyRequestsResponse({ description: 'Over the per-user quota on starting processes (QUOTA_* settings); Retry-After says when to try again.' })
  @ApiCreatedResponse({ type: OffboardingDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateOffboardingDto): Promise<OffboardingDto> {
    return this.offboardings.create(user, dto);
  }

  @Allow('offboarding.start')
  @Post(':id/items')
  @idParam
  @ApiOperation({ summary: 'Add a carrier to the open return checklist (hr).' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: OffboardingDto })
  addItem(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: AddReturnItemDto, @IdempotencyKey() key?: string): Promise<OffboardingDto> {
    return this.offboardings.addItem(user, id, dto, key);
  }
}
