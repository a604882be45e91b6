/**
 * HOOK — ours, end to end: N concurrent external-network access requests (SYS-1) driven through HTTP
 * to enablement, each decision made through the API by the right user. Compared with
 * raw-access-requests.ts (same shape: 3 decisions, 7 activities), the ratio ours ÷ raw is printed.
 *
 * To wire it (needs issue 4's access-request workflow and inbox):
 *   1. `const api = await ctx.system.endpoints()` — API + worker on the demo directory (SEED_DEMO=1).
 *   2. Log in once as agent1 (requester), supervisor, leader and it (POST /api/auth/login, password
 *      demo-password); agent1 is in outbound-1, whose supervisor is `supervisor`.
 *   3. Per request, timed with a LatencyRecorder under the API call's name:
 *      POST /api/access-requests { kind: 'external_network', … } as agent1 →
 *      for each of supervisor, leader, it: GET /api/tasks (until the task is there) then
 *      POST /api/tasks/:id/complete { outcome: 'approve' } →
 *      GET /api/access-requests/:id until the grant is active; record 'total (start → enabled)'.
 *   4. Drive it with runLoad() (support/load.ts) at the same SIZES as the raw scenario, or autocannon
 *      for single-route throughput, and return
 *      compare: { key: 'external-network access request', side: 'ours', throughputPerSec, latency: 'total (start → enabled)' }.
 */
import type { Scenario } from './types.js';

export const accessRequestsHttp: Scenario = {
  id: 'access-requests-http',
  title: 'Ours: external-network access requests end to end through HTTP (each decision by the right user)',
  async run() {
    return { status: 'skipped', reason: 'hook: waits for the access-request workflow and the inbox API (issue 4)' };
  },
};
