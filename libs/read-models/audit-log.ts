import type { ClauseId } from '../policy/clauses.js';
import type { StoredEvent } from '../domain/events/types.js';
import { lastEventSeq, rowToStored, STORED_COLUMNS, type Queryable, type StoredRow } from '../domain/events/verify.js';

/**
 * Reading the audit trail (INF-9: who did what, when, to which subject). Every filter is
 * optional; all are combined with AND. Results are always in seq order, paged by seq (keyset), so a
 * page costs the same at the start and at the end of a long log.
 */
export interface AuditFilter {
  subject?: string;
  actor?: string;
  /** An exact type (`agent_id.assigned`), or a prefix ending in a dot (`agent_id.`) for a whole family. */
  type?: string;
  /** Inclusive lower bound of occurredAt. */
  from?: Date;
  /** Exclusive upper bound of occurredAt. */
  to?: Date;
  /** Events that serve this clause of docs/policy.md (events written before clauses were recorded never match). */
  clause?: ClauseId;
}

export interface AuditPageRequest {
  /** Only events with seq > after (0 = from the start). */
  after: number;
  limit: number;
  /** Only events with seq <= upTo: an export fixes it at its start so it is one consistent cut. */
  upTo?: number;
}

export const isTypePrefix = (type: string) => type.endsWith('.');

function whereClause(f: AuditFilter, page: AuditPageRequest): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  // Each of subject, actor, type has an index on (column, seq), so `col = x AND seq > after ORDER BY
  // seq` reads exactly one page. A type prefix is matched with starts_with, which no collation bends.
  const where = [`seq > ${p(page.after)}`];
  if (page.upTo !== undefined) where.push(`seq <= ${p(page.upTo)}`);
  if (f.subject !== undefined) where.push(`subject = ${p(f.subject)}`);
  if (f.actor !== undefined) where.push(`actor = ${p(f.actor)}`);
  if (f.type !== undefined) where.push(isTypePrefix(f.type) ? `starts_with(type, ${p(f.type)})` : `type = ${p(f.type)}`);
  if (f.from !== undefined) where.push(`occurred_at >= ${p(f.from)}`);
  if (f.to !== undefined) where.push(`occurred_at < ${p(f.to)}`);
  // Containment, so the GIN index on clauses answers it (migration EventClauses).
  if (f.clause !== undefined) where.push(`clauses @> ARRAY[${p(f.clause)}]::text[]`);
  return { sql: where.join(' AND '), params };
}

/** One page of events matching the filter, in seq order. */
export async function readAuditPage(ds: Queryable, f: AuditFilter, page: AuditPageRequest): Promise<StoredEvent[]> {
  const { sql, params } = whereClause(f, page);
  params.push(page.limit);
  const rows: StoredRow[] = await ds.query(`SELECT ${STORED_COLUMNS} FROM event_log WHERE ${sql} ORDER BY seq LIMIT $${params.length}`, params);
  return rows.map(rowToStored);
}

/**
 * The events matching the filter, page by page, for exports: each page is its own short query (no
 * connection or transaction is held while the client reads), and the next page is read only when the
 * consumer asks for it, so memory stays at about one page however long the log. The cut is fixed at
 * the first call: events appended during a long export are not half-included.
 */
export async function openAuditCursor(ds: Queryable, f: AuditFilter, pageSize = 1000): Promise<AsyncGenerator<StoredEvent[]>> {
  const upTo = await lastEventSeq(ds);
  // The first page is read before anything is sent, so a failing database is still an ordinary
  // error response (503), not a truncated download.
  const first = await readAuditPage(ds, f, { after: 0, limit: pageSize, upTo });
  return (async function* pages() {
    let page = first;
    while (page.length > 0) {
      yield page;
      if (page.length < pageSize) return;
      page = await readAuditPage(ds, f, { after: page[page.length - 1].seq, limit: pageSize, upTo });
    }
  })();
}
