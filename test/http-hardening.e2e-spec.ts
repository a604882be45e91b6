import { startTestApi, type TestApi } from './support/api.js';
import { buildWebApp } from './browser/support.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';

/** `{"a":{"a":…}}` (or `[[…]]`) `depth` levels deep, built as text: no recursion on the sending side either. */
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const nestedArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const post = (api: TestApi, path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${api.baseUrl}${path}`, { method: 'POST', headers, body });

/** Every malformed body is the caller's fault: a 4xx in the API's JSON error shape with a message that says what is wrong. */
async function expectClientError(r: Response, status: number, message: RegExp): Promise<void> {
  const body = (await r.json()) as { statusCode: number; message: string };
  expect({ status: r.status, statusCode: body.statusCode, message: body.message }).toEqual({ status, statusCode: status, message: expect.stringMatching(message) });
}

describe('the HTTP layer under hostile input', () => {
  let db: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    await buildWebApp();
    db = await createTestDatabase();
    api = await startTestApi(db.url, { SEED_DEMO: '1' });
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  describe('security headers', () => {
    it('the web page carries a CSP without inline script that no other site may frame, nosniff and no referrer', async () => {
      const r = await fetch(`${api.baseUrl}/inbox`);
      expect(r.status).toBe(200);
      const csp = r.headers.get('content-security-policy') ?? '';
      const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
      expect(directives).toMatchObject({ 'default-src': "'self'", 'script-src': "'self'", 'frame-ancestors': "'none'", 'object-src': "'none'", 'base-uri': "'self'", 'form-action': "'self'" });
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      // The page is kept as it was (revalidated every time), not overridden by the API's no-store.
      expect(r.headers.get('cache-control')).toBe('no-cache');
    });

    it('the built index.html has no inline script, so the CSP needs no unsafe-inline', async () => {
      const html = await (await fetch(`${api.baseUrl}/`)).text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attrs, inline] of scripts) {
        expect(attrs).toMatch(/\bsrc="\/assets\//);
        expect(inline.trim()).toBe('');
      }
    });

    it('HSTS only over https: not on plain http, yes when a trusted proxy says https (X-Forwarded-Proto)', async () => {
      expect((await fetch(`${api.baseUrl}/health`)).headers.get('strict-transport-security')).toBeNull();
      const behindGateway = await startTestApi(db.url, { TRUST_PROXY: '127.0.0.1' }); // the gateway's address
      try {
        const viaProxy = await fetch(`${behindGateway.baseUrl}/health`, { headers: { 'x-forwarded-proto': 'https' } });
        expect(viaProxy.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      } finally {
        await behindGateway.close();
      }
    });

    it('X-Forwarded-Proto from a proxy that TRUST_PROXY does not name is ignored: no HSTS', async () => {
      const other = await startTestApi(db.url, { TRUST_PROXY: '10.9.8.7' });
      try {
        const r = await fetch(`${other.baseUrl}/health`, { headers: { 'x-forwarded-proto': 'https' } });
        expect(r.status).toBe(200);
        expect(r.headers.get('strict-transport-security')).toBeNull();
      } finally {
        await other.close();
      }
    });

    it('every /api answer is no-store: the tokens of a login and a refresh, a read, and an error', async () => {
      const login = await post(api, '/api/auth/login', JSON.stringify({ username: 'agent1', password: 'demo-password' }));
      expect(login.status).toBe(200);
      expect(login.headers.get('cache-control')).toBe('no-store');
      const { accessToken, refreshToken } = (await login.json()) as { accessToken: string; refreshToken: string };
      const refresh = await post(api, '/api/auth/refresh', JSON.stringify({ refreshToken }));
      expect(refresh.status).toBe(200);
      expect(refresh.headers.get('cache-control')).toBe('no-store');
      const me = await fetch(`${api.baseUrl}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(me.status).toBe(200);
      expect(me.headers.get('cache-control')).toBe('no-store');
      expect((await fetch(`${api.baseUrl}/api/me`)).headers.get('cache-control')).toBe('no-store');
    });

    it('the API docs (Swagger UI) get a CSP of their own that its bundled styles and images load under, still not framable', async () => {
      const page = await fetch(`${api.baseUrl}/api/docs`);
      expect(page.status).toBe(200);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      // Swagger UI sets styles from script and draws its icons from data: URLs.
      expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
      expect(csp).toMatch(/img-src 'self' data:/);
    });
  });

  describe('malformed bodies are 4xx with a message, never a 500', () => {
    it('a body nested 2,000 levels deep is 400 before validation (it was a 500 from class-transformer), anonymously and signed in, arrays and objects', async () => {
      for (const body of [nestedArray(2000), nestedObject(2000), `{"username":"agent1","password":${nestedArray(40)}}`]) {
        await expectClientError(await post(api, '/api/auth/login', body), 400, /nested too deeply \(at most 32 levels\)/);
      }
      const token = ((await (await post(api, '/api/auth/login', JSON.stringify({ username: 'agent1', password: 'demo-password' }))).json()) as { accessToken: string }).accessToken;
      const signedIn = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      await expectClientError(await post(api, '/api/access-requests', `{"kind":"usb_media","justification":${nestedObject(2000)},"durationMinutes":60}`, signedIn), 400, /nested too deeply/);
    });

    it('nesting up to the limit is parsed and validated as usual (brackets inside strings do not count)', async () => {
      await expectClientError(await post(api, '/api/auth/login', `{"username":"agent1","password":"${'[{'.repeat(100)}","x":${nestedArray(30)}}`), 400, /property x should not exist/);
    });

    it('invalid JSON is 400 saying the body is not valid JSON', async () => {
      for (const body of ['{"username":', '{"a":1}}', '\u0000', '{"a":"\\ud800"']) {
        await expectClientError(await post(api, '/api/auth/login', body), 400, /not valid JSON/);
      }
    });

    it('a body over the size limit is 413 naming the limit', async () => {
      const huge = JSON.stringify({ username: 'agent1', password: 'x'.repeat(200 * 1024) });
      await expectClientError(await post(api, '/api/auth/login', huge), 413, /larger than 100 KB/);
    });

    it('a JSON body sent as another content type is not read: the fields are missing (400), not a 500', async () => {
      const body = JSON.stringify({ username: 'agent1', password: 'demo-password' });
      for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x']) {
        await expectClientError(await post(api, '/api/auth/login', body, { 'content-type': type }), 400, /username is required/);
      }
      await expectClientError(await post(api, '/api/auth/login', body, { 'content-type': 'application/json; charset=latin-7' }), 415, /charset/i);
      await expectClientError(await post(api, '/api/auth/login', 'a', { 'content-type': 'application/json', 'content-encoding': 'br2' }), 415, /encoding/i);
    });
  });
});
