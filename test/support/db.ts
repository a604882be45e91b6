import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../libs/db/data-source.js';
import { need, TEST_ENV } from './env.js';

export interface TestDatabase {
  url: string;
  name: string;
  dataSource: DataSource;
  drop: () => Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: need(TEST_ENV.pgAdminUrl) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * A database of its own for one test file: a clone of the migrated template (fast), or empty for the
 * migration tests. No test depends on another's data.
 */
export async function createTestDatabase(opts: { empty?: boolean; poolSize?: number; namedStatements?: boolean } = {}): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const template = opts.empty ? 'template0' : need(TEST_ENV.templateDb);
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
      break;
    } catch (e) {
      // Two files cloning the template at the same instant: PostgreSQL refuses the second; try again.
      if (attempt > 20 || !/being accessed by other users/.test((e as Error).message)) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = new URL(need(TEST_ENV.pgAdminUrl));
  url.pathname = `/${name}`;
  const dataSource = createDataSource({ url: url.toString(), poolSize: opts.poolSize ?? 10, applicationName: 'custodian-test', namedStatements: opts.namedStatements ?? false });
  await dataSource.initialize();
  return {
    url: url.toString(),
    name,
    dataSource,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
