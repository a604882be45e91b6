import { CHAIN_BREAK_EXPLAINED, verifyChain } from '../../../../libs/domain/events/verify.js';
import { EXIT, parseFlags, type Command } from '../command.js';
import { withDatabase } from '../database.js';
import { progressPrinter } from '../progress.js';

/** INF-9: proves the audit trail is the one that was written, or names the first altered event. */
export const auditVerifyCommand: Command = {
  name: 'audit:verify',
  summary: 'Walk the event log hash chain; report the first broken link by sequence number (exit 1 if broken).',
  usage: '[--json]',
  async run(ctx, args) {
    const json = parseFlags(args, ['--json']).has('--json');
    const report = await withDatabase(ctx, (ds) => verifyChain(ds, progressPrinter(ctx.err, 'audit:verify')));
    if (json) {
      ctx.out(JSON.stringify(report));
    } else if (report.ok) {
      ctx.out(`[audit:verify] OK: ${report.checked} events, chain intact up to seq ${report.lastSeq}`);
      ctx.out(`[audit:verify] last hash ${report.lastHash} (keep a copy elsewhere to detect a cut tail)`);
    } else {
      const b = report.brokenAt!;
      ctx.out(`[audit:verify] BROKEN at seq ${b.seq}: ${b.reason}: ${CHAIN_BREAK_EXPLAINED[b.reason]}`);
      ctx.out(`[audit:verify] events 1..${report.lastSeq} are intact; investigate seq ${b.seq} before trusting anything after it`);
    }
    return report.ok ? EXIT.ok : EXIT.failed;
  },
};
