import pg from 'pg';
import { appendEvents, EventStore } from '../libs/domain/events/event-store.js';
import { eventHash, GENESIS_HASH } from '../libs/domain/events/canonical.js';
import { verifyChain } from '../libs/domain/events/verify.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { testEventStore } from './support/events.js';

/** The log's guarantees, against the real PostgreSQL: append-only, one chain, idempotent commands. */
describe('event log (INF-9: everything traceable)', () => {
  let db: TestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 20 });
    store = testEventStore(db.dataSource);
  });
  afterAll(async () => db?.drop());

  const emitOne = (subject: string, payload: Record<string, unknown> = {}) =>
    store.execute({ actor: { id: 'user-1' } }, (uow) => uow.emit({ subject, type: 'test.happened', payload, clauses: [] }));
  const count = async (where = 'true', params: unknown[] = []) => Number((await db.dataSource.query(`SELECT count(*) AS n FROM event_log WHERE ${where}`, params))[0].n);

  /** A raw connection for statements expected to fail (TypeORM would log each refusal). */
  const raw = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  const tailOf = async () => (await db.dataSource.query(`SELECT seq::int AS seq, hash FROM event_log ORDER BY seq DESC LIMIT 1`))[0] as { seq: number; hash: string };
  /** A correctly hashed row for position `seq` after `prevHash`, inserted by hand. */
  const handInsert = (c: pg.Client, seq: number, prevHash: string, subject: string) => {
    const e = { seq, eventId: crypto.randomUUID(), subject, type: 'test.forged', actor: 'x', payload: {}, occurredAt: new Date().toISOString(), prevHash, clauses: [] };
    return c.query(
      `INSERT INTO event_log (seq, event_id, subject, type, actor, payload, occurred_at, prev_hash, hash, clauses) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [e.seq, e.eventId, e.subject, e.type, e.actor, '{}', e.occurredAt, e.prevHash, eventHash(e), e.clauses],
    );
  };

  it('INF-9: the database refuses UPDATE, DELETE and TRUNCATE on event_log', async () => {
    await emitOne('refusal:1');
    await raw(async (c) => {
      await expect(c.query(`UPDATE event_log SET actor = 'someone-else'`)).rejects.toThrow(/append-only: UPDATE refused/);
      await expect(c.query(`DELETE FROM event_log`)).rejects.toThrow(/append-only: DELETE refused/);
      await expect(c.query(`TRUNCATE event_log`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    });
    expect(await count(`subject = 'refusal:1'`)).toBe(1);
  });

  it('INF-9: the database refuses an event that does not extend the tail (gap, or wrong previous hash)', async () => {
    await emitOne('guard:1');
    const tail = await tailOf();
    await raw(async (c) => {
      await expect(handInsert(c, tail.seq + 2, tail.hash, 'guard:gap')).rejects.toThrow(/does not extend the chain/);
      await expect(handInsert(c, tail.seq + 1, GENESIS_HASH, 'guard:elsewhere')).rejects.toThrow(/does not extend the chain/);
      await expect(handInsert(c, tail.seq, tail.hash, 'guard:taken')).rejects.toThrow(/does not extend the chain|duplicate key/);
    });
    await expect(verifyChain(db.dataSource)).resolves.toMatchObject({ ok: true });
  });

  it('INF-9: two writers racing past the application lock cannot fork the chain', async () => {
    await emitOne('fork:base');
    const tail = await tailOf();
    const clients = [new pg.Client({ connectionString: db.url }), new pg.Client({ connectionString: db.url })];
    await Promise.all(clients.map((c) => c.connect()));
    try {
      await clients[0].query('BEGIN');
      await clients[1].query('BEGIN');
      await handInsert(clients[0], tail.seq + 1, tail.hash, 'fork:a');
      // Blocks on the first writer's uncommitted row, then fails once it commits.
      const second = handInsert(clients[1], tail.seq + 1, tail.hash, 'fork:b').then(
        () => 'inserted',
        (e: Error) => e.message,
      );
      await clients[0].query('COMMIT');
      expect(await second).toMatch(/duplicate key/);
      await clients[1].query('ROLLBACK');
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    expect(await count(`subject IN ('fork:a', 'fork:b')`)).toBe(1);
    await expect(verifyChain(db.dataSource)).resolves.toMatchObject({ ok: true });
  });

  it('INF-9: 1,000 parallel appends from 20 connections leave one gapless valid chain, no fork', async () => {
    const before = await count();
    // 20 writers at once, one per pooled connection, 50 commands each (queueing 1,000 on the pool
    // would only test the pool's wait timeout). Every tenth command emits two events.
    const append = (i: number) =>
      store.execute({ actor: { id: `user-${i % 7}` } }, async (uow) => {
        await uow.emit({ subject: `parallel:${i % 13}`, type: 'test.appended', payload: { i, part: 1 }, clauses: [] });
        if (i % 10 === 0) await uow.emit({ subject: `parallel:${i % 13}`, type: 'test.appended', payload: { i, part: 2 }, clauses: [] });
        return i;
      });
    const results = (
      await Promise.all(
        Array.from({ length: 20 }, async (_, w) => {
          const mine: number[] = [];
          for (let k = 0; k < 50; k++) mine.push(await append(w * 50 + k));
          return mine;
        }),
      )
    ).flat();
    expect(results).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    const total = before + 1100;
    expect(await count()).toBe(total);
    const [shape] = await db.dataSource.query(
      `SELECT min(seq)::int AS min, max(seq)::int AS max, count(DISTINCT prev_hash)::int AS prevs, count(DISTINCT payload)::int AS payloads
         FROM event_log`,
    );
    expect(shape).toEqual({ min: 1, max: total, prevs: total, payloads: expect.any(Number) });
    // Every append landed exactly once, and a command's two events sit next to each other.
    const rows: { seq: number; i: number; part: number }[] = await db.dataSource.query(
      `SELECT seq::int AS seq, (payload->>'i')::int AS i, (payload->>'part')::int AS part FROM event_log WHERE type = 'test.appended' ORDER BY seq`,
    );
    expect(new Set(rows.map((r) => `${r.i}/${r.part}`)).size).toBe(1100);
    const bySeq = new Map(rows.map((r) => [r.seq, r]));
    for (const r of rows.filter((x) => x.part === 2)) expect(bySeq.get(r.seq - 1)).toMatchObject({ i: r.i, part: 1 });
    await expect(verifyChain(db.dataSource)).resolves.toEqual({ ok: true, checked: total, lastSeq: total, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('a bulk append larger than one INSERT can carry is chained in order', async () => {
    const before = await count();
    await db.dataSource.transaction((m) =>
      appendEvents(
        m,
        Array.from({ length: 2500 }, (_, i) => ({ eventId: crypto.randomUUID(), subject: 'bulk:1', type: 'test.bulk', actor: 'system:seed', occurredAt: new Date().toISOString(), payload: { i }, clauses: [] })),
      ),
    );
    expect(await count()).toBe(before + 2500);
    await expect(verifyChain(db.dataSource)).resolves.toMatchObject({ ok: true, checked: before + 2500 });
  });

  it('payloads are projected and hashed in their JSON form, so a Date or undefined cannot break the chain', async () => {
    const seen: unknown[] = [];
    const probe = testEventStore(db.dataSource, { projectors: [{ name: 'probe', tables: [], handlers: { 'test.dated': async (_m, e) => void seen.push(e.payload) } }] });
    const at = new Date('2026-01-02T03:04:05.678Z');
    await probe.execute({ actor: { id: 'user-1' } }, (uow) => uow.emit({ subject: 'dated:1', type: 'test.dated', payload: { at, gone: undefined, list: [1, undefined] }, clauses: [] }));
    expect(seen).toEqual([{ at: '2026-01-02T03:04:05.678Z', list: [1, null] }]);
    const [row] = await db.dataSource.query(`SELECT payload FROM event_log WHERE subject = 'dated:1'`);
    expect(row.payload).toEqual(seen[0]);
    await expect(verifyChain(db.dataSource)).resolves.toMatchObject({ ok: true });
  });

  describe('idempotent execute', () => {
    const run = (key: string, calls: { n: number }, fail = false) =>
      store.execute({ actor: { id: 'system:test' }, idempotencyKey: key }, async (uow) => {
        calls.n += 1;
        await uow.emit({ subject: `idem:${key}`, type: 'test.once', payload: {}, clauses: [] });
        if (fail) throw new Error('activity failed');
        return { nonce: crypto.randomUUID(), at: new Date('2026-05-06T07:08:09.000Z') };
      });

    it('the same key twice appends once and returns the first result', async () => {
      const calls = { n: 0 };
      const first = await run('wf-1:step', calls);
      const second = await run('wf-1:step', calls);
      expect(second).toEqual(first);
      expect(first.at).toBe('2026-05-06T07:08:09.000Z'); // the JSON form, on the first call as on retries
      expect(calls.n).toBe(1);
      expect(await count(`subject = 'idem:wf-1:step'`)).toBe(1);
    });

    it('the same key ten times at once appends once; all get the first result', async () => {
      const calls = { n: 0 };
      const results = await Promise.all(Array.from({ length: 10 }, () => run('wf-2:step', calls)));
      expect(new Set(results.map((r) => r.nonce)).size).toBe(1);
      expect(calls.n).toBe(1);
      expect(await count(`subject = 'idem:wf-2:step'`)).toBe(1);
    });

    it('a failed command stores nothing, so its retry runs; an undefined result stays undefined', async () => {
      const calls = { n: 0 };
      await expect(run('wf-3:step', calls, true)).rejects.toThrow('activity failed');
      const retried = await run('wf-3:step', calls);
      expect(retried.nonce).toEqual(expect.any(String));
      expect(calls.n).toBe(2);
      expect(await count(`subject = 'idem:wf-3:step'`)).toBe(1);
      const voidCmd = () => store.execute({ actor: { id: 'system:test' }, idempotencyKey: 'wf-4:void' }, async () => undefined);
      await expect(voidCmd()).resolves.toBeUndefined();
      await expect(voidCmd()).resolves.toBeUndefined();
    });
  });
});
