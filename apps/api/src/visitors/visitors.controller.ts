import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { Allow, CurrentUser } from '../common/auth.decorators.js';
import { uuidParam } from '../common/validation.js';
import {
  CheckOutVisitorDto,
  EscortChangeDto,
  EscortListDto,
  HostListDto,
  RegisterVisitorDto,
  ReportStrangerDto,
  RevealDocumentDto,
  RevealedDocumentDto,
  StrangerIncidentListDto,
  VisitDto,
  VisitListDto,
  VisitQueryDto,
} from './dto/visitors.dto.js';
import { VisitorsService } from './visitors.service.js';

/** The visitor desk: INF-1 (register, check out, log), INF-3 (a stranger in the machine room), INF-4 (designated escorts). */
@ApiTags('visitors')
@ApiBearerAuth()
@Controller('visitors')
export class VisitorsController {
  constructor(private readonly visitors: VisitorsService) {}

  @Allow('visitors.register')
  @Post()
  @ApiOperation({ summary: 'INF-1: register a visitor with their identity document (security). INF-4: a machine-room visit needs a designated escort.' })
  @ApiCreatedResponse({ type: VisitDto })
  register(@CurrentUser() user: AuthUser, @Body() dto: RegisterVisitorDto): Promise<VisitDto> {
    return this.visitors.register(user, dto);
  }

  @Allow('visitors.read')
  @Get()
  @ApiOperation({ summary: 'The visitor register, by day (local date), host, organisation, or only those inside.' })
  @ApiOkResponse({ type: VisitListDto })
  list(@Query() q: VisitQueryDto): Promise<VisitListDto> {
    return this.visitors.list(q);
  }

  @Allow('visitors.read')
  @Get('inside')
  @ApiOperation({ summary: 'Who is inside now: registered and not checked out.' })
  @ApiOkResponse({ type: VisitListDto })
  inside(): Promise<VisitListDto> {
    return this.visitors.list({}, true);
  }

  @Allow('visitors.read')
  @Get('export.csv')
  @ApiOperation({ summary: 'The filtered register as CSV (UTF-8 with BOM); document numbers masked.' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Columns: visit_id, checked_in_at, checked_out_at, name (empty once purged), personal_data, document_type, document_masked, organisation, purpose, host, area, escort, badge.', schema: { type: 'string' } })
  exportCsv(@Query() q: VisitQueryDto): Promise<StreamableFile> {
    return this.visitors.exportCsv(q);
  }

  @Allow('visitors.register')
  @Get('hosts')
  @ApiOperation({ summary: 'The people a visitor may come to see (active users), for the registration form (security).' })
  @ApiOkResponse({ type: HostListDto })
  hosts(): Promise<HostListDto> {
    return this.visitors.hosts();
  }

  @Allow('visitors.read')
  @Get('escorts')
  @ApiOperation({ summary: 'INF-4: the managers designated to escort guests into the machine room.' })
  @ApiOkResponse({ type: EscortListDto })
  escorts(): Promise<EscortListDto> {
    return this.visitors.escorts();
  }

  @Allow('visitors.designateEscorts')
  @Put('escorts/:userId')
  @ApiOperation({ summary: 'INF-4: designate a manager as machine-room escort (cc_manager). Designating again records nothing.' })
  @ApiOkResponse({ type: EscortChangeDto })
  designate(@CurrentUser() user: AuthUser, @Param('userId', uuidParam('userId')) userId: string): Promise<EscortChangeDto> {
    return this.visitors.designate(user, userId);
  }

  @Allow('visitors.designateEscorts')
  @Delete('escorts/:userId')
  @ApiOperation({ summary: 'INF-4: end a designation (cc_manager). Ending one that does not exist records nothing.' })
  @ApiOkResponse({ type: EscortChangeDto })
  revoke(@CurrentUser() user: AuthUser, @Param('userId', uuidParam('userId')) userId: string): Promise<EscortChangeDto> {
    return this.visitors.revoke(user, userId);
  }

  @Allow('visitors.reportStranger')
  @Post('incidents')
  @ApiOperation({ summary: 'INF-3: a stranger found in the machine room: escorted out first (escortedOut: true), then the reason they gave; the call-center manager is notified.' })
  @ApiCreatedResponse({ schema: { type: 'object', properties: { incidentId: { type: 'string', format: 'uuid' } }, required: ['incidentId'] } })
  reportStranger(@CurrentUser() user: AuthUser, @Body() dto: ReportStrangerDto): Promise<{ incidentId: string }> {
    return this.visitors.reportStranger(user, dto);
  }

  @Allow('visitors.read')
  @Get('incidents')
  @ApiOperation({ summary: 'INF-3: strangers found in the machine room, newest first.' })
  @ApiOkResponse({ type: StrangerIncidentListDto })
  incidents(): Promise<StrangerIncidentListDto> {
    return this.visitors.incidents();
  }

  @Allow('visitors.read')
  @Get(':id')
  @ApiOperation({ summary: 'One visit.' })
  @ApiOkResponse({ type: VisitDto })
  get(@Param('id', uuidParam('id')) id: string): Promise<VisitDto> {
    return this.visitors.get(id);
  }

  @Allow('visitors.revealDocument')
  @Post(':id/document')
  @HttpCode(200)
  @ApiOperation({ summary: 'PIPL: the full identity-document number of a visit, with a reason (security). The read is recorded in the trail (who, why; never the number). 409 once purged.' })
  @ApiOkResponse({ type: RevealedDocumentDto })
  revealDocument(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string, @Body() dto: RevealDocumentDto): Promise<RevealedDocumentDto> {
    return this.visitors.revealDocument(user, id, dto);
  }

  @Allow('visitors.register')
  @Post(':id/check-out')
  @HttpCode(200)
  @ApiOperation({ summary: 'INF-1: the visitor leaves (security). A second check-out is a 409.' })
  @ApiOkResponse({ type: VisitDto })
  checkOut(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string, @Body() dto: CheckOutVisitorDto): Promise<VisitDto> {
    return this.visitors.checkOut(user, id, dto);
  }
}
