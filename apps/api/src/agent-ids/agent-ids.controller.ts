import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { CurrentUser, Allow } from '../common/auth.decorators.js';
import { patternParam } from '../common/validation.js';
import { AgentIdsService } from './agent-ids.service.js';
import {
  AGENT_ID_CODE,
  AgentIdDetailDto,
  AgentIdPageDto,
  AgentIdQueryDto,
  AssignAgentIdDto,
  AssignNextDto,
  CreateRangeDto,
  RangeResultDto,
  OptionalReasonDto,
} from './dto/agent-id.dto.js';

const code = patternParam('code', AGENT_ID_CODE, 'A1001 (1-4 capital letters, then digits)');
const codeParam = ApiParam({ name: 'code', example: 'A1001', schema: { type: 'string', pattern: AGENT_ID_CODE.source } });

@ApiTags('agent-ids')
@ApiBearerAuth()
@Controller('agent-ids')
export class AgentIdsController {
  constructor(private readonly agentIds: AgentIdsService) {}

  @Allow('agentIds.read')
  @Get()
  @ApiOperation({ summary: 'The agent-ID pool, filtered and paged (INF-12).' })
  @ApiOkResponse({ type: AgentIdPageDto })
  list(@Query() q: AgentIdQueryDto): Promise<AgentIdPageDto> {
    return this.agentIds.list(q);
  }

  @Allow('agentIds.read')
  @Get(':code')
  @codeParam
  @ApiOperation({ summary: 'One agent ID with its holding history (AID-1).' })
  @ApiOkResponse({ type: AgentIdDetailDto })
  get(@Param('code', code) c: string): Promise<AgentIdDetailDto> {
    return this.agentIds.get(c);
  }

  @Allow('agentIds.manage')
  @Post('ranges')
  @ApiOperation({ summary: 'Add a range of codes to the pool, e.g. A1001-A1100 (id_admin). Existing codes of the same kind are skipped.' })
  @ApiCreatedResponse({ type: RangeResultDto })
  createRange(@CurrentUser() user: AuthUser, @Body() dto: CreateRangeDto): Promise<RangeResultDto> {
    return this.agentIds.createRange(user, dto);
  }

  @Allow('agentIds.manage')
  @Post('assign-next')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue the next available standard ID to an employee; returns the one they hold if any (AID-1).' })
  @ApiOkResponse({ type: AgentIdDetailDto })
  assignNext(@CurrentUser() user: AuthUser, @Body() dto: AssignNextDto): Promise<AgentIdDetailDto> {
    return this.agentIds.assignNext(user, dto.employeeId);
  }

  @Allow('agentIds.manage')
  @Post(':code/assign')
  @HttpCode(200)
  @codeParam
  @ApiOperation({ summary: 'Issue this ID: to an employee (standard, manager) or to a call center manager\'s keeping (privileged, AID-2).' })
  @ApiOkResponse({ type: AgentIdDetailDto })
  assign(@CurrentUser() user: AuthUser, @Param('code', code) c: string, @Body() dto: AssignAgentIdDto): Promise<AgentIdDetailDto> {
    return this.agentIds.assign(user, c, dto);
  }

  @Allow('agentIds.manage')
  @Post(':code/suspend')
  @HttpCode(200)
  @codeParam
  @ApiOperation({ summary: 'Suspend an assigned ID (it stays with its holder but must not be used). A privileged ID lent under an active grant is 409: check it in first (AID-2).' })
  @ApiOkResponse({ type: AgentIdDetailDto })
  suspend(@CurrentUser() user: AuthUser, @Param('code', code) c: string, @Body() dto: OptionalReasonDto): Promise<AgentIdDetailDto> {
    return this.agentIds.suspend(user, c, dto.reason);
  }

  @Allow('agentIds.manage')
  @Post(':code/retire')
  @HttpCode(200)
  @codeParam
  @ApiOperation({ summary: 'Retire an ID for good: it is never issued again (AID-1). A privileged ID lent under an active grant is 409: check it in first (AID-2).' })
  @ApiOkResponse({ type: AgentIdDetailDto })
  retire(@CurrentUser() user: AuthUser, @Param('code', code) c: string, @Body() dto: OptionalReasonDto): Promise<AgentIdDetailDto> {
    return this.agentIds.retire(user, c, dto.reason);
  }

  @Allow('agentIds.checkIn')
  @Post(':code/check-in')
  @HttpCode(200)
  @codeParam
  @ApiOperation({ summary: 'Take a checked-out privileged ID back into the custodian\'s keeping before its window ends (AID-2). The access request it was lent under is revoked (its grant ends, by the caller) and the answer comes once the ID is back; 503 if the request has not ended its grant within 10 s.' })
  @ApiOkResponse({ type: AgentIdDetailDto })
  checkIn(@CurrentUser() user: AuthUser, @Param('code', code) c: string): Promise<AgentIdDetailDto> {
    return this.agentIds.checkIn(user, c);
  }
}
