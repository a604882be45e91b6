/**
 * The assessment report (policy preamble) for 1,000 people over a quarter (2026-07-01 to 2026-09-30,
 * Asia/Shanghai), every item's events in the log: `GET /api/assessment` for the auditor (all departments:
 * per department, per person, per week) against the raw SQL that counts the same items straight from the
 * `tasks` read model through `pg` — the floor, what PostgreSQL alone costs for the same figures. Reports
 * ours ÷ raw for p50 and p95.
 *
 * Seeding goes through the EventStore and every projector, as the workflows' commands do (task.opened,
 * then task.decided or task.closed), a few hundred tasks per transaction, so assessment_items is the live
 * projection of the log, not a bulk copy. The people are user ids without accounts in ten departments
 * created by command; each task names its department (a role task of that department assigned to the
 * person), so the report groups them as it would real agents. The default size gives everyone an item on
 * every tenth working day (7,000 items, about 13,800 events: seeding them costs most of the scenario's
 * time, and the default run keeps within its 3 minutes); --full two on each working day (132,000 items).
 */
import { randomUUID } from 'node:crypto';
import { createDataSource } from '../../libs/db/data-source.js';
import { createDepartment } from '../../libs/domain/directory/departments.js';
import { EventStore } from '../../libs/domain/events/event-store.js';
import { createProjectorRegistry } from '../../libs/domain/projectors.js';
import { WORKFLOW_ACTOR } from '../../libs/domain/tasks/commands.js';
import { TaskEvents, taskSubject } from '../../libs/domain/tasks/events.js';
import type { TaskDecision, TaskRecord } from '../../libs/policy/index.js';
import { benchApp } from '../support/app.js';
import { withPg } from '../support/db.js';
import { Api } from '../support/http.js';
import { LatencyRecorder } from '../support/latency.js';
import type { Scenario, ScenarioResult } from './types.js';

const SIZES = {
  default: { people: 1_000, itemsPerPersonPerDay: 1, everyNthDay: 10, samples: 30 },
  full: { people: 1_000, itemsPerPersonPerDay: 2, everyNthDay: 1, samples: 100 },
} as const;
const DEPARTMENTS = 10;
const FROM = '2026-07-01';
const TO = '2026-09-30';
const TIME_ZONE = 'Asia/Shanghai';
const TASKS_PER_TRANSACTION = 250;
const WARMUP = 5;

/**
 * The figures GET /api/assessment returns (libs/read-models/assessment.ts), counted from `tasks` alone:
 * decided by the due time on time, after it late, expired missed, open open; cancelled left out. One pass
 * with the same grouping sets. $1, $2 the period's bounds, $3 the time zone.
 */
export const RAW_ASSESSMENT_SQL = `
  SELECT GROUPING(t.candidate_department_id, t.assignee_user_id, week) AS g, t.candidate_department_id AS department, t.assignee_user_id AS person, week,
         count(*) FILTER (WHERE t.status = 'decided' AND t.closed_at <= t.due_at)::int AS on_time,
         count(*) FILTER (WHERE t.status = 'decided' AND t.closed_at > t.due_at)::int AS late,
         count(*) FILTER (WHERE t.status = 'expired')::int AS missed,
         count(*) FILTER (WHERE t.status = 'open')::int AS open
    FROM tasks t CROSS JOIN LATERAL (SELECT date_trunc('week', t.due_at AT TIME ZONE $3)::date AS week) k
   WHERE t.due_at >= $1 AND t.due_at < $2 AND t.status <> 'cancelled'
   GROUP BY GROUPING SETS ((t.candidate_department_id), (t.candidate_department_id, t.assignee_user_id), (week), ())`;

