/**
 * Ours, end to end: N external-network access requests (SYS-1) in flight at once, driven through HTTP
 * to enablement, each decision made through the API by the right person (bench/support/access-flow.ts):
 * the requester submits, the department supervisor approves, leadership signs, IT enables, the
 * requester sees the grant active. Same load as raw-access-requests.ts (3 decisions, the same
 * activities' worth of steps), so the runner prints ours ÷ raw.
 *
 * Requests are spread over several requesters (agent1, agent2 and accounts created by hr through the
 * admin API). Deciders list their inbox while they have something to find, as people with the inbox
 * open do; that listing is part of ours and of each request's total.
 */
import { randomUUID } from 'node:crypto';
import { benchApp } from '../support/app.js';
import { awaitActive, notYetLive, recordedLate, signIn, submitAndApprove, unavailable, watchersFor } from '../support/access-flow.js';
import { withPg } from '../support/db.js';
import { Api } from '../support/http.js';
import { accessRequestWorkflowId } from '../../libs/policy/workflow-ids.js';
import { historyLengths, mean } from '../support/history.js';
import { LatencyRecorder } from '../support/latency.js';
import { runLoad } from '../support/load.js';
import { ACCESS_LOAD, ACCESS_WARMUP } from './access-load.js';
import type { Scenario, ScenarioResult } from './types.js';

const REQUESTERS = { default: 10, full: 50 } as const;
/** Long enough that no grant of the run expires or is reminded about while the benchmark runs. */
const DURATION_MINUTES = 8 * 60;
/**
 * How long the bench waits for one stage before calling the request failed: a slow system is measured
 * (its latency), not failed. 50 requests in flight on a busy 2-core machine wait minutes per stage.
 */
const STEP_TIMEOUT_MS = { default: 60_000, full: 10 * 60_000 } as const;

export const accessRequestsHttp: Scenario = {
  id: 'access-requests-http',
  title: 'Ours: external-network access requests end to end through HTTP (each decision by the right user)',
  async run(ctx): Promise<ScenarioResult> {
    const { total, concurrency, deadlineMs } = ACCESS_LOAD[ctx.size];
    const app = await benchApp(ctx);
    const run = randomUUID().slice(0, 8);
    const people = await signIn(new Api(app.baseUrl), REQUESTERS[ctx.size], run);
    ctx.progress(`${people.requesters.length} requesters signed in; supervisor, leader and it decide`);

    const ids: string[] = [];
    const drive = async (api: Api, watchers: ReturnType<typeof watchersFor>, i: number, rec?: LatencyRecorder) => {
      const requester = people.requesters[i % people.requesters.length];
      const started = performance.now();
      const id = await submitAndApprove(api, requester, watchers, { durationMinutes: DURATION_MINUTES, stepTimeoutMs: STEP_TIMEOUT_MS[ctx.size] });
      await awaitActive(api, requester, id, STEP_TIMEOUT_MS[ctx.size]);
      rec?.record('total (start → enabled)', performance.now() - started);
      ids.push(id);
    };

    // Warm-up through the same path, recorded nowhere (first compilations, pools, caches).
    ctx.progress(`warm-up: ${ACCESS_WARMUP} requests`);
    const warmApi = new Api(app.baseUrl);
    const warmWatchers = watchersFor(warmApi, people.deciders);
    try {
      // A warm-up request that fails (a 503 under load) only warms less: the measured run counts failures.
      await Promise.allSettled(Array.from({ length: ACCESS_WARMUP }, (_, i) => drive(warmApi, warmWatchers, i)));
    } finally {
      for (const w of Object.values(warmWatchers)) await w.stop();
    }
    ids.length = 0;

    const rec = new LatencyRecorder();
    const api = new Api(app.baseUrl, rec);
    const watchers = watchersFor(api, people.deciders);
    let load;
    try {
      load = await runLoad({ label: 'ours', total, concurrency, deadlineMs, progress: ctx.progress, task: (i) => drive(api, watchers, i, rec) });
    } finally {
      for (const w of Object.values(watchers)) await w.stop();
    }

    // What the run claims, checked in the read models: one active grant per completed request, each
    // enabled by IT, after three recorded decisions by three different people (SYS-1).
    const check = await withPg(app.databaseUrl, async (c) => {
      const { rows } = await c.query(
        `SELECT count(DISTINCT g.request_id)::int AS grants,
                count(DISTINCT g.request_id) FILTER (WHERE g.enabled_by = $2)::int AS enabled_by_it,
                (SELECT count(*)::int FROM (SELECT t.process_key FROM tasks t JOIN task_decisions d ON d.task_id = t.id
                   WHERE t.process_key = ANY($1) GROUP BY t.process_key HAVING count(DISTINCT d.decided_by) = 3) x) AS three_deciders
           FROM grants g WHERE g.request_id::text = ANY($1) AND g.status = 'active'`,
        [ids, people.deciders.it.userId],
      );
      return rows[0] as { grants: number; enabled_by_it: number; three_deciders: number };
    });
    // Events in each request's history once its grant is active (the raw one has then completed).
    const events = await historyLengths(app.temporalAddress, app.env.TEMPORAL_NAMESPACE ?? 'default', ids.map(accessRequestWorkflowId));
    const notes = [...load.errors];
    if (check.grants !== ids.length || check.enabled_by_it !== ids.length || check.three_deciders !== ids.length) {
      notes.push(`read models disagree with the run: ${ids.length} completed, ${check.grants} active grants, ${check.enabled_by_it} enabled by it, ${check.three_deciders} with three deciders`);
    }
    return {
      status: 'measured',
      parameters: { requests: total, concurrency, requesters: people.requesters.length, decisionsPerRequest: 3 },
      metrics: {
        completed: load.completed,
        failed: load.failed,
        throughputPerSec: load.throughputPerSec,
        elapsedSec: load.elapsedMs / 1000,
        activeGrantsVerified: check.grants,
        historyEventsPerRequest: mean(events),
        completesRepeatedTaskNotYetLive: notYetLive(watchers),
        submitsAnswered503NotYetRecorded: recordedLate(watchers),
        decisionsAnswered503LookedAgain: unavailable(watchers),
      },
      latencies: rec.summaries(),
      compare: {
        key: 'external-network access request',
        side: 'ours',
        throughputPerSec: load.throughputPerSec,
        latency: 'total (start → enabled)',
        calls: { submit: 'POST /api/access-requests', decision: 'POST /api/tasks/:id/complete' },
      },
      notes,
    };
  },
};
