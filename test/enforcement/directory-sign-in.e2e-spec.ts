import { setUserActive, setUserPassword } from '../../libs/domain/directory/users.js';
import { loadSignInDirectory } from '../../libs/enforcement/directory-config.js';
import { call, startTestApi, type TestApi } from '../support/api.js';
import { admin, userWith } from '../support/directory.js';
import { startProcessStack, type ProcessStack } from '../support/process-stack.js';
import { startEnforcementStack, type EnforcementStack } from '../support/enforcement.js';

/**
 * Signing in with the directory password (AUTH_MODE=ldap, and both): the real API against a real
 * OpenLDAP. Who may sign in, their roles and departments are still Custodian's; the directory only says
 * whether the password is right.
 */
let e: EnforcementStack;
let s: ProcessStack;
let both: TestApi;
const DEMO = 'demo-password';

const signIn = (api: { baseUrl: string }, username: string, password: string) => call(api.baseUrl, null, 'POST', '/api/auth/login', { username, password });

beforeAll(async () => {
  e = await startEnforcementStack({ ttlSeconds: 2 });
  s = await startProcessStack({ inProcessWorker: false, apiEnv: { ...e.apiEnv, AUTH_MODE: 'ldap' } });
  both = await startTestApi(s.db.url, { ...e.apiEnv, AUTH_MODE: 'both', LOG_LEVEL: 'error' });
  for (const u of ['agent1', 'agent2', 'leader', 'hr', 'it']) await e.addPerson(u, `${u}-directory-pw`);
  await e.addPerson('outsider', 'outsider-directory-pw'); // in the directory, unknown to Custodian
}, 120_000);
afterAll(async () => {
  await both?.close();
  await s?.close();
  await e?.stop();
});

describe('AUTH_MODE=ldap', () => {
  it('the directory password signs in, with the roles Custodian gives; the local password and a wrong one are 401', async () => {
    const ok = await signIn(s.api, 'agent1', 'agent1-directory-pw');
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ username: 'agent1', roles: ['employee'] });
    expect((await call(s.api.baseUrl, ok.body.accessToken, 'GET', '/api/me')).status).toBe(200);
    expect((await signIn(s.api, 'agent1', DEMO)).status).toBe(401); // only the directory counts in ldap mode
    expect((await signIn(s.api, 'agent2', 'not-the-password')).status).toBe(401);
  });

  it('LDAP-injection usernames are refused and match nobody in the directory', async () => {
    for (const name of ['*)(uid=*', '*', 'admin)(|(uid=*']) {
      const r = await signIn(s.api, name, 'agent1-directory-pw');
      expect(r.status).toBe(401);
      expect(await e.directory.findUserDn(name)).toBeNull();
    }
  });

  it('a directory account unknown to Custodian gets the same 401 as a wrong password (usernames are not revealed)', async () => {
    const unknown = await signIn(s.api, 'outsider', 'outsider-directory-pw');
    const wrong = await signIn(s.api, 'leader', 'not-the-password');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual({ ...wrong.body, requestId: unknown.body.requestId });
  });

  it('a deactivated Custodian account is refused although the directory accepts the password', async () => {
    await e.addPerson('former', 'former-directory-pw');
    const id = await userWith(s.events, 'former', ['employee']);
    expect((await signIn(s.api, 'former', 'former-directory-pw')).status).toBe(200);
    await setUserActive(s.events, admin, { userId: id, active: false });
    expect(await e.directory.verifyPassword('former', 'former-directory-pw')).toBe(true);
    expect((await signIn(s.api, 'former', 'former-directory-pw')).status).toBe(401);
  });

  it('a one-time local password set by someone else does not hold up a directory sign-in (no local password is accepted in ldap mode)', async () => {
    await e.addPerson('newjoiner', 'newjoiner-directory-pw');
    const id = await userWith(s.events, 'newjoiner', ['hr']);
    await setUserPassword(s.events, admin, { userId: id, password: 'reset-by-admin-7731' });
    expect((await signIn(s.api, 'newjoiner', 'reset-by-admin-7731')).status).toBe(401);
    const ok = await signIn(s.api, 'newjoiner', 'newjoiner-directory-pw');
    expect(ok.status).toBe(200);
    expect(ok.body.user.mustSetPassword).toBe(false);
    expect((await call(s.api.baseUrl, ok.body.accessToken, 'GET', '/api/tasks')).status).toBe(200);
  });

  it('the login throttle applies unchanged: after the free failures the pair waits (429), even with the right directory password', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn(s.api, 'hr', 'wrong-guess')).status).toBe(401);
    expect((await signIn(s.api, 'hr', 'wrong-guess')).status).toBe(401); // the 4th failure starts the back-off
    const blocked = await signIn(s.api, 'hr', 'hr-directory-pw');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('a directory that is down answers 503 with Retry-After (not 500, not 401), and counts no failure', async () => {
    await e.stopDirectory();
    try {
      const down = await signIn(s.api, 'it', 'it-directory-pw');
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBeTruthy();
      expect((await signIn(s.api, 'nobody-at-all', 'whatever')).status).toBe(503); // unknown names too: nothing revealed
    } finally {
      await e.restartDirectory();
    }
    expect((await s.db.dataSource.query(`SELECT 1 FROM login_throttle WHERE username = 'it'`)).length).toBe(0);
    expect((await signIn(s.api, 'it', 'it-directory-pw')).status).toBe(200);
  }, 60_000);
});

describe('AUTH_MODE without a directory', () => {
  it('AUTH_MODE=ldap or both with no LDAP_URL is a configuration error that says what is missing (the API does not start)', () => {
    for (const mode of ['ldap', 'both']) expect(() => loadSignInDirectory({ AUTH_MODE: mode })).toThrow(/needs the directory settings \(LDAP_URL/);
    expect(loadSignInDirectory({ AUTH_MODE: 'local', ...e.apiEnv })).toBeNull();
    expect(loadSignInDirectory({ AUTH_MODE: 'ldap', ...e.apiEnv })).toMatchObject({ url: e.slapd.url, userFilter: '(uid={username})' });
  });
});

describe('AUTH_MODE=both', () => {
  it('the directory password or the local one; while the directory is down the local one still works and anything else is 503', async () => {
    expect((await signIn(both, 'agent2', 'agent2-directory-pw')).status).toBe(200);
    expect((await signIn(both, 'agent2', DEMO)).status).toBe(200);
    expect((await signIn(both, 'agent2', 'neither-password')).status).toBe(401);
    await e.stopDirectory();
    try {
      expect((await signIn(both, 'agent2', DEMO)).status).toBe(200);
      expect((await signIn(both, 'agent2', 'agent2-directory-pw')).status).toBe(503);
    } finally {
      await e.restartDirectory();
    }
  }, 60_000);
});
