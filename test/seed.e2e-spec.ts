import { createDataSource } from '../libs/db/data-source.js';
import { EventStore } from '../libs/domain/events/event-store.js';
import { createProjectorRegistry } from '../libs/domain/projectors.js';
import { DEMO_USERS, seedDemo } from '../libs/domain/seed/demo.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';

describe('demo seed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.drop());

  it('two replicas seeding at once create the demo directory exactly once, and later starts change nothing', async () => {
    // A second process: its own connection pool, as another API replica would have.
    const replica = createDataSource({ url: db.url, poolSize: 2 });
    await replica.initialize();
    try {
      const results = await Promise.all([
        seedDemo(new EventStore(db.dataSource, createProjectorRegistry()), db.dataSource),
        seedDemo(new EventStore(replica, createProjectorRegistry()), replica),
      ]);
      expect(results.some((r) => r.seeded)).toBe(true);
    } finally {
      await replica.destroy();
    }
    const count = async (sql: string) => (await db.dataSource.query(sql))[0].n;
    expect(await count(`SELECT count(*)::int AS n FROM departments`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM users`)).toBe(DEMO_USERS.length);
    expect(await count(`SELECT count(*)::int AS n FROM agent_ids WHERE kind = 'privileged' AND custodian_user_id = (SELECT id FROM users WHERE username = 'ccmanager')`)).toBe(3);
    const roles: { username: string; role: string }[] = await db.dataSource.query(`SELECT u.username, r.role FROM users u JOIN user_roles r ON r.user_id = u.id ORDER BY 1`);
    expect(roles).toEqual(DEMO_USERS.map((u) => ({ username: u.username, role: u.role })).sort((a, b) => a.username.localeCompare(b.username)));
    const events = await count(`SELECT count(*)::int AS n FROM event_log`);
    await expect(seedDemo(new EventStore(db.dataSource, createProjectorRegistry()), db.dataSource)).resolves.toEqual({ seeded: false });
    expect(await count(`SELECT count(*)::int AS n FROM event_log`)).toBe(events);
  });
});
