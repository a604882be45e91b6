import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../../../libs/config/config.js';
import { createDataSource } from '../../../libs/db/data-source.js';
import { findRunningEmbeddedPostgres } from '../../../libs/db/embedded-postgres.js';
import { waitFor } from '../../../libs/runtime/ports.js';
import { CliError, EXIT, type CliContext } from './command.js';

/** `npm start`'s data directory (apps/launcher: CUSTODIAN_DATA_DIR, else ./data); its embedded PostgreSQL keeps its files in postgres/. */
const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const launcherDataDir = (env: NodeJS.ProcessEnv) => resolve(env.CUSTODIAN_DATA_DIR || join(projectRoot, 'data'));

const howToSet = (why: string) =>
  [
    `DATABASE_URL is not set, and no embedded PostgreSQL of \`npm start\` is running (${why}).`,
    'Start Custodian with `npm start` in another terminal (the CLI then finds its database), or point DATABASE_URL at the Custodian database, for example',
    '  DATABASE_URL=postgres://custodian:secret@localhost:5432/custodian npm run cli -- <command>',
    '(CUSTODIAN_DATA_DIR names the data directory of another `npm start`.)',
  ].join('\n');

/**
 * DATABASE_URL if set; otherwise the embedded PostgreSQL that `npm start` is running from its data
 * directory (port from PostgreSQL's postmaster.pid, password from the file beside the data), said on stderr.
 */
function databaseUrl(ctx: CliContext): string {
  let url: string | undefined;
  try {
    url = loadConfig(ctx.env).DATABASE_URL;
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(e.message, EXIT.config);
    throw e;
  }
  if (url) return url;
  const dir = join(launcherDataDir(ctx.env), 'postgres');
  const found = findRunningEmbeddedPostgres(dir);
  if ('notRunning' in found) throw new CliError(howToSet(found.notRunning), EXIT.config);
  ctx.err(`[cli] DATABASE_URL is not set: using the embedded PostgreSQL of \`npm start\` at ${redact(found.url)} (data: ${dir}, pid ${found.pid})`);
  return found.url;
}

/**
 * Connects with DATABASE_URL from the environment (validated by libs/config), or else to the embedded
 * database of a running `npm start`, runs fn, disconnects.
 * `waitMs` gives a database that is still starting (a deployment's migrate step) time to come up.
 */
export async function withDatabase<T>(ctx: CliContext, fn: (ds: DataSource) => Promise<T>, waitMs = 0): Promise<T> {
  const url = databaseUrl(ctx);
  const ds = createDataSource({ url, poolSize: 2, applicationName: 'custodian-cli' });
  try {
    if (waitMs > 0) await waitFor('PostgreSQL', () => ds.initialize(), waitMs, 2000);
    else await ds.initialize();
  } catch (e) {
    throw new CliError(`cannot connect to PostgreSQL at ${redact(url)}: ${(e as Error).message}`);
  }
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
