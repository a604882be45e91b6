/**
 * Inbox latency under volume: `GET /api/tasks` (first page, oldest due first) for a busy approver —
 * the supervisor of outbound-1 — with 100,000 open tasks and 1,000,000 events in the log (--full; the
 * default run seeds a twentieth, to stay within its 3 minutes), against the raw SQL query returning the
 * same rows through `pg` from the same process: the floor, what PostgreSQL alone costs. Reports
 * ours ÷ raw SQL for p50 and p95.
 *
 * Seeding goes through the bulk path of bench/support/seed-inbox.ts (real chained events, projected
 * set-wise); the chain is verified afterwards. The two sides are timed alternately, one call at a
 * time, so both see the same database state and caches. Then autocannon, a maintained load generator,
 * drives the same route with several connections for throughput.
 */
import autocannon from 'autocannon';
import { createDataSource } from '../../libs/db/data-source.js';
import { lastEventSeq, verifyChain } from '../../libs/domain/events/verify.js';
import { COUNT_LIMIT } from '../../libs/read-models/paging.js';
import { benchApp } from '../support/app.js';
import { withPg } from '../support/db.js';
import { Api } from '../support/http.js';
import { LatencyRecorder } from '../support/latency.js';
import { seedInbox } from '../support/seed-inbox.js';
import type { Scenario, ScenarioResult } from './types.js';

/**
 * The default run also verifies the whole chain after seeding (proof that the bulk path writes a valid
 * one); --full skips that walk, which at a million events takes minutes on two cores and measures
 * nothing the default run and test/bench-seed-inbox.e2e-spec.ts have not already shown.
 */
const SIZES = {
  default: { openTasks: 5_000, events: 50_000, samples: 100, cannonSec: 3, verifyChain: true },
  full: { openTasks: 100_000, events: 1_000_000, samples: 1_000, cannonSec: 15, verifyChain: false },
} as const;
/** The busy approver's share of the open tasks (the rest wait for leadership, IT and other departments). */
const BUSY_SHARE = 0.2;
const PAGE_SIZE = 50;
const WARMUP = 20;
const CANNON_CONNECTIONS = 8;

/**
 * The page GET /api/tasks returns to a user with no filter (libs/read-models/tasks.ts listTasks:
 * assigned to them, or offered to a role they hold in their department, or escalated to one; never a
 * task they are barred from; open; oldest due first), as the one statement PostgreSQL must run for it:
 * every row with the names the page shows (who is assigned, who asked, whom it is about; a context's
 * user id may also be a system actor, which has no row). $1 user id, $2 roles, $3 department, $4 page
 * size. The run first checks that both return the same rows in the same order with the same names.
 */
export const RAW_INBOX_SQL = `
  SELECT t.*, u.display_name AS assignee_name,
         (SELECT display_name FROM users WHERE id = CASE WHEN t.context->>'requestedBy' ~ '^[0-9a-fA-F-]{36}$' THEN (t.context->>'requestedBy')::uuid END) AS requested_by_name,
         (SELECT display_name FROM users WHERE id = CASE WHEN t.context->>'subjectUserId' ~ '^[0-9a-fA-F-]{36}$' THEN (t.context->>'subjectUserId')::uuid END) AS subject_name
    FROM tasks t LEFT JOIN users u ON u.id::text = t.assignee_user_id
   WHERE (t.assignee_user_id = $1
          OR t.assignee_user_id IS NULL
             AND ((t.candidate_role = ANY($2) AND (t.candidate_department_id IS NULL OR t.candidate_department_id = $3))
                  OR (t.escalated_at IS NOT NULL AND t.escalation_may_decide AND t.escalation_role = ANY($2)
                      AND (t.escalation_department_id IS NULL OR t.escalation_department_id = $3))))
     AND NOT t.excluded @> jsonb_build_array(jsonb_build_object('userId', $1::text))
     AND t.status = 'open'
   ORDER BY t.due_at, t.id
   LIMIT $4`;

/**
 * The total GET /api/tasks also returns for its pager (listTasks, libs/read-models/paging.ts countUpTo): the
 * same WHERE as RAW_INBOX_SQL, counted up to COUNT_LIMIT + 1 rows. Timed with the page as a second
 * floor: the same work as ours, in SQL alone.
 */
const RAW_INBOX_WHERE = RAW_INBOX_SQL.slice(RAW_INBOX_SQL.indexOf('WHERE (t.assignee_user_id'), RAW_INBOX_SQL.indexOf('ORDER BY'));
export const RAW_INBOX_COUNT_SQL = `SELECT count(*)::int AS total FROM (SELECT 1 FROM tasks t ${RAW_INBOX_WHERE} LIMIT ${COUNT_LIMIT + 1}) x`;

