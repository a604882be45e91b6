import { rmSync } from 'node:fs';
import pg from 'pg';
import { TEST_ENV } from './env.js';

export async function teardownEngines(): Promise<void> {
  const state = (globalThis as any).__custodianTest ?? {};
  await state.temporal?.stop().catch(() => undefined);
  if (state.pg) {
    await state.pg.stop().catch(() => undefined);
  } else if (state.template && process.env[TEST_ENV.pgAdminUrl]) {
    const admin = new pg.Client({ connectionString: process.env[TEST_ENV.pgAdminUrl] });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${state.template}"`).catch(() => undefined);
    await admin.end();
  }
  if (state.work) rmSync(state.work, { recursive: true, force: true });
}
