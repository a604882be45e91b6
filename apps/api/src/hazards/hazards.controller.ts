import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { Allow, CurrentUser } from '../common/auth.decorators.js';
import { HazardReportedDto, HazardsDto, HazardsQueryDto, ReportHazardDto } from './dto/hazards.dto.js';
import { HazardsService } from './hazards.service.js';

@ApiTags('hazards')
@ApiBearerAuth()
@Controller('hazards')
export class HazardsController {
  constructor(private readonly hazards: HazardsService) {}

  @Allow('hazards.read')
  @Get()
  @ApiOperation({ summary: 'The hazards (EQ-2, EQ-4), open ones by default, the oldest first, each with its age in hours.' })
  @ApiOkResponse({ type: HazardsDto })
  list(@Query() q: HazardsQueryDto): Promise<HazardsDto> {
    return this.hazards.list(q.state);
  }

  @Allow('hazards.report')
  @Post()
  @ApiOperation({ summary: 'Report a hazard at once (EQ-4: an agent after work; EQ-2: an inspection): the machine-room managers get a task that stays open until the fix is recorded.' })
  @ApiCreatedResponse({ type: HazardReportedDto })
  report(@CurrentUser() user: AuthUser, @Body() dto: ReportHazardDto): Promise<HazardReportedDto> {
    return this.hazards.report(user, dto);
  }
}
