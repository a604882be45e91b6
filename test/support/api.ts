import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../apps/api/src/app.js';
import { loadConfig } from '../../libs/config/config.js';
import { need, TEST_ENV } from './env.js';

export interface TestApi {
  app: INestApplication;
  baseUrl: string;
  close: () => Promise<void>;
}

/** The master key the test API wraps visitors' keys with (32 bytes in base64; tests only). */
export const TEST_VISITOR_KEY = Buffer.alloc(32, 7).toString('base64');

/** The real HTTP app on an ephemeral port, against the given database and the dev server. */
export async function startTestApi(databaseUrl: string, overrides: Record<string, string> = {}): Promise<TestApi> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: need(TEST_ENV.temporalAddress),
    TEMPORAL_PAYLOAD_KEYS: need(TEST_ENV.payloadKeys),
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    // Tests share one Temporal server: only the duty tests create the duties' schedules.
    DUTY_SCHEDULES: 'off',
    VISITOR_PURGE_SCHEDULE: 'off',
    // The visitors' master key (a test value, never a real one): wraps each visit's own key.
    VISITOR_KEY: TEST_VISITOR_KEY,
    ...overrides,
  });
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const addr = app.getHttpServer().address();
  return { app, baseUrl: `http://127.0.0.1:${addr.port}`, close: () => app.close() };
}

/** The password a test person chooses for themselves after signing in with a one-time one (INF-10). */
export const ownPassword = (oneTimePassword: string) => `${oneTimePassword}-own`;

/**
 * Logs in over HTTP and returns the access token (demo accounts share the password `demo-password`). A
 * person whose password was set by someone else (INF-10: a new hire, a reset) first sets their own,
 * `ownPassword(password)`, as the web app makes them; the token returned is that new session's.
 */
export async function loginAs(baseUrl: string, username: string, password = 'demo-password'): Promise<string> {
  const r = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (r.status !== 200) throw new Error(`login as ${username} failed: ${r.status} ${await r.text()}`);
  const body = (await r.json()) as { accessToken: string; user: { mustSetPassword: boolean } };
  if (!body.user.mustSetPassword) return body.accessToken;
  const set = await call(baseUrl, body.accessToken, 'POST', '/api/auth/password', { currentPassword: password, newPassword: ownPassword(password) });
  if (set.status !== 200) throw new Error(`${username} could not set their own password: ${set.status} ${JSON.stringify(set.body)}`);
  return set.body.accessToken;
}

/** A JSON request with a Bearer token; returns status and parsed body. */
export async function call(baseUrl: string, token: string | null, method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...extraHeaders };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {}
  return { status: r.status, body: parsed, headers: r.headers };
}
