import { activateEmployee, createEmployee } from '../libs/domain/directory/employees.js';
import { updateUser } from '../libs/domain/directory/users.js';
import { call } from './support/api.js';
import { admin, userWith } from './support/directory.js';
import { startProcessStack, until, type ProcessStack } from './support/process-stack.js';
import { connectDevServer } from './support/temporal.js';

/**
 * Four eyes on power (INF-9 named owners; SYS-1, INF-6, INF-12 separation of duties): privileged roles
 * and other people's passwords change only when a second authorised person approves in the inbox.
 * Real API, real worker, real dev server, real PostgreSQL.
 */
let s: ProcessStack;
const ids: Record<string, string> = {};

beforeAll(async () => {
  s = await startProcessStack();
  for (const [u, roles] of [['hr2', ['hr']], ['ccm2', ['cc_manager']], ['hr3', ['hr']]] as const) ids[u] = await userWith(s.events, u, [...roles]);
  const users: { id: string; username: string }[] = await s.db.dataSource.query(`SELECT id, username FROM users`);
  for (const u of users) ids[u.username] ??= u.id;
  [{ id: ids.outbound1 }] = await s.db.dataSource.query(`SELECT id FROM departments WHERE code = 'outbound-1'`);
});
afterAll(async () => s?.close());

type Caller = Awaited<ReturnType<ProcessStack['as']>>;

/** The approval task of one request, straight from the read model. */
const approvalOf = (requestId: string): Promise<{ id: string }> =>
  until(async () => (await s.db.dataSource.query(`SELECT id FROM tasks WHERE process = 'account_change' AND process_key = $1 AND status = 'open'`, [requestId]))[0], `approval of ${requestId}`);

const statusOf = async (who: Caller, requestId: string, want: string) =>
  until(async () => {
    const r = await who('GET', `/api/account-changes/${requestId}`);
    return r.status === 200 && r.body.status === want ? r.body : null;
  }, `${requestId} ${want}`);

const login = (username: string, password: string) =>
  call(s.api.baseUrl, null, 'POST', '/api/auth/login', { username, password });

