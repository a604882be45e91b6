import { JwtService } from '@nestjs/jwt';
import { DEFAULT_THROTTLE } from '../libs/auth/login.js';
import { supervise } from '../libs/runtime/supervisor.js';
import { startTestApi, call, loginAs, type TestApi } from './support/api.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { freePort, need, TEST_ENV } from './support/env.js';

const SECRET = 'test-secret-test-secret-test-secret-0123456789';

describe('authentication over real HTTP', () => {
  let db: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    db = await createTestDatabase();
    // The test stands in for the gateway at 127.0.0.1 (TRUST_PROXY), so X-Forwarded-For sets the client
    // address; a back-off of 10 minutes keeps a blocked pair blocked for the rest of the test.
    api = await startTestApi(db.url, { SEED_DEMO: '1', TRUST_PROXY: '127.0.0.1', LOGIN_THROTTLE_BACKOFF_BASE: '10m' });
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  /** A login attempt from a given client address (this API trusts X-Forwarded-For from 127.0.0.1). */
  const attempt = (username: string, password: string, ip: string, base = api.baseUrl) =>
    fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify({ username, password }) });

  it('login gives a short-lived access token and a refresh token; GET /api/me describes the person', async () => {
    const r = await call(api.baseUrl, null, 'POST', '/api/auth/login', { username: 'Agent1', password: 'demo-password' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ tokenType: 'Bearer', user: { username: 'agent1', roles: ['employee'], locale: 'zh-CN' } });
    const claims = await new JwtService({ secret: SECRET }).verifyAsync(r.body.accessToken);
    expect(claims.exp - claims.iat).toBe(15 * 60); // ACCESS_TOKEN_TTL default
    expect(Date.parse(r.body.refreshTokenExpiresAt) - Date.now()).toBeGreaterThan(11 * 3600_000);

    const me = await call(api.baseUrl, r.body.accessToken, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      username: 'agent1',
      roles: ['employee'],
      department: { code: 'outbound-1', nameZh: '外呼一部' },
      employee: { status: 'active' },
      agentId: { code: 'A1001', kind: 'standard', state: 'assigned' },
      privilegedAgentId: null,
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
    });
    const patched = await call(api.baseUrl, r.body.accessToken, 'PATCH', '/api/me', { locale: 'en' });
    expect(patched.body.locale).toBe('en');
    const [{ lastLogin }] = await db.dataSource.query(`SELECT last_login_at AS "lastLogin" FROM users WHERE username = 'agent1'`);
    expect(lastLogin).toBeInstanceOf(Date);
  });

  it('a refresh token is rotated on use; replaying a spent one ends the whole session', async () => {
    const login = await call(api.baseUrl, null, 'POST', '/api/auth/login', { username: 'leader', password: 'demo-password' });
    const first = login.body.refreshToken;
    const r1 = await call(api.baseUrl, null, 'POST', '/api/auth/refresh', { refreshToken: first });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(first);
    expect((await call(api.baseUrl, r1.body.accessToken, 'GET', '/api/me')).status).toBe(200);

    const replay = await call(api.baseUrl, null, 'POST', '/api/auth/refresh', { refreshToken: first });
    expect(replay.status).toBe(401);
    // The replay revoked the family: the legitimate successor no longer works either.
    expect((await call(api.baseUrl, null, 'POST', '/api/auth/refresh', { refreshToken: r1.body.refreshToken })).status).toBe(401);
    // Only digests are stored.
    const rows: { token_hash: string }[] = await db.dataSource.query(`SELECT token_hash FROM refresh_tokens`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((x) => x.token_hash)).not.toContain(first);
  });

  it('logout ends the session: its refresh token stops working', async () => {
    const login = await call(api.baseUrl, null, 'POST', '/api/auth/login', { username: 'site', password: 'demo-password' });
    expect((await call(api.baseUrl, null, 'POST', '/api/auth/logout', { refreshToken: login.body.refreshToken })).status).toBe(204);
    expect((await call(api.baseUrl, null, 'POST', '/api/auth/refresh', { refreshToken: login.body.refreshToken })).status).toBe(401);
  });

  it('failed logins are counted, not chained one event each; the next sign-in from that address writes one summary naming username, count and address, never the password', async () => {
    const before = Number((await db.dataSource.query(`SELECT count(*) AS n FROM event_log`))[0].n);
    expect((await attempt('security', 'guess-Secret-42', '198.51.100.1')).status).toBe(401);
    expect((await attempt('security', 'guess-Secret-43', '198.51.100.1')).status).toBe(401);
    expect((await attempt('nobody-here', 'guess-Secret-44', '198.51.100.1')).status).toBe(401); // same answer for an unknown user
    expect(Number((await db.dataSource.query(`SELECT count(*) AS n FROM event_log`))[0].n)).toBe(before);
    expect((await attempt('security', 'demo-password', '198.51.100.1')).status).toBe(200);
    const rows: { payload: any; subject: string }[] = await db.dataSource.query(
      `SELECT payload, subject FROM event_log WHERE type = 'auth.login_failures_summarized' AND subject = 'login:security' ORDER BY seq`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].payload).toMatchObject({ closedBy: 'signed_in', entries: [{ username: 'security', ip: '198.51.100.1', failures: 2 }] });
    expect(JSON.stringify(rows)).not.toMatch(/guess-Secret/);
    expect(await db.dataSource.query(`SELECT 1 FROM event_log WHERE type = 'auth.login_failed'`)).toEqual([]);
  });

  it(`a username guessed from one address backs off that address only (429 + Retry-After, on every replica); the owner signs in from elsewhere`, async () => {
    const guesser = '192.0.2.1';
    for (let i = 0; i <= DEFAULT_THROTTLE.freeFailures; i++) expect((await attempt('it', `wrong-password-${i}`, guesser)).status).toBe(401);
    const blocked = await attempt('it', 'demo-password', guesser); // even the right password, from the guessing address
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(10 * 60);
    expect((await blocked.json()).code).toBe('RATE_LIMITED');

    // The count lives in PostgreSQL, so a second API process sharing the database refuses too.
    const replica = await startTestApi(db.url, { TRUST_PROXY: '127.0.0.1' });
    try {
      expect((await attempt('it', 'demo-password', guesser, replica.baseUrl)).status).toBe(429);
    } finally {
      await replica.close();
    }
    // The owner, from their own address, is not locked out by the stranger.
    expect((await attempt('it', 'demo-password', '192.0.2.99')).status).toBe(200);
  });

  it(`after ${DEFAULT_THROTTLE.maxFailuresPerIp} failures from one address, every login from it answers 429`, async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < DEFAULT_THROTTLE.maxFailuresPerIp; i++) expect((await attempt(`someone${i}`, 'wrong-password', ip)).status).toBe(401);
    const r = await attempt('hr', 'demo-password', ip);
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await attempt('hr', 'demo-password', '203.0.113.8')).status).toBe(200);
  });

  it('refuses missing, forged, expired and non-Bearer tokens with 401', async () => {
    const userId = (await db.dataSource.query(`SELECT id FROM users WHERE username = 'auditor'`))[0].id;
    const good = new JwtService({ secret: SECRET });
    const forged = await new JwtService({ secret: 'another-secret-another-secret-another' }).signAsync({ sub: userId, typ: 'access', sv: 0 });
    const expired = await good.signAsync({ sub: userId, typ: 'access', sv: 0, exp: Math.floor(Date.now() / 1000) - 60 });
    const wrongType = await good.signAsync({ sub: userId, typ: 'refresh', sv: 0 });
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: userId, typ: 'access' })).toString('base64url')}.`;
    for (const token of [null, forged, expired, wrongType, unsigned]) {
      const r = await call(api.baseUrl, token, 'GET', '/api/me');
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('UNAUTHENTICATED');
    }
    const basic = await fetch(`${api.baseUrl}/api/me`, { headers: { authorization: `Basic ${Buffer.from('auditor:demo-password').toString('base64')}` } });
    expect(basic.status).toBe(401);
    expect((await call(api.baseUrl, await good.signAsync({ sub: userId, typ: 'access' }), 'GET', '/api/me')).status).toBe(401); // no session version
    expect((await call(api.baseUrl, await good.signAsync({ sub: userId, typ: 'access', sv: 0 }), 'GET', '/api/me')).status).toBe(200);
  });

  it('a deactivated user is refused at once: their access token, their refresh token and a new login', async () => {
    const hr = await loginAs(api.baseUrl, 'hr');
    const login = await call(api.baseUrl, null, 'POST', '/api/auth/login', { username: 'agent2', password: 'demo-password' });
    const agent2 = (await call(api.baseUrl, login.body.accessToken, 'GET', '/api/me')).body;
    expect((await call(api.baseUrl, hr, 'PATCH', `/api/users/${agent2.id}`, { active: false })).body.active).toBe(false);
    expect((await call(api.baseUrl, login.body.accessToken, 'GET', '/api/me')).status).toBe(401);
    expect((await call(api.baseUrl, null, 'POST', '/api/auth/refresh', { refreshToken: login.body.refreshToken })).status).toBe(401);
    expect((await attempt('agent2', 'demo-password', '198.51.100.20')).status).toBe(401);
    expect((await call(api.baseUrl, hr, 'PATCH', `/api/users/${agent2.id}`, { active: true })).body.active).toBe(true);
    expect((await attempt('agent2', 'demo-password', '198.51.100.20')).status).toBe(200);
  });

  it('login validates its body and names each bad field', async () => {
    const r = await call(api.baseUrl, null, 'POST', '/api/auth/login', { username: 7, extra: true });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/username/);
    expect(r.body.message).toMatch(/password/);
    expect(r.body.message).toMatch(/extra/);
  });

  it('the API refuses to start without JWT_SECRET', async () => {
    const { JWT_SECRET: _drop, ...env } = process.env;
    const refused = supervise({
      name: 'the API without JWT_SECRET',
      command: process.execPath,
      args: ['--import', '@swc-node/register/esm-register', 'apps/api/src/main.ts'],
      env: { ...env, DATABASE_URL: db.url, TEMPORAL_ADDRESS: need(TEST_ENV.temporalAddress), API_PORT: String(await freePort()), LOG_LEVEL: 'error', NODE_ENV: 'test' },
    });
    const { code } = await refused.exited;
    expect(code).not.toBe(0);
    expect(refused.tail()).toMatch(/JWT_SECRET/);
  });
});
