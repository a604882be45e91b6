import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../../../libs/config/config.js';
import { createDataSource } from '../../../libs/db/data-source.js';
import { waitFor } from '../../../libs/runtime/ports.js';
import { CliError, EXIT, type CliContext } from './command.js';

const HOW_TO_SET = [
  'DATABASE_URL is not set: point it at the Custodian database, for example',
  '  DATABASE_URL=postgres://custodian:secret@localhost:5432/custodian npm run cli -- <command>',
  '(the embedded database of `npm start` is postgres://postgres:<password>@127.0.0.1:54329/custodian,',
  ' its password is in data/postgres/password)',
].join('\n');

/**
 * Connects with DATABASE_URL from the environment (validated by libs/config), runs fn, disconnects.
 * `waitMs` gives a database that is still starting (a deployment's migrate step) time to come up.
 */
export async function withDatabase<T>(ctx: CliContext, fn: (ds: DataSource) => Promise<T>, waitMs = 0): Promise<T> {
  let url: string | undefined;
  try {
    url = loadConfig(ctx.env).DATABASE_URL;
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(e.message, EXIT.config);
    throw e;
  }
  if (!url) throw new CliError(HOW_TO_SET, EXIT.config);
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
