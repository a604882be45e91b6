import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from './migrations/index.js';

export interface DbSettings {
  url: string;
  poolSize?: number;
  applicationName?: string;
  /** Hot reads as named statements, prepared once per connection (libs/db/sql.ts hotQuery). */
  namedStatements?: boolean;
}

export function dataSourceOptions(s: DbSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: s.url,
    migrations,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logging: ['error'],
    // namedStatements is read back by hotQuery (the pool ignores it).
    extra: { max: s.poolSize ?? 10, application_name: s.applicationName ?? 'custodian', connectionTimeoutMillis: 5000, namedStatements: s.namedStatements ?? false },
  };
}

export function createDataSource(s: DbSettings): DataSource {
  return new DataSource(dataSourceOptions(s));
}

/** Runs pending migrations, holding an advisory lock so several replicas starting at once do not race. */
export async function migrate(ds: DataSource, log: (m: string) => void = () => {}): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(724301)');
    const done = await ds.runMigrations({ transaction: 'each' });
    for (const m of done) log(`[db] migrated ${m.name}`);
    return done.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock(724301)').catch(() => undefined);
    await runner.release();
  }
}

/** The readiness probe's round trip (GET /health/ready): any answer means PostgreSQL takes queries. */
export async function pingDatabase(db: DataSource): Promise<void> {
  await db.query('SELECT 1');
}
