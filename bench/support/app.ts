import type { AppEndpoints } from '../../scripts/support/local-system.js';
import type { BenchContext } from '../scenarios/types.js';

/**
 * How long the expiry scenario's grants last. Far below the policy's real windows (hours to days),
 * so the system runs with its shortest-window setting lowered to this for the benchmark only.
 */
export const EXPIRY_WINDOW_MS = 45_000;

/**
 * The system's API and worker as every "ours" scenario needs them. The first scenario to call this
 * starts them, so all of them pass the same settings: sessions that outlast a --full run, and access
 * windows short enough for the expiry scenario to see them end.
 */
export const BENCH_APP_ENV: Record<string, string> = {
  ACCESS_TOKEN_TTL: '12h',
  ACCESS_MIN_DURATION: `${EXPIRY_WINDOW_MS / 1000}s`,
};

export function benchApp(ctx: BenchContext): Promise<AppEndpoints> {
  return ctx.system.endpoints(BENCH_APP_ENV);
}
