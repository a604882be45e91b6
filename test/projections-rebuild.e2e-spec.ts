import { randomUUID } from 'node:crypto';
import { ProjectorRegistry } from '../libs/domain/events/projector.js';
import { rebuildProjections } from '../libs/domain/events/rebuild.js';
import type { EventStore } from '../libs/domain/events/event-store.js';
import { allProjectors } from '../libs/domain/projectors.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { runCliInProcess, runCliProcess } from './support/cli.js';
import { counterProjector, createCounterTables } from './support/counter-projector.js';
import { testEventStore } from './support/events.js';
import { dumpAroundRebuild, dumpTables } from './support/read-models.js';

/**
 * INF-9: the log is the record; read models are derived from it and can always be derived again.
 * Every projector of the domain (libs/domain/projectors.ts) plus a test projector are dumped table by
 * table, ordered by primary key, before and after `projections:rebuild`.
 */
describe('projections:rebuild', () => {
  let db: TestDatabase;
  let store: EventStore;
  const registry = new ProjectorRegistry([...allProjectors, counterProjector]);
  const env = () => ({ DATABASE_URL: db.url });
  const rebuildWith = (projectors: ProjectorRegistry) => runCliInProcess(['projections:rebuild'], env(), { projectors: () => projectors });
  /** A rebuild that must succeed: an unchanged dump after a failed rebuild would prove nothing. */
  const rebuilt = (projectors: ProjectorRegistry) => async () => {
    const run = await rebuildWith(projectors);
    if (run.code !== 0) throw new Error(`projections:rebuild exited ${run.code}: ${run.stderr}`);
    return run;
  };
  const actor = (id: string) => ({ actor: { id } });

  async function someHistory(n: number): Promise<string[]> {
    const ids = Array.from({ length: n }, () => randomUUID());
    for (const [k, id] of ids.entries()) {
      await store.execute(actor(`user-${k}`), (uow) => uow.emit({ subject: `counter:${id}`, type: 'test_counter.created', payload: { id, name: `计数 ${k}` }, clauses: [] }));
      for (let j = 0; j <= k; j++) {
        await store.execute(actor(`user-${j}`), async (uow) => {
          await uow.emit({ subject: `counter:${id}`, type: 'test_counter.incremented', payload: { id, by: j + 1 }, clauses: [] });
          await uow.emit({ subject: `counter:${id}`, type: 'test_counter.unrelated', payload: { note: 'no projector handles this' }, clauses: [] });
        });
      }
      if (k % 2 === 0) await store.execute(actor('user-hr'), (uow) => uow.emit({ subject: `counter:${id}`, type: 'test_counter.renamed', payload: { id, name: `renamed ${k}` }, clauses: [] }));
    }
    await store.execute(actor('user-hr'), (uow) => uow.emit({ subject: `counter:${ids[1]}`, type: 'test_counter.deleted', payload: { id: ids[1] }, clauses: [] }));
    return ids;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await createCounterTables(db.dataSource);
    // The clock advances a millisecond per event, so rows carry distinct, replayable times.
    let t = Date.parse('2026-03-01T08:00:00.000Z');
    store = testEventStore(db.dataSource, { projectors: registry.projectors, now: () => new Date(t++) });
    await someHistory(6);
  });
  afterAll(async () => db?.drop());

  it('INF-9: rebuilt read models equal the live ones, for every projector', async () => {
    const { before, after } = await dumpAroundRebuild(db.dataSource, rebuilt(registry), registry);
    expect(before.test_counters).toHaveLength(5);
    expect(before.test_counter_steps.length).toBeGreaterThan(10);
    expect(after).toEqual(before);
  });

  it('prints progress and a summary', async () => {
    const run = await rebuilt(registry)();
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM event_log`);
    expect(run.stderr).toContain(`[rebuild] read models: ${registry.tables().join(', ')}`);
    expect(run.stderr).toContain(`[rebuild] ${n}/${n} events`);
    expect(run.stdout).toMatch(new RegExp(`\\[rebuild\\] done: ${n} events replayed into ${registry.tables().length} table\\(s\\)`));
    expect(run.code).toBe(0);
  });

  it('INF-9: a read model edited behind the log is restored from the log', async () => {
    const live = await dumpTables(db.dataSource, registry.tables());
    await db.dataSource.query(`UPDATE test_counters SET value = 999, updated_by = 'intruder'`);
    await db.dataSource.query(`DELETE FROM test_counter_steps WHERE value_after > 3`);
    await rebuilt(registry)();
    expect(await dumpTables(db.dataSource, registry.tables())).toEqual(live);
  });

  it('commands running during a rebuild are neither lost nor applied twice', async () => {
    const [id] = await someHistory(1);
    const increments = Array.from({ length: 40 }, (_, k) =>
      store.execute(actor('user-busy'), (uow) => uow.emit({ subject: `counter:${id}`, type: 'test_counter.incremented', payload: { id, by: k }, clauses: [] })),
    );
    await Promise.all([rebuildProjections(db.dataSource, registry), ...increments]);
    const [{ value }] = await db.dataSource.query(`SELECT value FROM test_counters WHERE id = $1`, [id]);
    expect(value).toBe(1 + (39 * 40) / 2);
    const { before, after } = await dumpAroundRebuild(db.dataSource, () => rebuildProjections(db.dataSource, registry), registry);
    expect(after).toEqual(before);
  });

  it('refuses to rebuild when a table outside the read models would lose rows; keeps them behind a deferrable key', async () => {
    await db.dataSource.query(`CREATE TABLE test_secrets (counter_id uuid PRIMARY KEY REFERENCES test_counters (id) ON DELETE CASCADE, secret text NOT NULL)`);
    await db.dataSource.query(`INSERT INTO test_secrets SELECT id, 'hash-of-' || name FROM test_counters`);
    const secrets = await dumpTables(db.dataSource, ['test_secrets']);
    const refused = await rebuildWith(registry);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/test_secrets \(test_secrets_counter_id_fkey -> test_counters\).*DEFERRABLE with ON DELETE NO ACTION/);

    await db.dataSource.query(`ALTER TABLE test_secrets DROP CONSTRAINT test_secrets_counter_id_fkey`);
    await db.dataSource.query(`ALTER TABLE test_secrets ADD FOREIGN KEY (counter_id) REFERENCES test_counters (id) DEFERRABLE INITIALLY IMMEDIATE`);
    // Rows are now deleted rather than truncated: the parent table listed first must not matter.
    const parentsFirst = new ProjectorRegistry([...allProjectors, { ...counterProjector, tables: [...counterProjector.tables].reverse() }]);
    const { before, after } = await dumpAroundRebuild(db.dataSource, rebuilt(parentsFirst), parentsFirst);
    expect(after).toEqual(before);
    expect(await dumpTables(db.dataSource, ['test_secrets'])).toEqual(secrets);
    await db.dataSource.query(`DROP TABLE test_secrets`);
  });

  it('INF-9: the real CLI process rebuilds every registered read model unchanged', async () => {
    const { before, after } = await dumpAroundRebuild(db.dataSource, async () => {
      const run = await runCliProcess(['projections:rebuild'], env());
      if (run.code !== 0) throw new Error(`projections:rebuild exited ${run.code}: ${run.stderr}`);
    });
    expect(after).toEqual(before);
  });
});
