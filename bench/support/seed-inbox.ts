/**
 * The fast bulk path that fills the inbox for the benchmark: `openTasks` open approval tasks and a
 * history of decided ones, `events` events in all, written as real task.opened / task.decided events
 * on the hash chain (appended in bulk, see appendBulk; the chain verifies afterwards) and projected into
 * `tasks` and `task_decisions` set-wise from the rows just appended (INSERT … SELECT over event_log), in
 * large transactions. Emitting through the EventStore would run one projection statement per event, which
 * at a million events costs more than the whole benchmark budget.
 *
 * The set-wise SQL mirrors tasksProjector (libs/domain/tasks/projector.ts) column for column, so
 * `rebuildProjections` reproduces the same rows: test/bench-seed-inbox.e2e-spec.ts holds the two
 * together (dump, rebuild, compare) and verifies the chain.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ACCESS_STAGES, type TaskDecision, type TaskRecord } from '../../libs/policy/index.js';
import { eventHash, GENESIS_HASH } from '../../libs/domain/events/canonical.js';
import { EVENT_LOG_TAIL_LOCK, PROJECTION_GATE_LOCK } from '../../libs/domain/events/event-store.js';
import { ACCESS_KIND_CLAUSES } from '../../libs/domain/processes/process-clauses.js';
import type { ProjectedEvent } from '../../libs/domain/events/types.js';
import { TaskEvents, taskSubject } from '../../libs/domain/tasks/events.js';
import { WORKFLOW_ACTOR } from '../../libs/domain/tasks/commands.js';

export interface InboxSeedPlan {
  /** Open tasks in the read model. */
  openTasks: number;
  /** Events appended in all: one per open task, two (opened, decided) per task of the history. */
  events: number;
  /** The busy approver: a supervisor of this department gets `busyShare` of the open tasks. */
  departmentId: string;
  busyShare: number;
  /** Decides the history's tasks (any user id; the projection stores it as text). */
  decidedBy: string;
  /** Tasks per transaction (about twice as many events). */
  batchTasks?: number;
}

export interface InboxSeedResult {
  openTasks: number;
  decidedTasks: number;
  events: number;
  busyApproverOpenTasks: number;
  elapsedMs: number;
}

const DAY = 86_400_000;
/** The history spans this long before now; event times grow with seq, as in a log written live. */
const SPAN_MS = 30 * DAY;
const OTHER_DEPARTMENTS = Array.from({ length: 20 }, () => randomUUID());

type Candidate = TaskRecord['candidate'] & object;

/** Who a seeded task waits for: the busy approver's share, then the rest spread over other inboxes. */
function candidateFor(i: number, plan: InboxSeedPlan): Candidate {
  const r = (i * 0.6180339887) % 1; // a low-discrepancy spread: every window of rows has the planned mix
  if (r < plan.busyShare) return { role: 'supervisor', departmentId: plan.departmentId };
  const rest = (r - plan.busyShare) / (1 - plan.busyShare);
  if (rest < 0.2) return { role: 'leadership', departmentId: null };
  if (rest < 0.4) return { role: 'it', departmentId: null };
  return { role: 'supervisor', departmentId: OTHER_DEPARTMENTS[i % OTHER_DEPARTMENTS.length] };
}

function taskRecord(i: number, plan: InboxSeedPlan, createdAt: number): TaskRecord {
  const requestId = randomUUID();
  const requester = randomUUID();
  const candidate = candidateFor(i, plan);
  const stage = ACCESS_STAGES.external_network.find((s) => s.role === candidate.role) ?? ACCESS_STAGES.external_network[0];
  return {
    taskId: randomUUID(),
    workflowId: `access-request-${requestId}`,
    process: 'access_request',
    processKey: requestId,
    step: stage.step,
    kind: stage.kind,
    title: stage.title,
    assigneeUserId: null,
    candidate,
    escalation: { role: stage.escalateTo, departmentId: null, mayDecide: stage.kind === 'approval' },
    excluded: [{ userId: requester, reason: 'requester' }],
    expected: null,
    context: {
      subjectUserId: requester,
      subjectEmployeeId: null,
      requestedBy: requester,
      summary: { en: 'Access request: external network access', zh: '访问申请：外网访问' },
      details: { requestId, kind: 'external_network', justification: 'bench: bulk-seeded request', durationMs: DAY, round: 0 },
    },
    dueAt: new Date(createdAt + 2 * DAY).toISOString(),
    deadlineAt: new Date(createdAt + 7 * DAY).toISOString(),
  };
}

