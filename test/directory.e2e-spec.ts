import { randomUUID } from 'node:crypto';
import { changeEmployeeStatus, createEmployee } from '../libs/domain/directory/employees.js';
import { ErrorCode } from '../libs/policy/errors.js';
import { EventStore } from '../libs/domain/events/event-store.js';
import { createProjectorRegistry } from '../libs/domain/projectors.js';
import { call, loginAs, startTestApi, type TestApi } from './support/api.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { admin, departmentWithEmployees, userWith } from './support/directory.js';

describe('directory and agent-ID routes over real HTTP', () => {
  let db: TestDatabase;
  let api: TestApi;
  let events: EventStore;
  const token: Record<string, string> = {};
  let other: { departmentId: string; employeeIds: string[] };
  let otherUserId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApi(db.url, { SEED_DEMO: '1' });
    events = new EventStore(db.dataSource, createProjectorRegistry());
    other = await departmentWithEmployees(events, 'outbound-2', 1);
    otherUserId = await userWith(events, 'agent9', ['employee'], { employeeId: other.employeeIds[0] });
    for (const u of ['hr', 'agent1', 'supervisor', 'auditor', 'idadmin', 'ccmanager']) token[u] = await loginAs(api.baseUrl, u);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const as = (who: string, method: string, path: string, body?: unknown) => call(api.baseUrl, token[who], method, path, body);
  const me = async (who: string) => (await as(who, 'GET', '/api/me')).body;

  it('hr creates a department, an employee (pending) and a user linked to them, all as events', async () => {
    const dept = await as('hr', 'POST', '/api/departments', { code: 'inbound-1', nameEn: 'Inbound 1', nameZh: '呼入一部' });
    expect(dept.status).toBe(201);
    const emp = await as('hr', 'POST', '/api/employees', { departmentId: dept.body.id, fullName: 'Mei Lin 林梅' });
    expect(emp.body).toMatchObject({ status: 'pending', departmentId: dept.body.id });
    const user = await as('hr', 'POST', '/api/users', { username: 'MeiLin', displayName: 'Mei Lin', roles: ['employee'], employeeId: emp.body.id, password: 'a-long-password' });
    expect(user.status).toBe(201);
    expect(user.body).toMatchObject({ username: 'meilin', departmentId: dept.body.id, roles: ['employee'], locale: 'zh-CN', timeZone: 'Asia/Shanghai', active: true });
    const types: { type: string }[] = await db.dataSource.query(`SELECT type FROM event_log WHERE actor = $1 AND type NOT LIKE 'auth.%' ORDER BY seq`, [(await me('hr')).id]);
    expect(types.map((t) => t.type)).toEqual(['department.created', 'employee.created', 'user.created']);
    const [{ payload }] = await db.dataSource.query(`SELECT payload FROM event_log WHERE type = 'user.created' AND payload->>'username' = 'meilin'`);
    expect(JSON.stringify(payload)).not.toMatch(/a-long-password|argon2/);

    const dup = await as('hr', 'POST', '/api/departments', { code: 'inbound-1', nameEn: 'x', nameZh: 'x' });
    expect(dup.status).toBe(409);
    const supervised = await as('hr', 'PATCH', `/api/departments/${dept.body.id}`, { supervisorUserId: user.body.id });
    expect(supervised.status).toBe(400); // not a supervisor
    expect(supervised.body.details.fields).toHaveProperty('supervisorUserId');
  });

  it('invalid input is a 400 that names each bad field', async () => {
    const d = await as('hr', 'POST', '/api/departments', { code: 'Bad Code', nameEn: '', nameZh: 5, supervisorUserId: 'nope', colour: 'red' });
    expect(d.status).toBe(400);
    for (const f of ['code', 'nameEn', 'nameZh', 'supervisorUserId', 'colour']) expect(d.body.message).toContain(f);
    const u = await as('hr', 'POST', '/api/users', { username: '-', displayName: 'x', roles: ['wizard'], password: 'short', locale: 'fr', timeZone: 'Mars/Olympus' });
    expect(u.status).toBe(400);
    for (const f of ['username', 'roles', 'password', 'locale', 'timeZone']) expect(u.body.message).toContain(f);
    const nul = await as('hr', 'POST', '/api/departments', { code: 'nul-1', nameEn: 'ok', nameZh: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect(nul.body.message).toContain('nameZh');
    const p = await as('hr', 'PATCH', `/api/departments/${other.departmentId}`, { nameEn: null });
    expect(p.status).toBe(400);
    expect(p.body.message).toContain('nameEn');
    const id = await as('hr', 'GET', '/api/employees/not-a-uuid');
    expect(id.status).toBe(400);
    expect(id.body.message).toContain('id must be a UUID');
    const q = await as('hr', 'GET', '/api/employees?pageSize=100000&status=gone');
    expect(q.status).toBe(400);
    for (const f of ['pageSize', 'status']) expect(q.body.message).toContain(f);
  });

  it('an unknown id is a 404', async () => {
    for (const path of [`/api/employees/${randomUUID()}`, `/api/users/${randomUUID()}`, `/api/departments/${randomUUID()}`]) {
      const r = await as('hr', 'GET', path);
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('NOT_FOUND');
    }
    expect((await as('idadmin', 'GET', '/api/agent-ids/Z999')).status).toBe(404);
    expect((await as('hr', 'PATCH', `/api/users/${randomUUID()}`, { displayName: 'x' })).status).toBe(404);
  });

  it('a supervisor sees their department; another department is not revealed (404)', async () => {
    const list = await as('supervisor', 'GET', '/api/employees');
    expect(list.body.items.length).toBe(2);
    expect(new Set(list.body.items.map((e: { departmentId: string }) => e.departmentId))).toEqual(new Set([(await me('supervisor')).department.id]));
    expect((await as('supervisor', 'GET', `/api/employees/${(await me('agent1')).employee.id}`)).status).toBe(200);
    expect((await as('supervisor', 'GET', `/api/employees/${other.employeeIds[0]}`)).status).toBe(404);
    expect((await as('supervisor', 'GET', `/api/users/${otherUserId}`)).status).toBe(404);
    expect((await as('supervisor', 'GET', `/api/departments/${other.departmentId}`)).status).toBe(404);
  });

  it('an employee sees only their own records', async () => {
    const self = await me('agent1');
    const list = await as('agent1', 'GET', '/api/employees');
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([self.employee.id]);
    const users = await as('agent1', 'GET', '/api/users');
    expect(users.body.items.map((u: { id: string }) => u.id)).toEqual([self.id]);
    const colleague = (await as('hr', 'GET', '/api/users?role=employee')).body.items.find((u: { username: string }) => u.username === 'agent2');
    expect((await as('agent1', 'GET', `/api/users/${colleague.id}`)).status).toBe(404);
    expect((await as('agent1', 'GET', `/api/employees/${colleague.employeeId}`)).status).toBe(404);
  });

  it('the auditor reads everything and changes nothing', async () => {
    expect((await as('auditor', 'GET', `/api/employees/${other.employeeIds[0]}`)).status).toBe(200);
    expect((await as('auditor', 'GET', '/api/agent-ids?kind=privileged')).body.total).toBe(3);
    for (const [method, path, body] of [
      ['POST', '/api/departments', { code: 'x-1', nameEn: 'x', nameZh: 'x' }],
      ['PATCH', `/api/users/${otherUserId}`, { active: false }],
      ['POST', '/api/agent-ids/ranges', { prefix: 'X', from: 1, to: 2, kind: 'standard' }],
    ] as const) {
      const r = await as('auditor', method, path, body);
      expect(r.status).toBe(403);
    }
  });

  it('INF-9 four eyes: nobody changes their own roles or deactivates themselves', async () => {
    const hr = await me('hr');
    const r = await as('hr', 'PATCH', `/api/users/${hr.id}`, { roles: ['hr', 'auditor'] });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('SEPARATION_OF_DUTIES');
    expect((await as('hr', 'PATCH', `/api/users/${hr.id}`, { active: false })).body.code).toBe('SEPARATION_OF_DUTIES');
    // Another person's profile changes at once; a privileged role waits for a second person (test/four-eyes).
    const changed = await as('ccmanager', 'PATCH', `/api/users/${otherUserId}`, { displayName: 'Agent Nine' });
    expect(changed.body).toMatchObject({ roles: ['employee'], displayName: 'Agent Nine' });
    const granted = await as('ccmanager', 'PATCH', `/api/users/${otherUserId}`, { roles: ['employee', 'security'] });
    expect(granted.status).toBe(202);
    expect(granted.body).toMatchObject({ status: 'pending', approverRole: 'hr', userId: otherUserId });
  });

  it('the employee life cycle only moves forward: pending → active → leaving → left', async () => {
    const { id } = await createEmployee(events, admin, { departmentId: other.departmentId, fullName: 'Life Cycle' });
    const to = (status: 'active' | 'leaving' | 'left') => changeEmployeeStatus(events, admin, { employeeId: id, to: status });
    await expect(to('leaving')).rejects.toMatchObject({ code: ErrorCode.Conflict });
    await expect(to('active')).resolves.toMatchObject({ status: 'active', changed: true });
    await expect(to('active')).resolves.toMatchObject({ changed: false }); // a retry is harmless
    await expect(to('leaving')).resolves.toMatchObject({ status: 'leaving' });
    await expect(to('left')).resolves.toMatchObject({ status: 'left' });
    await expect(to('active')).rejects.toMatchObject({ code: ErrorCode.Conflict });
    await expect(db.dataSource.query(`UPDATE employees SET status = 'active' WHERE id = $1`, [id])).rejects.toThrow(/cannot go from left to active/);
  });

  it('id_admin keeps the pool: ranges, assignment, suspension, retirement (AID-1, INF-12)', async () => {
    const range = await as('idadmin', 'POST', '/api/agent-ids/ranges', { prefix: 'B', from: 1, to: 5, kind: 'standard' });
    expect(range.status).toBe(201);
    expect(range.body.created).toEqual(['B1', 'B2', 'B3', 'B4', 'B5']);
    expect((await as('idadmin', 'POST', '/api/agent-ids/ranges', { prefix: 'B', from: 4, to: 6, kind: 'standard' })).body).toEqual({ created: ['B6'], skipped: ['B4', 'B5'] });
    expect((await as('idadmin', 'POST', '/api/agent-ids/ranges', { prefix: 'B', from: 1, to: 5000, kind: 'standard' })).status).toBe(400);

    const employeeId = other.employeeIds[0];
    const assigned = await as('idadmin', 'POST', '/api/agent-ids/B2/assign', { employeeId });
    expect(assigned.body).toMatchObject({ code: 'B2', state: 'assigned', holderEmployeeId: employeeId, holdings: [{ employeeId, purpose: 'assignment', endedAt: null }] });
    expect((await as('idadmin', 'POST', '/api/agent-ids/B3/assign', { employeeId })).status).toBe(409); // one standard ID per person
    expect((await as('idadmin', 'POST', '/api/agent-ids/B2/assign', {})).body.message).toMatch(/employeeId.*custodianUserId|custodianUserId.*employeeId/s);
    expect((await as('idadmin', 'POST', '/api/agent-ids/P9001/assign', { employeeId })).status).toBe(400); // privileged: custodian only

    expect((await as('idadmin', 'POST', '/api/agent-ids/B2/suspend', { reason: 'investigation' })).body.state).toBe('suspended');
    const retired = await as('idadmin', 'POST', '/api/agent-ids/B2/retire', {});
    expect(retired.body).toMatchObject({ state: 'retired', holderEmployeeId: null, holdings: [{ endReason: 'retired' }] });
    expect((await as('idadmin', 'POST', '/api/agent-ids/B2/assign', { employeeId: (await me('agent1')).employee.id })).status).toBe(409);

    const page = await as('ccmanager', 'GET', '/api/agent-ids?prefix=B&state=available&pageSize=2&page=2');
    expect(page.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page.body.items.map((a: { code: string }) => a.code)).toEqual(['B4', 'B5']);
    expect((await as('idadmin', 'GET', '/api/agent-ids/b1')).status).toBe(400);
  });
});
