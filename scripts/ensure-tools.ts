/**
 * Part of `npm start` and `npm test`: makes sure the Temporal dev server (CLI) and the time-skipping
 * test server are on this machine, saying where each one comes from.
 *
 * `--temporal-server` (what `npm run cluster`, `npm run test:cluster` and the cluster runs of the fault
 * and bench tools need) also builds the real Temporal server and its SQL tool from Go source when they
 * are missing (libs/temporal/server-build.ts; about 2 minutes once). Plain `npm test` does not ask for it.
 */
import { ensureTemporalBinary, type TemporalBinary } from '../libs/temporal/binaries.js';
import { ensureTemporalServer } from '../libs/temporal/server-build.js';

const wanted: TemporalBinary[] = process.argv.includes('--cli-only') ? ['cli'] : ['cli', 'test-server'];
for (const kind of wanted) {
  const found = ensureTemporalBinary(kind);
  process.stderr.write(
    found
      ? `[tools] temporal ${kind}: ${found.path} (from ${found.source})\n`
      : `[tools] temporal ${kind}: not found; the SDK will download it when first needed\n`,
  );
}
if (process.argv.includes('--temporal-server')) {
  const built = await ensureTemporalServer();
  process.stderr.write(`[tools] temporal-server ${built.version}: ${built.server}; temporal-sql-tool: ${built.sqlTool}; schemas: ${built.postgresSchemaDir}\n`);
}