function event<P extends object>(subject: string, type: string, actor: string, payload: P, at: number): ProjectedEvent {
  // Every seeded task is an external-network approval stage (SYS-1).
  return { subject, type, actor, payload: payload as Record<string, unknown>, clauses: [...ACCESS_KIND_CLAUSES.external_network], eventId: randomUUID(), occurredAt: new Date(at).toISOString() };
}

/** tasksProjector's task.opened handler as one statement over the events in [from, to]. */
const PROJECT_OPENED = `
  INSERT INTO tasks (id, workflow_id, process, process_key, step, kind, title_en, title_zh, assignee_user_id, candidate_role, candidate_department_id,
    escalation_role, escalation_department_id, escalation_may_decide, excluded, expected, context, status, due_at, deadline_at, created_at)
  SELECT (p->>'taskId')::uuid, p->>'workflowId', p->>'process', p->>'processKey', p->>'step', p->>'kind', p->'title'->>'en', p->'title'->>'zh',
         p->>'assigneeUserId', p->'candidate'->>'role', p->'candidate'->>'departmentId', p->'escalation'->>'role', p->'escalation'->>'departmentId',
         (p->'escalation'->>'mayDecide')::boolean, p->'excluded', nullif(p->'expected', 'null'::jsonb), p->'context', 'open',
         (p->>'dueAt')::timestamptz, (p->>'deadlineAt')::timestamptz, occurred_at
    FROM (SELECT payload AS p, occurred_at FROM event_log WHERE seq BETWEEN $1 AND $2 AND type = '${TaskEvents.opened}' ORDER BY seq) e`;

/** …and its task.decided handler (the decision closes the task and is recorded once). */
const PROJECT_DECIDED = [
  `UPDATE tasks t SET status = 'decided', closed_at = (e.payload->>'decidedAt')::timestamptz
     FROM event_log e WHERE e.seq BETWEEN $1 AND $2 AND e.type = '${TaskEvents.decided}' AND t.id = (e.payload->>'taskId')::uuid`,
  `INSERT INTO task_decisions (task_id, decided_by, outcome, comment, data, automatic, decided_at)
   SELECT (p->>'taskId')::uuid, p->>'decidedBy', p->>'outcome', p->>'comment', p->'data', false, (p->>'decidedAt')::timestamptz
     FROM (SELECT payload AS p FROM event_log WHERE seq BETWEEN $1 AND $2 AND type = '${TaskEvents.decided}' ORDER BY seq) e`,
];

/**
 * The events as one INSERT … SELECT FROM unnest(column arrays): ten parameters however many rows,
 * where a VALUES list needs ten per row and is parsed and planned row by row. unnest flattens an array
 * of arrays, so each event's clauses travel as one array literal ('{SYS-1}') and are cast back per row.
 */
const INSERT_EVENTS = `
  INSERT INTO event_log (seq, event_id, subject, type, actor, payload, occurred_at, prev_hash, hash, clauses)
  SELECT seq, event_id, subject, type, actor, payload, occurred_at, prev_hash, hash, clauses::text[]
    FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::timestamptz[], $8::text[], $9::text[], $10::text[])
      AS u(seq, event_id, subject, type, actor, payload, occurred_at, prev_hash, hash, clauses)`;

/**
 * Appends the batch to the chain like appendEvents (libs/domain/events/event-store.ts: the tail lock
 * until commit, then seq and hashes computed here from the tail), but in one statement and with the
 * row triggers off for this transaction only (SET LOCAL session_replication_role): the chain guard
 * (migration EventLogChainGuard) looks up the previous row once per row, which at a million rows cost
 * most of the seeding time. The chain it guards is then checked in full by verifyChain after seeding.
 * Needs a superuser, which the benchmark's embedded PostgreSQL user is.
 */
