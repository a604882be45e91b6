import type { AppEndpoints } from '../../scripts/support/local-system.js';
import type { BenchContext } from '../scenarios/types.js';

/**
 * The system's API and worker as every "ours" scenario needs them. The first scenario to call this
 * starts them, so all of them pass the same settings: here, sessions that outlast a --full run.
 */
export const BENCH_APP_ENV: Record<string, string> = {
  ACCESS_TOKEN_TTL: '12h',
  // A load generator starts far more processes per account than any person may (QUOTA_* settings).
  QUOTA_ACCESS_REQUESTS: 'off',
  QUOTA_ONBOARDINGS: 'off',
  QUOTA_OFFBOARDINGS: 'off',
  // No directory of the launcher's own (it would listen on the fixed ports of `npm start`, and every
  // requester the bench creates would need an entry in it): the scenarios that measure enforcement
  // (cut-off) start their own directory and proxy on free ports and their own API and worker with it.
  CUSTODIAN_ENFORCEMENT: 'off',
};

export function benchApp(ctx: BenchContext): Promise<AppEndpoints> {
  return ctx.system.endpoints(BENCH_APP_ENV);
}
