/**
 * One-shot schema migration: the `migrate` service of docker-compose.yml (and any deployment's
 * release step) runs this before the API and the workers start. `migrate()` holds a PostgreSQL
 * advisory lock, so two runs at once (a retried job, a second deployment) apply each migration once.
 */
import { loadConfigOrExit, requireSetting } from '../libs/config/config.js';
import { createDataSource, migrate } from '../libs/db/data-source.js';
import { waitFor } from '../libs/runtime/ports.js';

const say = (m: string) => process.stdout.write(`${m}\n`);
const config = loadConfigOrExit();
const ds = createDataSource({ url: requireSetting(config, 'DATABASE_URL'), applicationName: 'custodian-migrate' });
try {
  // A database that is still starting (or failing over) gets a minute before we give up.
  await waitFor('PostgreSQL', () => ds.initialize(), 60_000, 2000);
  const done = await migrate(ds, say);
  say(done.length ? `[db] ${done.length} migration(s) applied` : '[db] schema up to date');
} catch (e) {
  process.stderr.write(`[db] migration failed: ${(e as Error).message}\n`);
  process.exitCode = 1;
} finally {
  if (ds.isInitialized) await ds.destroy();
}
