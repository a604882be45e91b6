import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { StoredEvent } from '../../../../libs/domain/events/types.js';
import { toAuditEventDto } from './audit.mapper.js';

/** `clauses` last, so the columns existing readers know keep their places. */
const CSV_COLUMNS = ['seq', 'occurred_at', 'subject', 'type', 'actor', 'event_id', 'payload', 'prev_hash', 'hash', 'clauses'];

/**
 * A byte-order mark first: Excel, which auditors here open exports with, reads UTF-8 (Chinese names in
 * payloads) correctly only with it. Values are written unaltered, so every row can be re-hashed.
 */
const BOM = '\ufeff';

/** clauses as a JSON array (`[]` when the event serves none), empty for an event written before clauses were recorded: what re-hashing needs. */
const csvRecord = (e: StoredEvent) => [e.seq, e.occurredAt, e.subject, e.type, e.actor, e.eventId, JSON.stringify(e.payload), e.prevHash, e.hash, e.clauses === null ? '' : JSON.stringify(e.clauses)];

/**
 * One chunk per page: the source pulls the next page only when the HTTP response has drained the
 * previous one (highWaterMark 1; Nest pipes it into the response), so a slow client slows the reads
 * instead of filling memory, and a client that disconnects stops them.
 */
function pagedStream(chunks: AsyncIterable<string>): Readable {
  return Readable.from(chunks, { objectMode: true, highWaterMark: 1 });
}

export function csvExport(pages: AsyncIterable<StoredEvent[]>): Readable {
  return pagedStream(
    (async function* () {
      yield `${BOM}${stringify([CSV_COLUMNS])}`;
      for await (const page of pages) yield stringify(page.map(csvRecord));
    })(),
  );
}

export function jsonlExport(pages: AsyncIterable<StoredEvent[]>): Readable {
  return pagedStream(
    (async function* () {
      for await (const page of pages) yield page.map((e) => `${JSON.stringify(toAuditEventDto(e))}\n`).join('');
    })(),
  );
}
