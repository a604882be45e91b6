import { call } from './support/api.js';
import { startProcessStack, until, type ProcessStack } from './support/process-stack.js';

/** INF-9 four eyes: a request nobody approves expires at its deadline and changes nothing. */
let s: ProcessStack;
beforeAll(async () => {
  s = await startProcessStack({ apiEnv: { TASK_DUE: '1s', ACCOUNT_CHANGE_DEADLINE: '3s' } });
});
afterAll(async () => s?.close());

it('INF-9 four eyes: an account change nobody approves expires at its deadline; no account, no role, no password, no stored secret', async () => {
  const hr = await s.as('hr');
  const [{ id: agent2 }] = await s.db.dataSource.query(`SELECT id FROM users WHERE username = 'agent2'`);
  const created = await hr('POST', '/api/users', { username: 'never-it', displayName: 'Never', roles: ['it'], password: 'a-long-password-4' });
  const granted = await hr('PATCH', `/api/users/${agent2}`, { roles: ['employee', 'security'], password: 'a-long-password-5' });
  expect([created.status, granted.status]).toEqual([202, 202]);
  for (const r of [created, granted])
    await until(async () => ((await hr('GET', `/api/account-changes/${r.body.id}`)).body.status === 'expired' ? true : null), `${r.body.id} expired`);
  expect(await s.db.dataSource.query(`SELECT 1 FROM users WHERE username = 'never-it'`)).toEqual([]);
  expect((await hr('GET', `/api/users/${agent2}`)).body.roles).toEqual(['employee']);
  expect((await call(s.api.baseUrl, null, 'POST', '/api/auth/login', { username: 'agent2', password: 'a-long-password-5' })).status).toBe(401);
  expect((await call(s.api.baseUrl, null, 'POST', '/api/auth/login', { username: 'agent2', password: 'demo-password' })).status).toBe(200);
  expect(await s.db.dataSource.query(`SELECT 1 FROM account_change_secrets`)).toEqual([]);
  const tasks: { status: string }[] = await s.db.dataSource.query(`SELECT status FROM tasks WHERE process = 'account_change'`);
  expect(tasks.map((t) => t.status)).toEqual(['expired', 'expired']);
});
