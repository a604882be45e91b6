import { Injectable, StreamableFile } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openAuditCursor, readAuditPage } from '../../../../libs/read-models/audit-log.js';
import { verifyChain } from '../../../../libs/domain/events/verify.js';
import { csvExport, jsonlExport } from './audit-export.js';
import { toAuditEventDto, toAuditFilter } from './audit.mapper.js';
import type { AuditPageDto, ChainReportDto } from './dto/audit-event.dto.js';
import type { AuditFilterDto, AuditListQueryDto } from './dto/audit-query.dto.js';

/**
 * Read-only access to the audit trail (INF-9). Access: the routes admit auditor, hr and
 * cc_manager, who read the whole trail; there is no object-level narrowing to check here (docs/policy.md:
 * the auditor "reads audit trail and reports, changes nothing"), and nothing here writes.
 */
@Injectable()
export class AuditService {
  constructor(private readonly ds: DataSource) {}

  async list(q: AuditListQueryDto): Promise<AuditPageDto> {
    // One row more than asked tells whether another page exists without a count.
    const rows = await readAuditPage(this.ds, toAuditFilter(q), { after: q.after, limit: q.limit + 1 });
    const items = rows.slice(0, q.limit);
    return { items: items.map(toAuditEventDto), nextCursor: rows.length > q.limit ? items[items.length - 1].seq : null };
  }

  async verify(): Promise<ChainReportDto> {
    return verifyChain(this.ds);
  }

  async exportCsv(q: AuditFilterDto): Promise<StreamableFile> {
    const pages = await openAuditCursor(this.ds, toAuditFilter(q));
    return new StreamableFile(csvExport(pages), { type: 'text/csv; charset=utf-8', disposition: attachment('csv') });
  }

  async exportJsonl(q: AuditFilterDto): Promise<StreamableFile> {
    const pages = await openAuditCursor(this.ds, toAuditFilter(q));
    return new StreamableFile(jsonlExport(pages), { type: 'application/x-ndjson; charset=utf-8', disposition: attachment('jsonl') });
  }
}

const attachment = (ext: string) => `attachment; filename="custodian-audit-${new Date().toISOString().replace(/[:.]/g, '-')}.${ext}"`;
