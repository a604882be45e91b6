import { migrate } from '../../../../libs/db/data-source.js';
import { EXIT, parseFlags, type Command } from '../command.js';
import { withDatabase } from '../database.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations (safe to run from several replicas at once; waits up to a minute for PostgreSQL).',
  async run(ctx, args) {
    parseFlags(args, []);
    const done = await withDatabase(ctx, (ds) => migrate(ds, ctx.out), 60_000);
    if (done.length === 0) ctx.out('[db] schema up to date');
    else ctx.out(`[db] applied ${done.length} migration(s)`);
    return EXIT.ok;
  },
};
