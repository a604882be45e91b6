import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../apps/api/src/app.js';
import { loadConfig } from '../../libs/config/config.js';
import { need, TEST_ENV } from './env.js';

export interface TestApi {
  app: INestApplication;
  baseUrl: string;
  close: () => Promise<void>;
}

/** The real HTTP app on an ephemeral port, against the given database and the dev server. */
export async function startTestApi(databaseUrl: string, overrides: Record<string, string> = {}): Promise<TestApi> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: need(TEST_ENV.temporalAddress),
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    ...overrides,
  });
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const addr = app.getHttpServer().address();
  return { app, baseUrl: `http://127.0.0.1:${addr.port}`, close: () => app.close() };
}
