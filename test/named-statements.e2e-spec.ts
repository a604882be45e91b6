import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { seedInbox } from '../bench/support/seed-inbox.js';
import { createDataSource } from '../libs/db/data-source.js';
import { hotQuery } from '../libs/db/sql.js';
import type { AuthUser } from '../libs/policy/roles.js';
import { EventStore } from '../libs/domain/events/event-store.js';
import { createProjectorRegistry } from '../libs/domain/projectors.js';
import { loadAuthUser } from '../libs/read-models/directory.js';
import { listTasks } from '../libs/read-models/tasks.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { userWith } from './support/directory.js';

/**
 * The reads behind every request (the session check, the inbox page and its count) run as named
 * statements (libs/db/sql.ts hotQuery, DATABASE_NAMED_STATEMENTS): prepared once per connection, the same
 * answers as unnamed, and still right after a migration changes the table under them.
 */
describe('named statements on the hot path', () => {
  let db: TestDatabase;
  const departmentId = randomUUID();
  const approver: AuthUser = { userId: randomUUID(), username: 'sup', displayName: 'Sup', roles: ['supervisor'], employeeId: null, departmentId, departmentIds: [departmentId] };
  /** One connection, so pg_prepared_statements shows what this pool prepared. */
  const single = async (namedStatements: boolean): Promise<DataSource> => createDataSource({ url: db.url, poolSize: 1, applicationName: 'custodian-test-named', namedStatements }).initialize();
  const prepared = async (ds: DataSource): Promise<string[]> => (await ds.query(`SELECT name FROM pg_prepared_statements ORDER BY name`)).map((r: { name: string }) => r.name);

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedInbox(db.dataSource, { openTasks: 60, events: 60, departmentId, busyShare: 1, decidedBy: randomUUID() }, () => {});
  });
  afterAll(async () => db?.drop());

  it('the inbox page and its count are prepared once per connection, and answer as unnamed statements do', async () => {
    const named = await single(true);
    const unnamed = await single(false);
    try {
      const first = await listTasks(named, approver, { pageSize: 20 });
      const second = await listTasks(named, approver, { page: 3, pageSize: 20 });
      expect(first.items).toHaveLength(20);
      expect(second.items).toHaveLength(20);
      expect(first).toEqual(await listTasks(unnamed, approver, { pageSize: 20 }));
      expect(second).toEqual(await listTasks(unnamed, approver, { page: 3, pageSize: 20 }));
      // Another page is the same two statements (the window is a parameter, not a new text).
      const names = await prepared(named);
      expect(names).toHaveLength(2);
      expect(names.every((n) => n.startsWith('custodian_'))).toBe(true);
      expect(await prepared(unnamed)).toEqual([]);
    } finally {
      await named.destroy();
      await unnamed.destroy();
    }
  });

  it('the session check is one prepared statement; in a transaction it runs unnamed', async () => {
    const named = await single(true);
    try {
      const id = await userWith(new EventStore(db.dataSource, createProjectorRegistry()), 'named-statements', ['supervisor']);
      const user = await loadAuthUser(named, id);
      expect(user?.userId).toBe(id);
      expect(await loadAuthUser(named, id)).toEqual(user);
      expect(await prepared(named)).toHaveLength(1);
      await named.transaction(async (m) => expect(await loadAuthUser(m, id)).toEqual(user));
      expect(await prepared(named)).toHaveLength(1);
    } finally {
      await named.destroy();
    }
  });

  it('a column added by a migration does not break a statement prepared before it (columns by name, never *)', async () => {
    const named = await single(true);
    try {
      const before = await listTasks(named, approver, { pageSize: 5 });
      // What `*` would do: a statement prepared before the change fails after it.
      await hotQuery(named, `SELECT * FROM departments WHERE id = $1`, [departmentId]);
      await named.query(`ALTER TABLE departments ADD COLUMN named_statements_probe text`);
      await named.query(`ALTER TABLE tasks ADD COLUMN named_statements_probe text`);
      await expect(hotQuery(named, `SELECT * FROM departments WHERE id = $1`, [departmentId])).rejects.toThrow(/cached plan must not change result type/);
      expect(await listTasks(named, approver, { pageSize: 5 })).toEqual(before);
    } finally {
      await named.query(`ALTER TABLE tasks DROP COLUMN IF EXISTS named_statements_probe`).catch(() => undefined);
      await named.query(`ALTER TABLE departments DROP COLUMN IF EXISTS named_statements_probe`).catch(() => undefined);
      await named.destroy();
    }
  });
});
