import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { webDist } from '../libs/runtime/web-build.js';
import { startTestApi, type TestApi } from './support/api.js';
import { buildWebApp } from './browser/support.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';

describe('the API serves the web app on its own origin', () => {
  let db: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    await buildWebApp();
    db = await createTestDatabase();
    api = await startTestApi(db.url);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('answers / and any page path (deep link, reload) with index.html, never cached', async () => {
    for (const path of ['/', '/inbox', '/requests/123', '/hr/offboardings/abc']) {
      const r = await fetch(`${api.baseUrl}${path}`);
      expect({ path, status: r.status }).toEqual({ path, status: 200 });
      expect(r.headers.get('content-type')).toMatch(/text\/html/);
      expect(r.headers.get('cache-control')).toBe('no-cache');
      expect(await r.text()).toContain('<div id="root"></div>');
    }
  });

  it('serves hashed assets with a long immutable cache, and 404 for a missing file', async () => {
    const js = readdirSync(join(webDist, 'assets')).find((f) => f.endsWith('.js'))!;
    const r = await fetch(`${api.baseUrl}/assets/${js}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${api.baseUrl}/assets/nope-123.js`)).status).toBe(404);
  });

  it('leaves /api and /health to the API: JSON, not the page', async () => {
    const unknown = await fetch(`${api.baseUrl}/api/no-such-route`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    const health = await fetch(`${api.baseUrl}/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${api.baseUrl}/api/docs-json`)).headers.get('content-type')).toMatch(/json/);
  });

  it('POST to a page path is not answered with the page', async () => {
    const r = await fetch(`${api.baseUrl}/inbox`, { method: 'POST' });
    expect(r.status).toBe(404);
  });
});
