import { bundleWorkflowCode } from '@temporalio/worker';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { generatePayloadKey } from '../../libs/config/payload-keys.js';
import { createDataSource, migrate } from '../../libs/db/data-source.js';
import { startEmbeddedPostgres } from '../../libs/db/embedded-postgres.js';
import { ensureTemporalBinary } from '../../libs/temporal/binaries.js';
import { startTemporalDevServer } from '../../libs/temporal/dev-server.js';
import { workflowBundleOptions } from '../../libs/temporal/worker.js';
import { freePort, TEST_ENV } from './env.js';

/**
 * Starts the real engines once per test run: PostgreSQL (embedded unless DATABASE_URL is given) with a
 * migrated template database that each test file clones, a Temporal dev server (unless TEMPORAL_ADDRESS
 * is given), and one workflow bundle shared by every test (bundling costs seconds).
 */
export async function setupEngines(): Promise<void> {
  const started = Date.now();
  const log = (m: string) => process.stderr.write(`[test-setup] ${m}\n`);
  const work = mkdtempSync(join(tmpdir(), 'custodian-test-'));
  chmodSync(work, 0o755); // the postgres user that initdb runs as must traverse it
  const state: Record<string, unknown> = { work };
  (globalThis as any).__custodianTest = state;

  if (process.env.DATABASE_URL) {
    process.env[TEST_ENV.pgAdminUrl] = process.env.DATABASE_URL;
  } else {
    const handle = await startEmbeddedPostgres({ dir: join(work, 'pg'), port: await freePort(), database: 'custodian_test_admin' });
    state.pg = handle;
    process.env[TEST_ENV.pgAdminUrl] = handle.url;
  }
  // Test files must not reach the developer's database by accident.
  delete process.env.DATABASE_URL;

  const template = `custodian_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: process.env[TEST_ENV.pgAdminUrl] });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${template}"`);
  await admin.query(`CREATE DATABASE "${template}"`);
  await admin.end();
  const tplUrl = new URL(process.env[TEST_ENV.pgAdminUrl]!);
  tplUrl.pathname = `/${template}`;
  const ds = createDataSource({ url: tplUrl.toString() });
  await ds.initialize();
  await migrate(ds);
  await ds.destroy();
  process.env[TEST_ENV.templateDb] = template;
  state.template = template;

  if (!process.env.TEMPORAL_ADDRESS) {
    const cli = ensureTemporalBinary('cli', log);
    if (!cli) throw new Error('No Temporal CLI: set TEMPORAL_CLI_PATH or TEMPORAL_ADDRESS');
    const server = await startTemporalDevServer({ cliPath: cli.path, port: await freePort(), uiPort: await freePort(), headless: true });
    state.temporal = server;
    process.env.TEMPORAL_ADDRESS = server.address;
  }
  // One payload key per run, unless given: every API, worker and test client of the run encrypts with it.
  process.env[TEST_ENV.payloadKeys] ||= generatePayloadKey('test');
  const testServer = ensureTemporalBinary('test-server', log);
  if (testServer) process.env[TEST_ENV.testServerPath] = testServer.path;

  const { code } = await bundleWorkflowCode({ ...workflowBundleOptions, logger: { trace() {}, debug() {}, info() {}, warn: (m: string) => log(m), error: (m: string) => log(m) } as never });
  const bundlePath = join(work, 'workflow-bundle.js');
  writeFileSync(bundlePath, code);
  process.env[TEST_ENV.workflowBundle] = bundlePath;
  log(`engines ready in ${Date.now() - started} ms (postgres ${state.pg ? 'embedded' : 'external'}, temporal ${state.temporal ? 'dev server' : process.env.TEMPORAL_ADDRESS})`);
}
