import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { Authenticated, CurrentUser, Allow } from '../common/auth.decorators.js';
import { ApiIdempotencyKey, IdempotencyKey } from '../common/idempotency-key.js';
import { uuidParam } from '../common/validation.js';
import { AccessRequestsService } from './access-requests.service.js';
import { AccessRequestDto, AccessRequestPageDto, AccessRequestQueryDto, CreateAccessRequestDto, EmergencyResultDto, ExtendAccessRequestDto, ReasonDto } from './dto/access-request.dto.js';
import { EmergencyService } from './emergency.service.js';

const uuid = uuidParam('id');
const idParam = ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } });
const SCOPED = 'Own requests; a supervisor also sees their department; it, cc_manager, leadership and auditor see all. Others are 404.';

@ApiTags('access requests')
@ApiBearerAuth()
@Controller('access-requests')
export class AccessRequestsController {
  constructor(private readonly requests: AccessRequestsService) {}

  @Authenticated()
  @Get()
  @ApiOperation({ summary: 'Access requests, newest first.', description: SCOPED })
  @ApiOkResponse({ type: AccessRequestPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: AccessRequestQueryDto): Promise<AccessRequestPageDto> {
    return this.requests.list(user, q);
  }

  @Authenticated()
  @Get(':id')
  @idParam
  @ApiOperation({ summary: 'One access request with its timeline.', description: SCOPED })
  @ApiOkResponse({ type: AccessRequestDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<AccessRequestDto> {
    return this.requests.get(user, id);
  }

  @Authenticated()
  @Post()
  @ApiOperation({ summary: 'Ask for external network access, a special agent ID or a USB unlock.' })
  @ApiIdempotencyKey()
  @ApiTooManyRequestsResponse({ description: 'Over the per-user quota on starting processes (QUOTA_* settings); Retry-After says when to try again.' })
  @ApiCreatedResponse({ type: AccessRequestDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateAccessRequestDto, @IdempotencyKey() key?: string): Promise<AccessRequestDto> {
    return this.requests.create(user, dto, key);
  }

  @Authenticated()
  @Post(':id/extend')
  @HttpCode(200)
  @idParam
  @ApiOperation({ summary: 'Ask for more time on an active grant (the requester; approved again).' })
  @ApiOkResponse({ type: AccessRequestDto })
  extend(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ExtendAccessRequestDto): Promise<AccessRequestDto> {
    return this.requests.extend(user, id, dto);
  }

  @Authenticated()
  @Post(':id/revoke')
  @HttpCode(200)
  @idParam
  @ApiOperation({ summary: 'End a request or grant early (the requester, their supervisor, or IT).' })
  @ApiOkResponse({ type: AccessRequestDto })
  revoke(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ReasonDto): Promise<AccessRequestDto> {
    return this.requests.revoke(user, id, dto);
  }
}

@ApiTags('access requests')
@ApiBearerAuth()
@Controller('emergency')
export class EmergencyController {
  constructor(private readonly emergency: EmergencyService) {}

  @Allow('accessRequests.cutOff')
  @Post('external-access/revoke-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'SYS-5: revoke every active external network grant now (it, cc_manager); audited. Privileged: needs the password typed again in the last 5 minutes (POST /api/auth/reauthenticate), else 403 REAUTHENTICATION_REQUIRED.' })
  @ApiOkResponse({ type: EmergencyResultDto })
  revokeAll(@CurrentUser() user: AuthUser, @Body() dto: ReasonDto): Promise<EmergencyResultDto> {
    return this.emergency.revokeAllExternal(user, dto);
  }
}