/** Working days (Monday to Friday) of the quarter, local dates. */
function workingDays(): string[] {
  const days: string[] = [];
  for (let d = Date.parse(`${FROM}T00:00:00Z`); d <= Date.parse(`${TO}T00:00:00Z`); d += 86_400_000) {
    const day = new Date(d);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

/** How the k-th item ends, spread evenly: most on time, some late, a few missed or still open. */
function ending(k: number, dueAt: number): { decidedAt: string } | 'expired' | 'open' {
  const r = (k * 0.6180339887) % 1;
  if (r < 0.8) return { decidedAt: new Date(dueAt - 3_600_000).toISOString() };
  if (r < 0.92) return { decidedAt: new Date(dueAt + 2 * 3_600_000).toISOString() };
  if (r < 0.97) return 'expired';
  return 'open';
}

export const assessmentReport: Scenario = {
  id: 'assessment-report',
  title: 'Ours: GET /api/assessment for 1,000 people over a quarter (all events in the log), vs the raw SQL counting the same items',
  async run(ctx): Promise<ScenarioResult> {
    const size = SIZES[ctx.size];
    const app = await benchApp(ctx);
    const rec = new LatencyRecorder();
    const api = new Api(app.baseUrl, rec);
    const auditor = await api.login('auditor');

    const ds = createDataSource({ url: app.databaseUrl, poolSize: 2, applicationName: 'custodian-bench-seed' });
    await ds.initialize();
    const started = performance.now();
    let items = 0;
    let events = 0;
    try {
      const store = new EventStore(ds, createProjectorRegistry());
      const admin = { actor: { id: 'system:bench' } };
      const run = randomUUID().slice(0, 8);
      const departments: string[] = [];
      for (let d = 0; d < DEPARTMENTS; d++) departments.push((await createDepartment(store, admin, { code: `bench-${run}-${d}`, nameEn: `Bench ${d}`, nameZh: `测试部门 ${d}` })).id);
      const people = Array.from({ length: size.people }, (_, i) => ({ id: randomUUID(), departmentId: departments[i % DEPARTMENTS] }));
      const days = workingDays().filter((_, i) => i % size.everyNthDay === 0);
      const plan: { person: (typeof people)[number]; dueAt: number }[] = [];
      for (const day of days)
        for (let n = 0; n < size.itemsPerPersonPerDay; n++)
          // 18:00 and 19:00 local (UTC+8) on the day.
          for (const person of people) plan.push({ person, dueAt: Date.parse(`${day}T${10 + n}:00:00Z`) });
      ctx.progress(`seeding ${plan.length.toLocaleString('en')} items for ${size.people.toLocaleString('en')} people over ${days.length} days (EventStore, every projector)`);
      let last = performance.now();
      for (let i = 0; i < plan.length; i += TASKS_PER_TRANSACTION) {
        const batch = plan.slice(i, i + TASKS_PER_TRANSACTION);
        events += await store.execute({ actor: { id: WORKFLOW_ACTOR } }, async (uow) => {
          let n = 0;
          for (const [j, { person, dueAt }] of batch.entries()) {
            const taskId = randomUUID();
            const key = `agent_equipment_check:${new Date(dueAt).toISOString().slice(0, 10)}:${person.id}`;
            const task: TaskRecord = {
              taskId, workflowId: `bench-${taskId}`, process: 'duty', processKey: key, step: 'agent_equipment_check', kind: 'equipment_check',
              title: { en: 'EQ-4: end-of-work equipment check', zh: 'EQ-4：下班设备检查' }, assigneeUserId: person.id, candidate: { role: 'employee', departmentId: person.departmentId },
              escalation: { role: 'site_manager', departmentId: null, mayDecide: false }, excluded: [], expected: null,
              context: { subjectUserId: person.id, subjectEmployeeId: null, requestedBy: null, summary: { en: 'EQ-4', zh: 'EQ-4' }, details: {} }, dueAt: new Date(dueAt).toISOString(), deadlineAt: null,
            };
            await uow.emit({ subject: taskSubject(taskId), type: TaskEvents.opened, payload: task, clauses: ['EQ-4'] });
            n++;
            const end = ending(i + j, dueAt);
            if (end === 'expired') {
              await uow.emit({ subject: taskSubject(taskId), type: TaskEvents.closed, payload: { taskId, status: 'expired', reason: 'deadline' }, clauses: ['EQ-4'] });
              n++;
            } else if (end !== 'open') {
              const d: TaskDecision = { taskId, outcome: 'done', decidedBy: person.id, decidedAt: end.decidedAt, comment: null, data: {} };
              await uow.emit({ subject: taskSubject(taskId), type: TaskEvents.decided, payload: d, clauses: ['EQ-4'] });
              n++;
            }
          }
          return n;
        });
        items += batch.length;
        if (performance.now() - last > 5000) {
          last = performance.now();
          ctx.progress(`seeded ${items.toLocaleString('en')}/${plan.length.toLocaleString('en')} items`);
        }
      }
    } finally {
      await ds.destroy();
    }
    const seedSec = (performance.now() - started) / 1000;
    ctx.progress(`seeded ${items.toLocaleString('en')} items, ${events.toLocaleString('en')} events in ${seedSec.toFixed(1)} s`);

    const path = `/api/assessment?from=${FROM}&to=${TO}`;
    const bounds = [new Date(`${FROM}T00:00:00+08:00`), new Date(Date.parse(`${TO}T00:00:00+08:00`) + 86_400_000), TIME_ZONE];
    await withPg(app.databaseUrl, async (c) => {
      const raw = () => c.query(RAW_ASSESSMENT_SQL, bounds);
      // The same figures both ways, or the comparison means nothing (the bench's departments only: the log may hold others' items).
      type Counts = { onTime: number; late: number; missed: number; open: number; departmentId: string | null };
      const [report, rows] = await Promise.all([api.call<{ departments: Counts[]; people: unknown[] }>(auditor, 'GET', path, undefined, { untimed: true }), raw()]);
      const oursByDept = new Map(report.departments.map((d) => [d.departmentId, [d.onTime, d.late, d.missed, d.open].join('/')]));
      const rawDepts = rows.rows.filter((r: { g: number }) => r.g === 3);
      const disagree = rawDepts.filter((r: { department: string | null; on_time: number; late: number; missed: number; open: number }) => oursByDept.get(r.department) !== [r.on_time, r.late, r.missed, r.open].join('/'));
      if (disagree.length || rawDepts.length !== report.departments.length) throw new Error(`GET /api/assessment and the raw SQL disagree on ${disagree.length} department(s)`);
      ctx.progress(`same figures both ways (${report.departments.length} departments, ${report.people.length} people)`);
      for (let i = 0; i < WARMUP; i++) {
        await api.call(auditor, 'GET', path, undefined, { untimed: true });
        await raw();
      }
      // Alternately, one at a time: both sides see the same database state and caches.
      for (let i = 0; i < size.samples; i++) {
        await api.call(auditor, 'GET', path, undefined, { route: 'GET /api/assessment (a quarter, all departments)' });
        await rec.time('raw SQL, same counts', raw);
      }
    });

    const l = rec.summaries();
    const OURS = 'GET /api/assessment (a quarter, all departments)';
    const RAW = 'raw SQL, same counts';
    const [ours, raw] = [l[OURS], l[RAW]];
    const div = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    // Reports per second, one at a time (the runner prints ours ÷ raw for it and for the latency).
    const perSec = (s: { mean: number }) => Math.round((1000 / s.mean) * 10) / 10;
    const parameters = { people: size.people, departments: DEPARTMENTS, items, events, from: FROM, to: TO, samples: size.samples };
    return {
      status: 'measured',
      parameters,
      metrics: { seedSec: Math.round(seedSec * 10) / 10, seedEventsPerSec: Math.round(events / seedSec), oursOverRawP50: div(ours.p50, raw.p50), oursOverRawP95: div(ours.p95, raw.p95) },
      latencies: { [OURS]: ours },
      compare: { key: 'assessment-report', side: 'ours', throughputPerSec: perSec(ours), latency: OURS },
      baseline: {
        id: 'assessment-report-raw',
        title: 'Raw: the same counts from the tasks read model in one SQL statement through pg',
        result: { status: 'measured', parameters, metrics: {}, latencies: { [RAW]: raw }, compare: { key: 'assessment-report', side: 'raw', throughputPerSec: perSec(raw), latency: RAW } },
      },
    };
  },
};
