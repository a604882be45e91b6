import { createDepartment, updateDepartment } from '../libs/domain/directory/departments.js';
import { createEmployee, activateEmployee } from '../libs/domain/directory/employees.js';
import { admin, userWith } from './support/directory.js';
import { startProcessStack, until, type ProcessStack } from './support/process-stack.js';

/**
 * Reassigning decides who decides, so it obeys the same separation of duties as deciding (SYS-1, INF-6,
 * INF-12) and keeps tasks with their named owners' scope (INF-9). Real API, real worker, real dev server.
 */
let s: ProcessStack;
const ids: Record<string, string> = {};

beforeAll(async () => {
  s = await startProcessStack();
  const [{ id: outbound1 }] = await s.db.dataSource.query(`SELECT id FROM departments WHERE code = 'outbound-1'`);
  ids.outbound1 = outbound1;
  // Another department with its own supervisor, and a second supervisor working in outbound-1.
  ids.sup2 = await userWith(s.events, 'sup2', ['supervisor']);
  ids.outbound2 = (await createDepartment(s.events, admin, { code: 'outbound-2', nameEn: 'Outbound 2', nameZh: '外呼二部', supervisorUserId: ids.sup2 })).id;
  ids.sup1b = await userWith(s.events, 'sup1b', ['supervisor'], { departmentId: outbound1 });
  ids.leader2 = await userWith(s.events, 'leader2', ['leadership']);
  // One supervisor who leads two departments, each with an agent.
  ids.twohats = await userWith(s.events, 'twohats', ['supervisor']);
  for (const code of ['inbound-3', 'inbound-4']) {
    const { id } = await createDepartment(s.events, admin, { code, nameEn: code, nameZh: code });
    await updateDepartment(s.events, admin, { departmentId: id, supervisorUserId: ids.twohats });
    const { id: employeeId } = await createEmployee(s.events, admin, { departmentId: id, fullName: `${code} agent` });
    await activateEmployee(s.events, admin, { employeeId });
    ids[code] = id;
    ids[`agent-${code}`] = await userWith(s.events, `agent-${code}`, ['employee'], { employeeId });
  }
});
afterAll(async () => s?.close());

type Caller = Awaited<ReturnType<ProcessStack['as']>>;

async function request(who: string): Promise<string> {
  const r = await (await s.as(who))('POST', '/api/access-requests', { kind: 'external_network', justification: 'supplier research', durationMinutes: 60 });
  expect(r.status).toBe(201);
  return r.body.id;
}

/** The open task of one request at one step, read straight from the read model (no caller's scope). */
const openTask = (requestId: string, step: string): Promise<{ id: string }> =>
  until(async () => {
    const [t] = await s.db.dataSource.query(
      `SELECT t.id FROM tasks t JOIN access_requests ar ON ar.workflow_id = t.workflow_id WHERE ar.id = $1 AND t.step = $2 AND t.status = 'open'`,
      [requestId, step],
    );
    return t;
  }, `${step} of ${requestId}`);

const reassign = (who: Caller, taskId: string, username: string) => who('POST', `/api/tasks/${taskId}/reassign`, { username });

