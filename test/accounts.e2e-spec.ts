import { summarizeClosedWindows } from '../libs/auth/login.js';
import { setUserPassword } from '../libs/domain/directory/users.js';
import { EventStore } from '../libs/domain/events/event-store.js';
import { createProjectorRegistry } from '../libs/domain/projectors.js';
import { call, loginAs, startTestApi, type TestApi } from './support/api.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';

/**
 * Accounts and sign-in that cannot be used against people: tokens that end with what ended them, strict
 * Bearer parsing, a client address nobody can forge, a password policy, one-time passwords (INF-10).
 * The API here runs with the defaults: no TRUST_PROXY.
 */
describe('account security over real HTTP', () => {
  let db: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApi(db.url, { SEED_DEMO: '1', LOGIN_MAX_FAILURES_PER_IP: '5' });
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const login = (username: string, password = 'demo-password', headers: Record<string, string> = {}) =>
    call(api.baseUrl, null, 'POST', '/api/auth/login', { username, password }, headers);
  const me = (token: string) => call(api.baseUrl, token, 'GET', '/api/me');

  it('an access token stops working at logout, not at its TTL', async () => {
    const s = (await login('leader')).body;
    expect((await me(s.accessToken)).status).toBe(200);
    expect((await call(api.baseUrl, null, 'POST', '/api/auth/logout', { refreshToken: s.refreshToken })).status).toBe(204);
    expect((await me(s.accessToken)).status).toBe(401);
  });

  /**
   * Another person's password changes only through an approved account change (four eyes, proved in
   * test/four-eyes.e2e-spec.ts); here the approved change lands as the workflow's activity applies it.
   */
  const resetBy = async (byUsername: string, userId: string, password: string) => {
    const [by] = await db.dataSource.query(`SELECT id FROM users WHERE username = $1`, [byUsername]);
    await setUserPassword(new EventStore(db.dataSource, createProjectorRegistry()), { actor: { id: by.id } }, { userId, password });
  };

  it('an access token stops working when someone else resets the password', async () => {
    const hr = await loginAs(api.baseUrl, 'hr');
    const s = (await login('site')).body;
    expect((await call(api.baseUrl, hr, 'PATCH', `/api/users/${s.user.id}`, { password: 'reset-by-hr-2026-xyz' })).status).toBe(202); // waits for a second person
    expect((await me(s.accessToken)).status).toBe(200);
    await resetBy('hr', s.user.id, 'reset-by-hr-2026-xyz');
    expect((await me(s.accessToken)).status).toBe(401);
    expect((await call(api.baseUrl, null, 'POST', '/api/auth/refresh', { refreshToken: s.refreshToken })).status).toBe(401);
  });

  it('a reactivated account does not bring its old access tokens back', async () => {
    const hr = await loginAs(api.baseUrl, 'hr');
    const s = (await login('agent2')).body;
    expect((await call(api.baseUrl, hr, 'PATCH', `/api/users/${s.user.id}`, { active: false })).status).toBe(200);
    expect((await call(api.baseUrl, hr, 'PATCH', `/api/users/${s.user.id}`, { active: true })).status).toBe(200);
    expect((await me(s.accessToken)).status).toBe(401);
    expect((await login('agent2')).status).toBe(200);
  });

  it('accepts exactly "Bearer <token>": trailing junk, a second space, a tab or another scheme is 401', async () => {
    const token = await loginAs(api.baseUrl, 'auditor');
    const get = (authorization: string) => fetch(`${api.baseUrl}/api/me`, { headers: { authorization } });
    expect((await get(`Bearer ${token}`)).status).toBe(200);
    for (const bad of [`Bearer ${token} junk`, `Bearer  ${token}`, `Bearer\t${token}`, `Token ${token}`, `Bearer ${token},${token}`]) {
      const r = await get(bad);
      expect(r.status).toBe(401);
      expect((await r.json()).code).toBe('UNAUTHENTICATED');
    }
  });

  it('by default a forged X-Forwarded-For changes neither the audited address nor the per-address limit', async () => {
    // LOGIN_MAX_FAILURES_PER_IP is 5 here: each try claims a new address, all come from 127.0.0.1.
    for (let i = 0; i < 5; i++) expect((await login(`nobody${i}`, 'wrong-password-x', { 'x-forwarded-for': `198.18.0.${i + 1}` })).status).toBe(401);
    const r = await login('ccmanager', 'demo-password', { 'x-forwarded-for': '198.18.0.200' });
    expect(r.status).toBe(429);
    const ips: { ip: string }[] = await db.dataSource.query(`SELECT DISTINCT ip FROM login_throttle`);
    expect(ips.map((x) => x.ip).sort()).toEqual(['127.0.0.1']);
    await db.dataSource.query(`DELETE FROM login_throttle`);
    expect((await login('ccmanager', 'demo-password', { 'x-forwarded-for': '198.18.0.201' })).status).toBe(200);
    const [logged] = await db.dataSource.query(`SELECT payload FROM event_log WHERE type = 'auth.logged_in' AND payload->>'username' = 'ccmanager' ORDER BY seq DESC LIMIT 1`);
    expect(logged.payload.ip).toBe('127.0.0.1');
  });

  it('a login username whose 128-character cut would split a surrogate pair is a 401, not a 500', async () => {
    const r = await login(`a${'😀'.repeat(100)}`, 'wrong-password-y');
    expect(r.status).toBe(401);
    const [row] = await db.dataSource.query(`SELECT username FROM login_throttle WHERE username LIKE 'a%' AND ip = '127.0.0.1'`);
    expect(Array.from(row.username as string)).toHaveLength(101);
    await db.dataSource.query(`DELETE FROM login_throttle`);
  });

  it('a pair that stops failing for a whole window is written to the audit log as one summary', async () => {
    await db.dataSource.query(`DELETE FROM login_throttle`);
    for (const u of ['ghost1', 'ghost2']) expect((await login(u, 'wrong-password-z')).status).toBe(401);
    const events = new EventStore(db.dataSource, createProjectorRegistry());
    expect(await summarizeClosedWindows(events, new Date(Date.now() + 16 * 60_000))).toBe(2);
    const [e] = await db.dataSource.query(`SELECT payload FROM event_log WHERE type = 'auth.login_failures_summarized' AND payload->>'closedBy' = 'window_closed'`);
    expect(e.payload.entries.map((x: { username: string; failures: number }) => [x.username, x.failures]).sort()).toEqual([['ghost1', 1], ['ghost2', 1]]);
    expect(await db.dataSource.query(`SELECT 1 FROM login_throttle`)).toEqual([]);
  });

  it('INF-7: a password is at least 12 characters, not the username or containing it, not a common one (API)', async () => {
    const hr = await loginAs(api.baseUrl, 'hr');
    const create = (username: string, password: string) => call(api.baseUrl, hr, 'POST', '/api/users', { username, displayName: username, roles: ['employee'], password });
    for (const [username, password] of [
      ['policy1', 'short-pw'],
      ['policy2', 'policy2'.padEnd(14, 'x')],
      ['policy3', 'my-policy3-password'],
      ['policy4', 'qwerty123456'],
      ['policy5', 'QWERTY123456'],
    ]) {
      const r = await create(username, password);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await create('policy6', 'correct horse battery')).status).toBe(201);
    const user = (await call(api.baseUrl, hr, 'GET', '/api/users?pageSize=200')).body.items.find((u: { username: string }) => u.username === 'policy6');
    expect((await call(api.baseUrl, hr, 'PATCH', `/api/users/${user.id}`, { password: '123qweasdzxc' })).status).toBe(400);
  });

  it('INF-10: a password set by someone else works once: until the owner sets their own, only their profile and the password form answer', async () => {
    const hr = await loginAs(api.baseUrl, 'hr');
    const created = await call(api.baseUrl, hr, 'POST', '/api/users', { username: 'onetime1', displayName: 'One Time', roles: ['employee'], password: 'chosen-by-hr-2026' });
    expect(created.status).toBe(201);
    const s = (await login('onetime1', 'chosen-by-hr-2026')).body;
    expect(s.user.mustSetPassword).toBe(true);
    expect((await me(s.accessToken)).status).toBe(200);
    for (const [method, path] of [['GET', '/api/tasks'], ['POST', '/api/access-requests'], ['GET', '/api/notifications']]) {
      const r = await call(api.baseUrl, s.accessToken, method, path, method === 'POST' ? { kind: 'usb_media', justification: 'copy the reports', durationMinutes: 60 } : undefined);
      expect(r.status).toBe(403);
      expect(r.body.message).toMatch(/set your own password/);
      expect(r.body.details).toEqual({ reason: 'password_change_required' });
    }
    const pw = (body: unknown, token = s.accessToken) => call(api.baseUrl, token, 'POST', '/api/auth/password', body);
    expect((await pw({ currentPassword: 'not-the-password', newPassword: 'my-own-secret-2026' })).status).toBe(400);
    expect((await pw({ currentPassword: 'chosen-by-hr-2026', newPassword: 'password1234' })).status).toBe(400);
    const set = await pw({ currentPassword: 'chosen-by-hr-2026', newPassword: 'my-own-secret-2026' });
    expect(set.status).toBe(200);
    expect(set.body.user.mustSetPassword).toBe(false);
    expect((await me(s.accessToken)).status).toBe(401); // the session with the one-time password ended
    expect((await call(api.baseUrl, set.body.accessToken, 'GET', '/api/tasks')).status).toBe(200);
    expect((await login('onetime1', 'chosen-by-hr-2026')).status).toBe(401);
    const [e] = await db.dataSource.query(`SELECT payload, actor FROM event_log WHERE type = 'user.password_set' AND subject = $1 ORDER BY seq DESC LIMIT 1`, [`user:${s.user.id}`]);
    expect(e).toEqual({ payload: { userId: s.user.id, oneTime: false }, actor: s.user.id });

    // A reset by HR (once approved) makes it one-time again.
    await resetBy('hr', s.user.id, 'hr-reset-again-2026');
    const again = (await login('onetime1', 'hr-reset-again-2026')).body;
    expect(again.user.mustSetPassword).toBe(true);
    expect((await call(api.baseUrl, again.accessToken, 'GET', '/api/tasks')).status).toBe(403);
  });
});
