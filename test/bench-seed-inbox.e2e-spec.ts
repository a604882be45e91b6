import { randomUUID } from 'node:crypto';
import { seedInbox } from '../bench/support/seed-inbox.js';
import { rebuildProjections } from '../libs/domain/events/rebuild.js';
import { verifyChain } from '../libs/domain/events/verify.js';
import { ProjectorRegistry } from '../libs/domain/events/projector.js';
import { tasksProjector } from '../libs/domain/tasks/projector.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { dumpAroundRebuild } from './support/read-models.js';

// The benchmark's bulk path writes the inbox read model set-wise instead of through tasksProjector: it
// must still be what the tasks projector makes of the same events (a rebuild changes nothing), on a chain that
// verifies (INF-9). Mechanics only: its speed is measured by `npm run bench`.
describe('bench inbox seed (bulk path)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('appends chained task events whose set-wise projection equals a rebuild by tasksProjector', async () => {
    const departmentId = randomUUID();
    const seeded = await seedInbox(db.dataSource, { openTasks: 30, events: 100, departmentId, busyShare: 0.2, decidedBy: randomUUID(), batchTasks: 16 }, () => {});
    expect(seeded).toMatchObject({ openTasks: 30, decidedTasks: 35, events: 100 });

    const [counts] = await db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM event_log) AS events,
              (SELECT count(*)::int FROM tasks WHERE status = 'open') AS open,
              (SELECT count(*)::int FROM tasks WHERE status = 'decided') AS decided,
              (SELECT count(*)::int FROM task_decisions) AS decisions,
              (SELECT count(*)::int FROM tasks WHERE status = 'open' AND candidate_role = 'supervisor' AND candidate_department_id = $1) AS busy`,
      [departmentId],
    );
    expect(counts).toEqual({ events: 100, open: 30, decided: 35, decisions: 35, busy: seeded.busyApproverOpenTasks });
    expect(seeded.busyApproverOpenTasks).toBeGreaterThan(0);

    await expect(verifyChain(db.dataSource)).resolves.toMatchObject({ ok: true, checked: 100 });
    // The bulk path stands in for the tasks projector only (the inbox's tables); other read models of task
    // events (the assessment items) are not the benchmark's concern.
    const registry = new ProjectorRegistry([tasksProjector]);
    const { before, after } = await dumpAroundRebuild(db.dataSource, () => rebuildProjections(db.dataSource, registry), registry);
    expect(after).toEqual(before);
  });
});
