/**
 * Expiry precision: N external-network grants (SYS-1) expiring within the same minute, and the lag
 * from each grant's due time (its expiresAt, the clock having started at enablement) to its revocation
 * (the occurred_at of its grant.ended event), p50 / p99. The lag is Temporal's timer, the workflow
 * task, the endGrant activity and our event write, all under the load of N timers firing together.
 *
 * Setup through HTTP, as people do it: every request is submitted and approved by the supervisor and
 * leadership first, then IT enables all of them in one burst, so their windows start (and end) together.
 */
import { randomUUID } from 'node:crypto';
import { processSubject } from '../../libs/contracts/index.js';
import { benchApp, EXPIRY_WINDOW_MS } from '../support/app.js';
import { decide, signIn, submitAndApprove, watchersFor } from '../support/access-flow.js';
import { withPg } from '../support/db.js';
import { Api, pollUntil } from '../support/http.js';
import { LatencyRecorder } from '../support/latency.js';
import { runLoad } from '../support/load.js';
import type { Scenario, ScenarioResult } from './types.js';

const SIZES = { default: { grants: 100, concurrency: 25 }, full: { grants: 1000, concurrency: 50 } } as const;
const STEP_TIMEOUT_MS = 120_000;
/** How long after the last due time revocations may still arrive before the run calls them missing. */
const GRACE_MS = 60_000;

interface Expired {
  expires_at: Date;
  ended_at: Date | null;
}

export const expiryPrecision: Scenario = {
  id: 'expiry-precision',
  title: 'Ours: 1,000 grants expiring in the same minute; lag from due time to revocation',
  async run(ctx): Promise<ScenarioResult> {
    const { grants, concurrency } = SIZES[ctx.size];
    const app = await benchApp(ctx);
    const api = new Api(app.baseUrl);
    const people = await signIn(api, 10, randomUUID().slice(0, 8));
    const watchers = watchersFor(api, people.deciders);
    const ids: string[] = [];
    try {
      const approved = await runLoad({
        label: 'submit and approve',
        total: grants,
        concurrency,
        progress: ctx.progress,
        task: async (i) =>
          void ids.push(await submitAndApprove(api, people.requesters[i % people.requesters.length], watchers, { durationMs: EXPIRY_WINDOW_MS, stepTimeoutMs: STEP_TIMEOUT_MS, until: 'leadership' })),
      });
      if (approved.failed) throw new Error(`${approved.failed} requests failed before IT: ${approved.errors.join('; ')}`);
      // One burst of enablements: every window starts within it, so every expiry falls within it too.
      const burst = await runLoad({ label: 'IT enables', total: ids.length, concurrency, progress: ctx.progress, task: (i) => decide(api, watchers.it, 'it', ids[i], STEP_TIMEOUT_MS) });
      if (burst.failed) throw new Error(`${burst.failed} enablements failed: ${burst.errors.join('; ')}`);
    } finally {
      for (const w of Object.values(watchers)) await w.stop();
    }

    const subjects = ids.map((id) => processSubject('access_request', id));
    const read = () =>
      withPg(app.databaseUrl, async (c) =>
        (
          await c.query(
            `SELECT g.expires_at, e.occurred_at AS ended_at
               FROM grants g
               LEFT JOIN event_log e ON e.subject = ANY($2) AND e.type = 'grant.ended' AND e.payload->>'grantId' = g.id::text
              WHERE g.request_id::text = ANY($1)`,
            [ids, subjects],
          )
        ).rows as Expired[],
      );
    const first = await pollUntil('every grant to be active', async () => {
      const r = await read();
      return r.length === ids.length ? r : undefined;
    }, STEP_TIMEOUT_MS, 500);
    const dues = first.map((r) => r.expires_at.getTime());
    const [firstDue, lastDue] = [Math.min(...dues), Math.max(...dues)];
    ctx.progress(`${ids.length} grants active, due between ${new Date(firstDue).toISOString()} and ${new Date(lastDue).toISOString()} (${((lastDue - firstDue) / 1000).toFixed(1)} s apart)`);

    const rows = await pollUntil(
      'every grant to be revoked',
      async () => {
        const r = await read();
        const ended = r.filter((x) => x.ended_at !== null).length;
        ctx.progress(`${ended}/${r.length} revoked; last due ${((lastDue - Date.now()) / 1000).toFixed(0)} s from now`);
        return ended === r.length || Date.now() > lastDue + GRACE_MS ? r : undefined;
      },
      lastDue - Date.now() + GRACE_MS + 5000,
      2000,
    );

    const rec = new LatencyRecorder();
    for (const r of rows) if (r.ended_at) rec.record('expiry lag (due → grant.ended)', r.ended_at.getTime() - r.expires_at.getTime());
    const revoked = rows.filter((r) => r.ended_at).length;
    const early = rows.filter((r) => r.ended_at && r.ended_at < r.expires_at).length;
    return {
      status: 'measured',
      parameters: { grants: ids.length, windowSec: EXPIRY_WINDOW_MS / 1000, enableConcurrency: concurrency },
      metrics: { revoked, missing: rows.length - revoked, revokedEarly: early, dueSpreadSec: (lastDue - firstDue) / 1000 },
      latencies: rec.summaries(),
      notes: revoked < rows.length ? [`${rows.length - revoked} grants were not revoked within ${GRACE_MS / 1000} s of the last due time`] : [],
    };
  },
};