async function appendBulk(m: EntityManager, events: ProjectedEvent[]): Promise<[number, number]> {
  await m.query('SELECT pg_advisory_xact_lock($1)', [EVENT_LOG_TAIL_LOCK]);
  await m.query(`SET LOCAL session_replication_role = replica`);
  const [tail]: { seq: string | null; hash: string | null }[] = await m.query(
    `SELECT t.seq, t.hash FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT seq, hash FROM event_log ORDER BY seq DESC LIMIT 1) t ON true`,
  );
  const first = tail.seq === null ? 1 : Number(tail.seq) + 1;
  let prevHash = tail.hash ?? GENESIS_HASH;
  const cols: unknown[][] = Array.from({ length: 10 }, () => []);
  events.forEach((e, i) => {
    const seq = first + i;
    const hash = eventHash({ ...e, seq, prevHash });
    [seq, e.eventId, e.subject, e.type, e.actor, JSON.stringify(e.payload), e.occurredAt, prevHash, hash, `{${(e.clauses ?? []).join(',')}}`].forEach((v, c) => cols[c].push(v));
    prevHash = hash;
  });
  await m.query(INSERT_EVENTS, cols);
  return [first, first + events.length - 1];
}

async function writeBatch(m: EntityManager, events: ProjectedEvent[]): Promise<void> {
  // Like EventStore.execute: a rebuild (exclusive) cannot run while projected rows are being written.
  await m.query('SELECT pg_advisory_xact_lock_shared($1)', [PROJECTION_GATE_LOCK]);
  const range = await appendBulk(m, events);
  await m.query(PROJECT_OPENED, range);
  for (const sql of PROJECT_DECIDED) await m.query(sql, range);
}

/**
 * Seeds the plan into the database behind `ds` (the system's own, migrated). Tasks are written in
 * creation order: the history's first (decided long ago), then the open ones; the busy approver's
 * share is spread evenly through both.
 */
export async function seedInbox(ds: DataSource, plan: InboxSeedPlan, progress: (m: string) => void): Promise<InboxSeedResult> {
  const decided = Math.max(0, Math.floor((plan.events - plan.openTasks) / 2));
  const total = decided + plan.openTasks;
  const eventCount = plan.openTasks + 2 * decided;
  const batch = plan.batchTasks ?? 2500;
  const started = performance.now();
  const t0 = Date.now() - SPAN_MS;
  const step = SPAN_MS / Math.max(1, eventCount);
  let n = 0; // events generated so far: their times grow with it
  let busy = 0;
  let lastReport = started;
  for (let from = 0; from < total; from += batch) {
    const events: ProjectedEvent[] = [];
    for (let i = from; i < Math.min(total, from + batch); i++) {
      const isDecided = i < decided;
      const t = taskRecord(i, plan, t0 + n * step);
      if (!isDecided && t.candidate?.role === 'supervisor' && t.candidate.departmentId === plan.departmentId) busy++;
      events.push(event(taskSubject(t.taskId), TaskEvents.opened, WORKFLOW_ACTOR, t, t0 + n++ * step));
      if (isDecided) {
        const at = t0 + n++ * step;
        const d: TaskDecision = { taskId: t.taskId, outcome: 'approve', decidedBy: plan.decidedBy, decidedAt: new Date(at).toISOString(), comment: null, data: {} };
        events.push(event(taskSubject(t.taskId), TaskEvents.decided, plan.decidedBy, d, at));
      }
    }
    await ds.transaction((m) => writeBatch(m, events));
    if (performance.now() - lastReport > 2000) {
      lastReport = performance.now();
      progress(`seeded ${n.toLocaleString('en')}/${eventCount.toLocaleString('en')} events (${((n / (lastReport - started)) * 1000).toFixed(0)}/s)`);
    }
  }
  // As autovacuum would soon after such a load: the planner then knows the tables' sizes, and the tasks'
  // visibility map is set (the inbox's count is an index-only scan: tasks_open_inbox_idx). All three
  // tables, and a checkpoint: left to autovacuum and the checkpointer, a million fresh rows are vacuumed
  // and written out while the bench measures, on the same cores as both sides of it.
  await ds.query('VACUUM (ANALYZE) tasks, task_decisions, event_log');
  await ds.query('CHECKPOINT').catch(() => undefined); // a superuser's (or pg_checkpoint's): the embedded server's is
  return { openTasks: plan.openTasks, decidedTasks: decided, events: eventCount, busyApproverOpenTasks: busy, elapsedMs: performance.now() - started };
}
