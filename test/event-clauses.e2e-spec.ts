import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../libs/db/data-source.js';
import { migrations } from '../libs/db/migrations/index.js';
import { createRange } from '../libs/domain/agent-ids/commands.js';
import { readAuditPage } from '../libs/read-models/audit-log.js';
import { createDepartment } from '../libs/domain/directory/departments.js';
import { eventHash, GENESIS_HASH } from '../libs/domain/events/canonical.js';
import { EventStore } from '../libs/domain/events/event-store.js';
import type { ProjectedEvent } from '../libs/domain/events/types.js';
import { verifyChain } from '../libs/domain/events/verify.js';
import { rebuildProjections } from '../libs/domain/events/rebuild.js';
import { createProjectorRegistry } from '../libs/domain/projectors.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { tamperWithLog } from './support/events.js';
import { dumpTables } from './support/read-models.js';

/**
 * The clauses column came after the chain had rows. A database is taken back to the schema before it
 * (the last migration undone), events are written the way the code wrote them then (no clauses, hashed
 * without the key, projected in the same transaction), the migration runs, and the current code appends.
 */
describe('event clauses on a log that already had events', () => {
  let db: TestDatabase;
  const registry = createProjectorRegistry();
  let store: EventStore;

  /** What appendEvents did before the migration: the row without clauses, its hash without the key. */
  async function appendLegacy(events: Omit<ProjectedEvent, 'clauses'>[]): Promise<void> {
    await db.dataSource.transaction(async (m) => {
      const [tail]: { seq: string; hash: string }[] = await m.query(`SELECT seq, hash FROM event_log ORDER BY seq DESC LIMIT 1`);
      let seq = tail ? Number(tail.seq) : 0;
      let prevHash = tail?.hash ?? GENESIS_HASH;
      for (const e of events) {
        await registry.apply(m, { ...e, clauses: null });
        seq += 1;
        const hash = eventHash({ ...e, seq, prevHash });
        await m.query(
          `INSERT INTO event_log (seq, event_id, subject, type, actor, payload, occurred_at, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [seq, e.eventId, e.subject, e.type, e.actor, JSON.stringify(e.payload), e.occurredAt, prevHash, hash],
        );
        prevHash = hash;
      }
    });
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    // Back to just before EventClauses: undo it and every migration after it (they run again below).
    const since = migrations.findIndex((m) => m.name === 'EventClauses1764900000000');
    expect(since).toBeGreaterThan(0);
    for (let i = migrations.length - 1; i >= since; i--) await db.dataSource.undoLastMigration({ transaction: 'each' });
    const at = (n: number) => new Date(Date.parse('2026-03-01T00:00:00.000Z') + n * 1000).toISOString();
    const dept = randomUUID();
    await appendLegacy([
      { eventId: randomUUID(), subject: `department:${dept}`, type: 'department.created', actor: 'user-hr', occurredAt: at(0), payload: { departmentId: dept, code: 'legacy-1', nameEn: 'Legacy', nameZh: '旧部门', supervisorUserId: null } },
      { eventId: randomUUID(), subject: 'agent-id:L1', type: 'agent_id.created', actor: 'user-idadmin', occurredAt: at(1), payload: { code: 'L1', kind: 'standard' } },
      { eventId: randomUUID(), subject: 'agent-id:L2', type: 'agent_id.created', actor: 'user-idadmin', occurredAt: at(2), payload: { code: 'L2', kind: 'standard' } },
    ]);
    expect((await migrate(db.dataSource))[0]).toBe('EventClauses1764900000000');
    store = new EventStore(db.dataSource, registry);
    await createDepartment(store, { actor: { id: 'user-hr' } }, { code: 'new-1', nameEn: 'New', nameZh: '新部门' });
    await createRange(store, { actor: { id: 'user-idadmin' } }, { prefix: 'N', from: 1, to: 2, kind: 'standard' });
  });
  afterAll(async () => db?.drop());

  const rows = async (): Promise<{ seq: number; type: string; clauses: string[] | null }[]> =>
    db.dataSource.query(`SELECT seq::int AS seq, type, clauses FROM event_log ORDER BY seq`);

  it('INF-9: old rows keep no clauses (NULL) and still verify; new rows name theirs, and the chain runs on across both', async () => {
    expect(await rows()).toEqual([
      { seq: 1, type: 'department.created', clauses: null },
      { seq: 2, type: 'agent_id.created', clauses: null },
      { seq: 3, type: 'agent_id.created', clauses: null },
      { seq: 4, type: 'department.created', clauses: [] },
      { seq: 5, type: 'agent_id.created', clauses: ['INF-12'] },
      { seq: 6, type: 'agent_id.created', clauses: ['INF-12'] },
    ]);
    await expect(verifyChain(db.dataSource)).resolves.toMatchObject({ ok: true, checked: 6 });
    // The audit reader returns them as stored; a clause filter finds only events that name it.
    expect((await readAuditPage(db.dataSource, {}, { after: 0, limit: 10 })).map((e) => e.clauses)).toEqual([null, null, null, [], ['INF-12'], ['INF-12']]);
    expect((await readAuditPage(db.dataSource, { clause: 'INF-12' }, { after: 0, limit: 10 })).map((e) => e.seq)).toEqual([5, 6]);
  });

  it('INF-9: the read models rebuilt from old and new rows equal the live ones', async () => {
    const tables = registry.tables();
    const before = await dumpTables(db.dataSource, tables);
    expect((before.agent_ids as unknown[]).length).toBe(4);
    await expect(rebuildProjections(db.dataSource, registry)).resolves.toMatchObject({ events: 6 });
    expect(await dumpTables(db.dataSource, tables)).toEqual(before);
  });

  it.each([
    ['a clause added to a new event', 5, `ARRAY['INF-12', 'AID-1']`],
    ['a new event stripped of its clauses', 5, `ARRAY[]::text[]`],
    ['a new event set back to no clauses (NULL)', 6, 'NULL'],
    ['an old event given clauses afterwards', 2, `ARRAY['INF-12']`],
  ])('INF-9: %s breaks its hash, and verification names that row', async (_what, seq, value) => {
    const [{ clauses }] = await db.dataSource.query(`SELECT clauses FROM event_log WHERE seq = $1`, [seq]);
    await tamperWithLog(db.dataSource, `UPDATE event_log SET clauses = ${value} WHERE seq = $1`, [seq]);
    try {
      await expect(verifyChain(db.dataSource)).resolves.toMatchObject({ ok: false, checked: seq - 1, brokenAt: { seq, reason: 'hash_mismatch' } });
    } finally {
      await tamperWithLog(db.dataSource, `UPDATE event_log SET clauses = $2 WHERE seq = $1`, [seq, clauses]);
    }
    await expect(verifyChain(db.dataSource)).resolves.toMatchObject({ ok: true, checked: 6 });
  });

  it('INF-9: the database refuses a new event without clauses, even one that extends the chain', async () => {
    const [tail] = await db.dataSource.query(`SELECT seq::int AS seq, hash FROM event_log ORDER BY seq DESC LIMIT 1`);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      await expect(
        c.query(
          `INSERT INTO event_log (seq, event_id, subject, type, actor, payload, occurred_at, prev_hash, hash) VALUES ($1, $2, 's', 't', 'a', '{}', now(), $3, $4)`,
          [tail.seq + 1, randomUUID(), tail.hash, 'f'.repeat(64)],
        ),
      ).rejects.toThrow(/names no clauses/);
    } finally {
      await c.end();
    }
    // And the code refuses one before it reaches the database.
    await expect(store.execute({ actor: { id: 'user-1' } }, (uow) => uow.emit({ subject: 's', type: 't', payload: {}, clauses: ['NOPE-1' as never] }))).rejects.toThrow(/unknown clause id "NOPE-1"/);
  });
});
