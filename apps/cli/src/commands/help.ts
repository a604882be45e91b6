import { EXIT, parseFlags, type Command } from '../command.js';

export const helpCommand: Command = {
  name: 'help',
  summary: 'List the commands.',
  async run(ctx, args) {
    parseFlags(args, []);
    const width = Math.max(...ctx.commands.map((c) => `${c.name}${c.usage ? ` ${c.usage}` : ''}`.length));
    ctx.out('Usage: npm run cli -- <command> [arguments]');
    ctx.out('');
    for (const c of ctx.commands) ctx.out(`  ${`${c.name}${c.usage ? ` ${c.usage}` : ''}`.padEnd(width)}  ${c.summary}`);
    ctx.out('');
    ctx.out('Commands that use the database read DATABASE_URL from the environment; without it, they use the embedded');
    ctx.out('database of a running `npm start` (found in CUSTODIAN_DATA_DIR, ./data by default).');
    ctx.out('Exit status: 0 success, 1 failure (e.g. a broken chain), 2 bad usage, 78 missing configuration.');
    return EXIT.ok;
  },
};
