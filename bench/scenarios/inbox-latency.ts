/**
 * HOOK — inbox latency under volume: p50 / p95 of `GET /api/tasks` for a busy approver with 100,000
 * open tasks and 1,000,000 events in the log, against the raw SQL query returning the same rows
 * (the floor: what PostgreSQL alone costs). Report ours ÷ raw SQL for p50 and p95.
 *
 * To wire it (needs issue 4's task read model and inbox):
 *   1. `const api = await ctx.system.endpoints()`; seed through a fast bulk path straight into
 *      PostgreSQL (COPY or INSERT … SELECT generate_series into event_log and the task read model in
 *      one transaction, with a valid hash chain — or emit through EventStore in large batches), so
 *      seeding stays a small part of the run. Sizes: default 10,000 tasks / 100,000 events;
 *      --full 100,000 / 1,000,000.
 *   2. Log in as the busy approver (e.g. supervisor) and time K sequential GET /api/tasks (first
 *      page, oldest due first) with a LatencyRecorder ('GET /api/tasks').
 *   3. Time the same page as one SQL statement through `pg` ('raw SQL'), from the same process.
 */
import type { Scenario } from './types.js';

export const inboxLatency: Scenario = {
  id: 'inbox-latency',
  title: 'Ours: GET /api/tasks for a busy approver with 100k open tasks / 1M events, vs the raw SQL query',
  async run() {
    return { status: 'skipped', reason: 'hook: waits for the task read model and GET /api/tasks (issue 4)' };
  },
};
