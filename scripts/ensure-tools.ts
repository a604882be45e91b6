/**
 * Part of `npm start` and `npm test`: makes sure the Temporal dev server (CLI) and the time-skipping
 * test server are on this machine, saying where each one comes from.
 */
import { ensureTemporalBinary, type TemporalBinary } from '../libs/temporal/binaries.js';

const wanted: TemporalBinary[] = process.argv.includes('--cli-only') ? ['cli'] : ['cli', 'test-server'];
for (const kind of wanted) {
  const found = ensureTemporalBinary(kind);
  process.stderr.write(
    found
      ? `[tools] temporal ${kind}: ${found.path} (from ${found.source})\n`
      : `[tools] temporal ${kind}: not found; the SDK will download it when first needed\n`,
  );
}
