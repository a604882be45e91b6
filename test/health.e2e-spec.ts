import { createTestDatabase, type TestDatabase } from './support/db.js';
import { startTestApi, type TestApi } from './support/api.js';
import { freePort } from './support/env.js';

describe('health over real HTTP', () => {
  let db: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApi(db.url);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('GET /health answers alive, with a request id', async () => {
    const r = await fetch(`${api.baseUrl}/health`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ok' });
    expect(r.headers.get('x-request-id')).toMatch(/.{8,}/);
  });

  it('GET /health/ready is 200 when PostgreSQL and Temporal answer', async () => {
    const r = await fetch(`${api.baseUrl}/health/ready`);
    const body = await r.json();
    expect(r.status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', failing: [], checks: { postgres: { status: 'up' }, temporal: { status: 'up' } } });
  });

  it('GET /health/ready is 503 naming temporal when Temporal is unreachable', async () => {
    const broken = await startTestApi(db.url, { TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
    try {
      const r = await fetch(`${broken.baseUrl}/health/ready`);
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('5');
      const body = await r.json();
      expect(body.failing).toEqual(['temporal']);
      expect(body.checks.postgres.status).toBe('up');
    } finally {
      await broken.close();
    }
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const doc = await fetch(`${api.baseUrl}/api/docs-json`);
    expect(doc.status).toBe(200);
    expect((await doc.json()).paths['/health/ready']).toBeDefined();
    const ui = await fetch(`${api.baseUrl}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });
});