describe('four eyes on power', () => {
  it('INF-9 four eyes: hr creating an account with a privileged role gets 202 and a pending request; nothing exists until a cc_manager approves in the inbox; the requester may not approve (separation of duties); the password never travels through Temporal', async () => {
    const [hr, ccm] = await Promise.all([s.as('hr'), s.as('ccmanager')]);
    const r = await hr('POST', '/api/users', { username: 'newit', displayName: 'New IT', roles: ['it'], password: 'a-long-password-1' });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ id: expect.any(String), status: 'pending', kind: 'create_user', approverRole: 'cc_manager' });
    const requestId = r.body.id;
    const task = await approvalOf(requestId);
    expect(await s.db.dataSource.query(`SELECT id FROM users WHERE username = 'newit'`)).toEqual([]);
    expect((await login('newit', 'a-long-password-1')).status).toBe(401);

    const own = await hr('POST', `/api/tasks/${task.id}/complete`, { outcome: 'approve' });
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('SEPARATION_OF_DUTIES');
    const inbox = (await ccm('GET', '/api/tasks')).body.items.find((t: { id: string }) => t.id === task.id);
    expect(inbox).toMatchObject({ step: 'account_change_approval', processType: 'account_change', title: { en: expect.stringContaining('INF-9'), zh: expect.stringContaining('INF-9') } });
    expect((await ccm('POST', `/api/tasks/${task.id}/complete`, { outcome: 'approve' })).status).toBe(200);

    const done = await statusOf(hr, requestId, 'applied');
    expect(done).toMatchObject({ decidedBy: ids.ccmanager, userId: expect.any(String) });
    expect((await login('newit', 'a-long-password-1')).status).toBe(200);
    expect((await hr('GET', `/api/users/${done.userId}`)).body.roles).toEqual(['it']);

    // The secret: not in the workflow history, not in the event log, and gone from its holding table.
    const env = await connectDevServer();
    const history = JSON.stringify(await env.client.workflow.getHandle(`account-change-${requestId}`).fetchHistory());
    await env.teardown();
    const [{ log }] = await s.db.dataSource.query(`SELECT string_agg(payload::text, ' ') AS log FROM event_log`);
    for (const haystack of [history, log]) {
      expect(haystack).not.toContain('a-long-password-1');
      expect(haystack).not.toContain('$argon2');
    }
    expect(await s.db.dataSource.query(`SELECT 1 FROM account_change_secrets WHERE request_id = $1`, [requestId])).toEqual([]);
  });

  it('INF-9 four eyes: resetting another person password is a request; the account concerned may not approve it; rejected, nothing changes', async () => {
    const [hr, ccm, ccm2] = await Promise.all([s.as('hr'), s.as('ccmanager'), s.as('ccm2')]);
    const r = await hr('PATCH', `/api/users/${ids.ccmanager}`, { password: 'taken-over-password' });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ status: 'pending', kind: 'update_user', userId: ids.ccmanager, approverRole: 'cc_manager' });
    const task = await approvalOf(r.body.id);
    // hr cannot sign in as cc_manager with the chosen password, and cc_manager may not approve a change to their own account.
    expect((await login('ccmanager', 'taken-over-password')).status).toBe(401);
    const self = await ccm('POST', `/api/tasks/${task.id}/complete`, { outcome: 'approve' });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('SEPARATION_OF_DUTIES');
    expect((await ccm2('POST', `/api/tasks/${task.id}/complete`, { outcome: 'reject', comment: 'not asked for by the owner' })).status).toBe(200);
    expect(await statusOf(hr, r.body.id, 'rejected')).toMatchObject({ decidedBy: ids.ccm2, reason: 'not asked for by the owner' });
    expect((await login('ccmanager', 'taken-over-password')).status).toBe(401);
    expect((await login('ccmanager', 'demo-password')).status).toBe(200);
    expect(await s.db.dataSource.query(`SELECT 1 FROM account_change_secrets WHERE request_id = $1`, [r.body.id])).toEqual([]);
  });

  it('INF-9 four eyes: cc_manager cannot grant hr or auditor (403), on creation or on change', async () => {
    const ccm = await s.as('ccmanager');
    for (const roles of [['hr'], ['auditor', 'employee']]) {
      const r = await ccm('POST', '/api/users', { username: `ccm-made-${roles[0]}`, displayName: 'x', roles, password: 'a-long-password-2' });
      expect(r.status).toBe(403);
      expect(r.body.message).toContain(roles[0]);
    }
    const p = await ccm('PATCH', `/api/users/${ids.agent2}`, { roles: ['employee', 'auditor'] });
    expect(p.status).toBe(403);
    expect(p.body.message).toContain('auditor');
    expect(await s.db.dataSource.query(`SELECT 1 FROM account_change_requests WHERE requested_by = $1`, [ids.ccmanager])).toEqual([]);
  });

  it('INF-9 four eyes: a second account does not get around nobody changes their own roles: another hr account waits for a second HR person (not cc_manager, not the requester)', async () => {
    const [hr, ccm, hr2] = await Promise.all([s.as('hr'), s.as('ccmanager'), s.as('hr2')]);
    const r = await hr('POST', '/api/users', { username: 'hr-alt', displayName: 'Second hat', roles: ['hr'], password: 'a-long-password-3' });
    expect(r.status).toBe(202);
    expect(r.body.approverRole).toBe('hr');
    const task = await approvalOf(r.body.id);
    expect((await hr('POST', `/api/tasks/${task.id}/complete`, { outcome: 'approve' })).body.code).toBe('SEPARATION_OF_DUTIES');
    expect([403, 404]).toContain((await ccm('POST', `/api/tasks/${task.id}/complete`, { outcome: 'approve' })).status);
    expect((await login('hr-alt', 'a-long-password-3')).status).toBe(401);
    expect((await hr2('POST', `/api/tasks/${task.id}/complete`, { outcome: 'approve' })).status).toBe(200);
    await statusOf(hr, r.body.id, 'applied');
    expect((await login('hr-alt', 'a-long-password-3')).status).toBe(200);
  });

  it('INF-9 separation of duties: HR may not link their own account to an employee record (403)', async () => {
    const hr3 = await s.as('hr3');
    const pending = await hr3('POST', '/api/employees', { departmentId: ids.outbound1, fullName: 'Hana Three' });
    expect(pending.status).toBe(201);
    const link = await hr3('PATCH', `/api/users/${ids.hr3}`, { employeeId: pending.body.id });
    expect(link.status).toBe(403);
    expect(link.body.code).toBe('SEPARATION_OF_DUTIES');
    expect((await hr3('GET', `/api/users/${ids.hr3}`)).body.employeeId).toBeNull();
  });

  it('INF-12 separation of duties: HR may not onboard or offboard their own employee record (403)', async () => {
    const hr3 = await s.as('hr3');
    const pending = await hr3('POST', '/api/employees', { departmentId: ids.outbound1, fullName: 'Hana Three' });
    // Linked by someone else (as a real HR person would be), the record is still not theirs to onboard or offboard.
    await updateUser(s.events, admin, { userId: ids.hr3, employeeId: pending.body.id });
    const onboard = await hr3('POST', '/api/onboardings', { employeeId: pending.body.id });
    expect(onboard.status).toBe(403);
    expect(onboard.body.code).toBe('SEPARATION_OF_DUTIES');
    const { id: activeId } = await createEmployee(s.events, admin, { departmentId: ids.outbound1, fullName: 'Hana Three again' });
    await activateEmployee(s.events, admin, { employeeId: activeId });
    await updateUser(s.events, admin, { userId: ids.hr3, employeeId: activeId });
    const offboard = await hr3('POST', '/api/offboardings', { employeeId: activeId, reason: 'leaving quietly' });
    expect(offboard.status).toBe(403);
    expect(offboard.body.code).toBe('SEPARATION_OF_DUTIES');
    expect(await s.db.dataSource.query(`SELECT 1 FROM processes WHERE employee_id = ANY($1)`, [[pending.body.id, activeId]])).toEqual([]);
  });
});
