import type { AuditFilter } from '../../../../libs/read-models/audit-log.js';
import type { StoredEvent } from '../../../../libs/domain/events/types.js';
import type { AuditEventDto } from './dto/audit-event.dto.js';
import type { AuditFilterDto } from './dto/audit-query.dto.js';

export function toAuditFilter(q: AuditFilterDto): AuditFilter {
  return {
    subject: q.subject,
    actor: q.actor,
    type: q.type,
    from: q.from === undefined ? undefined : new Date(q.from),
    to: q.to === undefined ? undefined : new Date(q.to),
    clause: q.clause,
  };
}

export function toAuditEventDto(e: StoredEvent): AuditEventDto {
  return { seq: e.seq, eventId: e.eventId, subject: e.subject, type: e.type, actor: e.actor, payload: e.payload, occurredAt: e.occurredAt, prevHash: e.prevHash, hash: e.hash, clauses: e.clauses };
}
