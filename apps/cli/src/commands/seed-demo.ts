import { EventStore } from '../../../../libs/domain/events/event-store.js';
import { seedDemo } from '../../../../libs/domain/seed/demo.js';
import { EXIT, parseFlags, type Command } from '../command.js';
import { withDatabase } from '../database.js';

/** The demo directory of README "Demo accounts", for a development database only. */
export const seedDemoCommand: Command = {
  name: 'seed:demo',
  summary: 'Create the demo department, users (password demo-password) and agent IDs; idempotent. Never on production.',
  async run(ctx, args) {
    parseFlags(args, []);
    const { seeded } = await withDatabase(ctx, (ds) => seedDemo(new EventStore(ds, ctx.projectors()), ds, ctx.out));
    if (!seeded) ctx.out('[seed] nothing to do');
    return EXIT.ok;
  },
};