describe('reassigning a task obeys separation of duties and the task scope', () => {
  it('SYS-1 separation of duties: the requester, though a supervisor, may not hand their own review to a friendly supervisor (403), so nobody they chose approves it', async () => {
    const id = await request('supervisor');
    const review = await openTask(id, 'supervisor_review');
    const [sup, sup1b, sup2] = await Promise.all([s.as('supervisor'), s.as('sup1b'), s.as('sup2')]);
    for (const friend of ['sup1b', 'sup2']) {
      const r = await reassign(sup, review.id, friend);
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('SEPARATION_OF_DUTIES');
    }
    // Nothing changed: the other-department supervisor cannot decide, and the task is still offered to the role.
    expect((await sup2('POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve' })).status).toBe(404);
    expect((await sup1b('GET', `/api/tasks/${review.id}`)).body).toMatchObject({ assigneeId: null });
    const [{ n }] = await s.db.dataSource.query(`SELECT count(*)::int AS n FROM event_log WHERE type = 'task.assignment_changed' AND payload->>'taskId' = $1`, [review.id]);
    expect(n).toBe(0);
  });

  it('SYS-1: a supervisor may not hand their department review to a supervisor of another department (400), who then cannot approve it', async () => {
    const id = await request('agent1');
    const review = await openTask(id, 'supervisor_review');
    const [sup, sup2] = await Promise.all([s.as('supervisor'), s.as('sup2')]);
    const r = await reassign(sup, review.id, 'sup2');
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('supervisor');
    expect((await sup2('POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve' })).status).toBe(404);
    // Within the department it works, and the new assignee decides.
    const ok = await reassign(sup, review.id, 'sup1b');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: review.id, assigneeId: ids.sup1b });
    expect((await (await s.as('sup1b'))('POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve' })).status).toBe(200);
  });

  it('SYS-1 separation of duties: a person barred from a later stage (an earlier decider) may not reassign it, even as leadership', async () => {
    await userWith(s.events, 'lead-sup', ['leadership', 'supervisor'], { departmentId: ids.outbound1 });
    const id = await request('agent2');
    const review = await openTask(id, 'supervisor_review');
    const leadSup = await s.as('lead-sup');
    expect((await leadSup('POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve' })).status).toBe(200);
    const signoff = await openTask(id, 'leadership_signoff');
    const r = await reassign(leadSup, signoff.id, 'leader2');
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('SEPARATION_OF_DUTIES');
    expect((await (await s.as('leader2'))('GET', `/api/tasks/${signoff.id}`)).body).toMatchObject({ assigneeId: null }); // still offered to the role
  });

  it('a reassignment that takes the task out of the reassigner sight answers 200 and says so (not 404)', async () => {
    const id = await request('agent1');
    const review = await openTask(id, 'supervisor_review');
    expect((await (await s.as('supervisor'))('POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve' })).status).toBe(200);
    const signoff = await openTask(id, 'leadership_signoff');
    const r = await reassign(await s.as('leader'), signoff.id, 'leader2');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: signoff.id, reassigned: true, visible: false, assigneeId: ids.leader2, message: { en: expect.any(String), zh: expect.any(String) } });
    const mine = await (await s.as('leader2'))('GET', '/api/tasks?mine=true');
    expect(mine.body.items.map((t: { id: string }) => t.id)).toContain(signoff.id);
  });
});

describe('a supervisor of two departments', () => {
  it('SYS-1: reviews the requests of both departments (inbox, task, decision) and sees both departments', async () => {
    const twohats = await s.as('twohats');
    const me = (await twohats('GET', '/api/me')).body;
    const [a3, a4] = [await request('agent-inbound-3'), await request('agent-inbound-4')];
    const [t3, t4] = [await openTask(a3, 'supervisor_review'), await openTask(a4, 'supervisor_review')];
    const inbox = (await twohats('GET', '/api/tasks')).body.items.map((t: { id: string }) => t.id);
    expect(inbox).toEqual(expect.arrayContaining([t3.id, t4.id]));
    for (const t of [t3, t4]) expect((await twohats('POST', `/api/tasks/${t.id}/complete`, { outcome: 'approve' })).status).toBe(200);
    const departments = (await twohats('GET', '/api/departments')).body.items.map((d: { id: string }) => d.id);
    expect(departments.sort()).toEqual([ids['inbound-3'], ids['inbound-4']].sort());
    for (const code of ['inbound-3', 'inbound-4']) expect((await twohats('GET', `/api/users/${ids[`agent-${code}`]}`)).status).toBe(200);
    expect((await twohats('GET', `/api/access-requests/${a4}`)).status).toBe(200);
    expect(me.id).toBe(ids.twohats);
  });

  it('SYS-1: a task the inbox shows before its workflow has taken it in is never answered 404: the change is tried again, then 503 with Retry-After, and nothing is decided', async () => {
    const requestId = await request('agent1');
    const real = await openTask(requestId, 'supervisor_review');
    // As when the worker died after the opening step wrote the read model and before its workflow task
    // completed: the inbox holds a task its workflow does not know yet.
    const [{ id: early }] = await s.db.dataSource.query(
      `INSERT INTO tasks SELECT (jsonb_populate_record(NULL::tasks, to_jsonb(t) || jsonb_build_object('id', gen_random_uuid()))).* FROM tasks t WHERE t.id = $1 RETURNING id`,
      [real.id],
    );
    const sup = await s.as('supervisor');
    const r = await sup('POST', `/api/tasks/${early}/complete`, { outcome: 'approve', comment: 'too early' });
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBeTruthy();
    expect(r.body.message).toMatch(/still being opened/);
    expect((await s.db.dataSource.query(`SELECT count(*)::int AS n FROM event_log WHERE type = 'task.decided' AND payload->>'taskId' = ANY($1)`, [[early, real.id]]))[0].n).toBe(0);
    // The task the workflow knows is decided as ever.
    expect((await sup('POST', `/api/tasks/${real.id}/complete`, { outcome: 'approve', comment: 'on time' })).status).toBe(200);
  });
});
