import { API_ERROR_CODES } from '../libs/policy/errors.js';
import { buildApiDocument } from '../scripts/api-types.js';
import { startTestApi, type TestApi } from './support/api.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';

describe('the generated web types describe the served API', () => {
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

  it('npm run api:types builds, without PostgreSQL or Temporal, the very document GET /api/docs-json serves', async () => {
    const served = await (await fetch(`${api.baseUrl}/api/docs-json`)).json();
    const built = JSON.parse(JSON.stringify(await buildApiDocument()));
    expect(Object.keys(built.paths).length).toBeGreaterThan(50);
    expect(built).toEqual(served);
  });

  it('the error body names every code the API answers with, from the one list the server uses', async () => {
    const served = await (await fetch(`${api.baseUrl}/api/docs-json`)).json();
    expect(served.components.schemas.ErrorCode.enum).toEqual([...API_ERROR_CODES]);
    const refused = await fetch(`${api.baseUrl}/api/tasks`);
    const body = await refused.json();
    expect([refused.status, API_ERROR_CODES.includes(body.code)]).toEqual([401, true]);
    expect(Object.keys(body).filter((k) => !(k in served.components.schemas.ErrorBodyDto.properties))).toEqual([]);
  });
});
