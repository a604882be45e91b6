import { fileURLToPath } from 'node:url';
import { freePort, waitFor } from '../libs/runtime/ports.js';
import { supervise, type Supervised } from '../libs/runtime/supervisor.js';
import { call, loginAs, TEST_VISITOR_KEY } from './support/api.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { need, TEST_ENV } from './support/env.js';

/*
 * PIPL: the real API process (apps/api/src/main.ts) at its most talkative log level: whatever the desk
 * does, right or wrong, neither the master key nor a visitor's clear document number or name reaches
 * its output (what a log shipper would collect).
 */

const root = fileURLToPath(new URL('..', import.meta.url));
let db: TestDatabase;
let api: Supervised;
let base: string;
const lines: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  api = supervise({
    name: 'api',
    command: process.execPath,
    args: ['--import', '@swc-node/register/esm-register', 'apps/api/src/main.ts'],
    cwd: root,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'trace',
      LOG_FORMAT: 'json',
      API_PORT: String(port),
      DATABASE_URL: db.url,
      TEMPORAL_ADDRESS: need(TEST_ENV.temporalAddress),
      TEMPORAL_PAYLOAD_KEYS: need(TEST_ENV.payloadKeys),
      JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
      SEED_DEMO: '1',
      DUTY_SCHEDULES: 'off',
      VISITOR_PURGE_SCHEDULE: 'off',
      VISITOR_KEY: TEST_VISITOR_KEY,
    },
    onLine: (l) => lines.push(l),
  });
  await waitFor(
    'the API',
    async () => {
      if (!(await fetch(`${base}/health/ready`)).ok) throw new Error('not ready');
    },
    90_000,
    250,
  );
}, 120_000);
afterAll(async () => {
  await api?.stop({ signal: 'SIGTERM', graceMs: 5_000 });
  await db?.drop();
});

describe('visitor secrets and logs', () => {
  it('INF-1 (PIPL): the master key, the clear document number and the clear name never appear in the API process output, on success or refusal', async () => {
    const token = await loginAs(base, 'security');
    const me = await call(base, token, 'GET', '/api/me');
    const hosts = (await call(base, token, 'GET', '/api/visitors/hosts')).body.items as { userId: string; username: string }[];
    const host = hosts.find((h) => h.username === 'agent1')!.userId;
    const form = { name: 'Logless Person 无痕', organisation: 'Acme', purpose: 'review', hostUserId: host, documentType: 'passport', documentNumber: 'E77889900', area: 'general', badge: 'L-1' };
    expect((await call(base, token, 'POST', '/api/visitors', form)).status).toBe(201);
    // Refusals: a bad number (its value is not echoed), a badge inside, a machine room with no escort, a host that does not exist.
    expect((await call(base, token, 'POST', '/api/visitors', { ...form, documentNumber: 'E778<89900>' })).status).toBe(400);
    expect((await call(base, token, 'POST', '/api/visitors', form)).status).toBe(409);
    expect((await call(base, token, 'POST', '/api/visitors', { ...form, badge: 'L-2', area: 'machine_room', escortUserId: me.body.id })).status).toBe(409);
    expect((await call(base, token, 'POST', '/api/visitors', { ...form, badge: 'L-3', hostUserId: '00000000-0000-4000-8000-000000000000' })).status).toBe(400);
    const listed = await call(base, token, 'GET', '/api/visitors/inside');
    expect(listed.body.items[0].name).toBe('Logless Person 无痕');
    // The log lines of those requests are written by now (pino writes each as the response ends).
    await waitFor(
      'the request log',
      async () => {
        if (!lines.some((l) => l.includes('/api/visitors/inside'))) throw new Error('not logged yet');
      },
      10_000,
      100,
    );
    const output = lines.join('\n');
    expect(output).toContain('/api/visitors');
    for (const secret of ['E77889900', 'E778<89900>', '77889900', 'Logless', '无痕', TEST_VISITOR_KEY]) expect(output).not.toContain(secret);
  });
});
