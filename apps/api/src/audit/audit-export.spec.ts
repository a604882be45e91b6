import { openAuditCursor } from '../../../../libs/read-models/audit-log.js';
import { csvExport, jsonlExport } from './audit-export.js';

/** A stand-in for PostgreSQL that serves a log of `total` events and counts the page queries. */
function fakeLog(total: number) {
  const calls = { pages: 0 };
  const ds = {
    async query(sql: string, params: unknown[] = []) {
      if (sql.includes('max(seq)')) return [{ last: String(total) }];
      calls.pages += 1;
      const after = Number(params[0]);
      const upTo = Number(params[1]);
      const limit = Number(params[params.length - 1]);
      const n = Math.max(0, Math.min(limit, upTo - after));
      return Array.from({ length: n }, (_, i) => ({
        seq: String(after + i + 1),
        event_id: '00000000-0000-4000-8000-000000000000',
        subject: 's',
        type: 't',
        actor: 'a',
        payload: { i: after + i + 1 },
        occurred_at: new Date(0),
        prev_hash: '0'.repeat(64),
        hash: '1'.repeat(64),
      }));
    },
  };
  return { ds, calls };
}

describe('audit exports stream page by page', () => {
  it('read the next page only when the consumer wants it, and stop when it goes away', async () => {
    const { ds, calls } = fakeLog(1_000_000);
    const stream = csvExport(await openAuditCursor(ds, {}, 100));
    let chunks = 0;
    for await (const _chunk of stream) {
      if (++chunks === 3) break; // the client disconnects after the header and two pages
    }
    await new Promise((r) => setImmediate(r));
    expect(stream.destroyed).toBe(true);
    expect(calls.pages).toBeLessThanOrEqual(4); // of 10,000 pages: at most one read ahead
  });

  it('emit every event once, in order, through the last short page', async () => {
    const { ds, calls } = fakeLog(250);
    let text = '';
    for await (const chunk of jsonlExport(await openAuditCursor(ds, {}, 100))) text += chunk;
    const seqs = text.trim().split('\n').map((l) => JSON.parse(l).seq);
    expect(seqs).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(calls.pages).toBe(3);
  });
});
