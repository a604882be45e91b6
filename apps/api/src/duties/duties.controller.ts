import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DUTY_ID_SHAPE } from '../../../../libs/policy/duties.js';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { Allow, CurrentUser } from '../common/auth.decorators.js';
import { patternParam } from '../common/validation.js';
import { DutiesService } from './duties.service.js';
import { DutiesDto, DutiesQueryDto } from './dto/duties.dto.js';
import { CreateDutyDefinitionDto, DutyDefinitionBodyDto, DutyDefinitionChangeDto, DutyDefinitionsDto } from './dto/duty-definitions.dto.js';

const dutyIdPipe = patternParam('dutyId', DUTY_ID_SHAPE, 'doors_windows (3-50 lower-case letters, digits or _)');
const dutyIdParam = ApiParam({ name: 'dutyId', example: 'doors_windows', schema: { type: 'string', pattern: DUTY_ID_SHAPE.source } });

@ApiTags('duties')
@ApiBearerAuth()
@Controller('duties')
export class DutiesController {
  constructor(private readonly duties: DutiesService) {}

  @Allow('duties.read')
  @Get()
  @ApiOperation({ summary: "The recurring duties and each one's occurrence on a date (EQ-6, EQ-8, EQ-7, EQ-3, INF-8): open, late, completed or missed." })
  @ApiOkResponse({ type: DutiesDto })
  day(@Query() q: DutiesQueryDto): Promise<DutiesDto> {
    return this.duties.day(q.date);
  }

  @Allow('duties.read')
  @Get('definitions')
  @ApiOperation({ summary: 'The duty definitions: what, clauses, owner, cadence, due time, deadline, escalation, checklist kind; paused or not.' })
  @ApiOkResponse({ type: DutyDefinitionsDto })
  definitions(): Promise<DutyDefinitionsDto> {
    return this.duties.definitions();
  }

  @Allow('duties.manage')
  @Post('definitions')
  @ApiOperation({ summary: "Define a recurring duty (cc_manager, EQ-1); its Temporal Schedule is created at once." })
  @ApiCreatedResponse({ type: DutyDefinitionChangeDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateDutyDefinitionDto): Promise<DutyDefinitionChangeDto> {
    return this.duties.create(user, dto);
  }

  @Allow('duties.manage')
  @Put('definitions/:dutyId')
  @dutyIdParam
  @ApiOperation({ summary: "Change a duty's definition (cc_manager); its schedule is updated at once. The same definition again records nothing (changed: false)." })
  @ApiOkResponse({ type: DutyDefinitionChangeDto })
  change(@CurrentUser() user: AuthUser, @Param('dutyId', dutyIdPipe) dutyId: string, @Body() dto: DutyDefinitionBodyDto): Promise<DutyDefinitionChangeDto> {
    return this.duties.change(user, dutyId, dto);
  }

  @Allow('duties.manage')
  @Post('definitions/:dutyId/pause')
  @HttpCode(200)
  @dutyIdParam
  @ApiOperation({ summary: "Pause a duty (cc_manager): its schedule stops firing until it is resumed." })
  @ApiOkResponse({ type: DutyDefinitionChangeDto })
  pause(@CurrentUser() user: AuthUser, @Param('dutyId', dutyIdPipe) dutyId: string): Promise<DutyDefinitionChangeDto> {
    return this.duties.pause(user, dutyId, true);
  }

  @Allow('duties.manage')
  @Post('definitions/:dutyId/resume')
  @HttpCode(200)
  @dutyIdParam
  @ApiOperation({ summary: 'Resume a paused duty (cc_manager).' })
  @ApiOkResponse({ type: DutyDefinitionChangeDto })
  resume(@CurrentUser() user: AuthUser, @Param('dutyId', dutyIdPipe) dutyId: string): Promise<DutyDefinitionChangeDto> {
    return this.duties.pause(user, dutyId, false);
  }

  @Allow('duties.manage')
  @Delete('definitions/:dutyId')
  @dutyIdParam
  @ApiOperation({ summary: 'Delete a duty (cc_manager): its schedule is deleted; its occurrences and history stay.' })
  @ApiOkResponse({ type: DutyDefinitionChangeDto })
  remove(@CurrentUser() user: AuthUser, @Param('dutyId', dutyIdPipe) dutyId: string): Promise<DutyDefinitionChangeDto> {
    return this.duties.remove(user, dutyId);
  }
}