export const inboxLatency: Scenario = {
  id: 'inbox-latency',
  title: 'Ours: GET /api/tasks for a busy approver under volume (--full: 100k open tasks / 1M events), vs the raw SQL query',
  async run(ctx): Promise<ScenarioResult> {
    const size = SIZES[ctx.size];
    const app = await benchApp(ctx);
    const rec = new LatencyRecorder();
    const api = new Api(app.baseUrl, rec);
    const approver = await api.login('supervisor');
    const me = await api.call<{ department: { id: string } | null; roles: string[] }>(approver, 'GET', '/api/me', undefined, { untimed: true });
    if (!me.department) throw new Error('the demo supervisor has no department');

    const ds = createDataSource({ url: app.databaseUrl, poolSize: 2, applicationName: 'custodian-bench-seed' });
    await ds.initialize();
    let seed, chain, verifySec, logLength;
    try {
      ctx.progress(`seeding ${size.openTasks.toLocaleString('en')} open tasks and ${size.events.toLocaleString('en')} events (bulk path)`);
      seed = await seedInbox(ds, { openTasks: size.openTasks, events: size.events, departmentId: me.department.id, busyShare: BUSY_SHARE, decidedBy: approver.userId }, ctx.progress);
      ctx.progress(`seeded in ${(seed.elapsedMs / 1000).toFixed(1)} s${size.verifyChain ? '; verifying the chain' : ''}`);
      if (size.verifyChain) {
        const t0 = performance.now();
        let last = t0;
        chain = await verifyChain(ds, (checked, total) => {
          if (performance.now() - last < 2000) return;
          last = performance.now();
          ctx.progress(`verified ${checked.toLocaleString('en')}/${total.toLocaleString('en')} events`);
        });
        verifySec = (performance.now() - t0) / 1000;
        if (!chain.ok) throw new Error(`the chain does not verify after seeding: broken at ${JSON.stringify(chain.brokenAt)}`);
      }
      logLength = await lastEventSeq(ds);
    } finally {
      await ds.destroy();
    }

    const path = `/api/tasks?pageSize=${PAGE_SIZE}`;
    const measured = await withPg(app.databaseUrl, async (c) => {
      const raw = () => c.query(RAW_INBOX_SQL, [approver.userId, me.roles, me.department!.id, PAGE_SIZE]);
      // Same rows, same order, or the comparison means nothing.
      type Item = { id: string; assigneeName: string | null; context: { requesterName: string | null; subjectName: string | null } };
      const [page, rows] = await Promise.all([api.call<{ items: Item[]; total: number; totalCapped?: true }>(approver, 'GET', path, undefined, { untimed: true }), raw()]);
      const ours = JSON.stringify(page.items.map((t) => [t.id, t.assigneeName, t.context.requesterName, t.context.subjectName]));
      const theirs = JSON.stringify(rows.rows.map((r: { id: string; assignee_name: string | null; requested_by_name: string | null; subject_name: string | null }) => [r.id, r.assignee_name, r.requested_by_name, r.subject_name]));
      if (ours !== theirs) throw new Error(`GET /api/tasks and the raw SQL disagree on the first page (${page.items.length} vs ${rows.rowCount} rows, or their names)`);
      ctx.progress(`first page identical both ways (${page.items.length} rows; the approver has ${seed.busyApproverOpenTasks} open, the API counted ${page.total}${page.totalCapped ? '+' : ''})`);
      for (let i = 0; i < WARMUP; i++) {
        await api.call(approver, 'GET', path, undefined, { untimed: true });
        await raw();
      }
      const rawWithCount = async () => {
        await raw();
        await c.query(RAW_INBOX_COUNT_SQL, [approver.userId, me.roles, me.department!.id]);
      };
      for (let i = 0; i < size.samples; i++) {
        await api.call(approver, 'GET', path, undefined, { route: 'GET /api/tasks (one at a time)' });
        await rec.time('raw SQL, same rows (one at a time)', raw);
        await rec.time('raw SQL, same rows + count (capped as ours)', rawWithCount);
      }
      return { approverOpenTasks: seed.busyApproverOpenTasks };
    });

    ctx.progress(`autocannon: ${CANNON_CONNECTIONS} connections for ${size.cannonSec} s`);
    const cannon = autocannon({ url: `${app.baseUrl}${path}`, connections: CANNON_CONNECTIONS, duration: size.cannonSec, headers: { authorization: `Bearer ${approver.token}` } });
    cannon.on('response', (_c, status, _b, ms) => status === 200 && rec.record(`GET /api/tasks (${CANNON_CONNECTIONS} connections)`, ms));
    const load = await cannon;

    const l = rec.summaries();
    const ours = l['GET /api/tasks (one at a time)'];
    const raw = l['raw SQL, same rows (one at a time)'];
    const div = (a: number, b: number) => Math.round((a / b) * 100) / 100; // two decimals: a target of 2 must not read as met at 2.04
    return {
      status: 'measured',
      parameters: { openTasks: seed.openTasks, decidedTasks: seed.decidedTasks, seededEvents: seed.events, eventsInLog: logLength, pageSize: PAGE_SIZE, busyShare: BUSY_SHARE },
      metrics: {
        approverOpenTasks: measured.approverOpenTasks,
        seedSec: seed.elapsedMs / 1000,
        seedEventsPerSec: Math.round(seed.events / (seed.elapsedMs / 1000)),
        ...(chain && verifySec !== undefined ? { chainVerified: chain.checked, verifySec } : {}),
        oursOverRawP50: div(ours.p50, raw.p50),
        oursOverRawP95: div(ours.p95, raw.p95),
        oursOverRawWithCountP50: div(ours.p50, l['raw SQL, same rows + count (capped as ours)'].p50),
        oursOverRawWithCountP95: div(ours.p95, l['raw SQL, same rows + count (capped as ours)'].p95),
        cannonRequestsPerSec: load.requests.average,
        cannonNon2xx: load.non2xx + load.errors + load.timeouts,
      },
      latencies: l,
      notes: size.verifyChain ? [] : ['chain not walked after seeding at this size (the default run verifies its seeded chain in full)'],
    };
  },
};
