import { randomUUID } from 'node:crypto';
import { seedInbox } from '../bench/support/seed-inbox.js';
import type { AuthUser } from '../libs/policy/roles.js';
import { COUNT_LIMIT } from '../libs/read-models/paging.js';
import { listTasks } from '../libs/read-models/tasks.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';

// The inbox's pager total is counted up to a limit (libs/read-models/paging.ts countUpTo): exact below it, a
// floor flagged `totalCapped` above it, and never less than the end of the page asked for, so the pager
// can always offer the next page while there is one.
describe('inbox total (counted up to a limit)', () => {
  let db: TestDatabase;
  const departmentId = randomUUID();
  const approver = (): AuthUser => ({ userId: randomUUID(), username: 'sup', displayName: 'Sup', roles: ['supervisor'], employeeId: null, departmentId, departmentIds: [departmentId] });
  let busy: number;

  beforeAll(async () => {
    db = await createTestDatabase({ namedStatements: true }); // as the API reads it (DATABASE_NAMED_STATEMENTS=on)
    // All open tasks offered to the supervisor of one department: more than the limit.
    const seeded = await seedInbox(db.dataSource, { openTasks: COUNT_LIMIT + 200, events: COUNT_LIMIT + 200, departmentId, busyShare: 1, decidedBy: randomUUID() }, () => {});
    busy = seeded.busyApproverOpenTasks;
    expect(busy).toBe(COUNT_LIMIT + 200);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('stops counting at the limit and says so; the page itself is unaffected', async () => {
    const page = await listTasks(db.dataSource, approver(), { pageSize: 50 });
    expect(page).toMatchObject({ total: COUNT_LIMIT, totalCapped: true, page: 1, pageSize: 50 });
    expect(page.items).toHaveLength(50);
  });

  it('counts at least to the end of the page asked for, and exactly once the end of the list is within reach', async () => {
    const deep = await listTasks(db.dataSource, approver(), { page: 21, pageSize: 50 }); // rows 1001–1050
    expect(deep).toMatchObject({ total: 1050, totalCapped: true });
    expect(deep.items).toHaveLength(50);
    const last = await listTasks(db.dataSource, approver(), { page: 5, pageSize: 200 }); // rows 801–1000 of 1,200
    expect(last).toMatchObject({ total: COUNT_LIMIT, totalCapped: true });
    const end = await listTasks(db.dataSource, approver(), { page: 6, pageSize: 200 }); // rows 1001–1200: the end
    expect(end.total).toBe(busy);
    expect(end.totalCapped).toBeUndefined();
  });

  it('is exact when the list is within the limit', async () => {
    const elsewhere = randomUUID();
    const other: AuthUser = { ...approver(), departmentId: elsewhere, departmentIds: [elsewhere] };
    const none = await listTasks(db.dataSource, other, {});
    expect(none).toMatchObject({ total: 0, items: [] });
    expect(none.totalCapped).toBeUndefined();
    const seeded = await seedInbox(db.dataSource, { openTasks: 7, events: 7, departmentId: other.departmentId!, busyShare: 1, decidedBy: randomUUID() }, () => {});
    const few = await listTasks(db.dataSource, other, {});
    expect(few.total).toBe(seeded.busyApproverOpenTasks);
    expect(few.totalCapped).toBeUndefined();
  });

  it('counts every task the page can show exactly once, though it is counted scope by scope: one offered to my role and escalated to it, one assigned to me', async () => {
    const dept = randomUUID();
    const me: AuthUser = { ...approver(), departmentId: dept, departmentIds: [dept] };
    await seedInbox(db.dataSource, { openTasks: 30, events: 30, departmentId: dept, busyShare: 1, decidedBy: randomUUID() }, () => {});
    const ids: string[] = (await db.dataSource.query(`SELECT id::text AS id FROM tasks WHERE candidate_department_id = $1 ORDER BY due_at, id`, [dept])).map((r: { id: string }) => r.id);
    expect(ids).toHaveLength(30);
    // Ten also escalated to my role in my department (offered and escalated: both scopes), five assigned to me.
    await db.dataSource.query(`UPDATE tasks SET escalated_at = now(), escalation_role = 'supervisor', escalation_department_id = $2, escalation_may_decide = true WHERE id = ANY($1::uuid[])`, [ids.slice(0, 10), dept]);
    await db.dataSource.query(`UPDATE tasks SET assignee_user_id = $2 WHERE id = ANY($1::uuid[])`, [ids.slice(10, 15), me.userId]);
    const page = await listTasks(db.dataSource, me, { pageSize: 100 });
    expect(page.items.map((t) => t.id).sort()).toEqual([...ids].sort());
    expect(page.total).toBe(30);
    expect((await listTasks(db.dataSource, me, { mine: true })).total).toBe(5);
    expect((await listTasks(db.dataSource, me, { myRoles: true })).total).toBe(25);
  });

  it('a dueBefore with any offset ISO 8601 allows is compared as its UTC instant (PostgreSQL itself refuses +19:25)', async () => {
    const [{ due }]: { due: Date }[] = await db.dataSource.query(`SELECT due_at AS due FROM tasks WHERE candidate_department_id = $1 ORDER BY due_at OFFSET 10 LIMIT 1`, [departmentId]);
    const shifted = new Date(due.getTime() + (19 * 60 + 25) * 60_000).toISOString().replace(/\.\d+Z$/, '+19:25'); // same instant, written at +19:25
    expect(new Date(shifted).getTime()).toBe(Math.floor(due.getTime() / 1000) * 1000);
    const utc = await listTasks(db.dataSource, approver(), { dueBefore: new Date(shifted).toISOString(), pageSize: 100 });
    const offset = await listTasks(db.dataSource, approver(), { dueBefore: shifted, pageSize: 100 });
    expect(offset.items.map((t) => t.id)).toEqual(utc.items.map((t) => t.id));
    expect(offset.items.length).toBeGreaterThan(0);
    expect(offset.items.every((t) => new Date(t.due_at).getTime() < new Date(shifted).getTime())).toBe(true);
  });
});
