import { rebuildProjections } from '../../../../libs/domain/events/rebuild.js';
import { EXIT, parseFlags, type Command } from '../command.js';
import { withDatabase } from '../database.js';
import { progressPrinter } from '../progress.js';

export const projectionsRebuildCommand: Command = {
  name: 'projections:rebuild',
  summary: 'Rebuild every read model from the event log in one transaction (writers wait meanwhile).',
  async run(ctx, args) {
    parseFlags(args, []);
    const registry = ctx.projectors();
    const tables = registry.tables();
    ctx.err(`[rebuild] read models: ${tables.length ? tables.join(', ') : '(none registered)'}`);
    const started = Date.now();
    const { events } = await withDatabase(ctx, (ds) => rebuildProjections(ds, registry, progressPrinter(ctx.err, 'rebuild')));
    ctx.out(`[rebuild] done: ${events} events replayed into ${tables.length} table(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return EXIT.ok;
  },
};
