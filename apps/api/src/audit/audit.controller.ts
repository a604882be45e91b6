import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Allow } from '../common/auth.decorators.js';
import { AuditService } from './audit.service.js';
import { AuditPageDto, ChainReportDto } from './dto/audit-event.dto.js';
import { AuditFilterDto, AuditListQueryDto } from './dto/audit-query.dto.js';

/** Who reads the audit trail (read only): the auditor, HR and the call center manager. */

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Allow('audit.read')
  @ApiOperation({ summary: 'Audit trail, filtered (also by clause of docs/policy.md) and paged by seq (INF-9).' })
  @ApiOkResponse({ type: AuditPageDto })
  list(@Query() q: AuditListQueryDto): Promise<AuditPageDto> {
    return this.audit.list(q);
  }

  @Get('verify')
  @Allow('audit.read')
  @ApiOperation({ summary: 'Walk the hash chain; name the first broken link by seq. 200 either way: read `ok`.' })
  @ApiOkResponse({ type: ChainReportDto })
  verify(): Promise<ChainReportDto> {
    return this.audit.verify();
  }

  @Get('export.csv')
  @Allow('audit.read')
  @ApiOperation({ summary: 'The filtered audit trail as CSV (UTF-8 with BOM), streamed.' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Columns: seq, occurred_at, subject, type, actor, event_id, payload (JSON), prev_hash, hash, clauses (JSON array; empty for events written before clauses were recorded).', schema: { type: 'string' } })
  exportCsv(@Query() q: AuditFilterDto): Promise<StreamableFile> {
    return this.audit.exportCsv(q);
  }

  @Get('export.jsonl')
  @Allow('audit.read')
  @ApiOperation({ summary: 'The filtered audit trail as JSON lines (one event per line, as in GET /api/audit), streamed.' })
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({ description: 'One AuditEvent JSON object per line.', schema: { type: 'string' } })
  exportJsonl(@Query() q: AuditFilterDto): Promise<StreamableFile> {
    return this.audit.exportJsonl(q);
  }
}
