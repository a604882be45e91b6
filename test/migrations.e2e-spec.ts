import { createTestDatabase, type TestDatabase } from './support/db.js';
import { migrate } from '../libs/db/data-source.js';
import { migrations } from '../libs/db/migrations/index.js';

const tables = async (db: TestDatabase) =>
  (await db.dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`)).map(
    (r: { table_name: string }) => r.table_name,
  );

describe('migrations against real PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
  });
  afterAll(async () => db?.drop());

  it('apply on an empty database, revert to nothing, and apply again', async () => {
    const applied = await migrate(db.dataSource);
    expect(applied).toHaveLength(migrations.length);
    const after = await tables(db);
    expect(after).toEqual(expect.arrayContaining(['event_log', 'command_results']));
    await expect(migrate(db.dataSource)).resolves.toEqual([]); // idempotent

    for (let i = 0; i < migrations.length; i++) await db.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables(db)).toEqual([]);

    await migrate(db.dataSource);
    expect(await tables(db)).toEqual(after);
  });
});
