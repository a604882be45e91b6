import { randomUUID } from 'node:crypto';
import { beginDuty, recordDutyAssignment, recordDutyCompleted, recordDutyLate } from '../libs/domain/duties/commands.js';
import { activeAgents } from '../libs/read-models/duties.js';
import { createProjectorRegistry } from '../libs/domain/projectors.js';
import { EventStore } from '../libs/domain/events/event-store.js';
import { dutyScheduleId } from '../libs/policy/duties.js';
import { call, loginAs, startTestApi, type TestApi } from './support/api.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { deleteDutySchedules } from './support/duty-schedules.js';
import { connectDevServer } from './support/temporal.js';

/*
 * GET /api/duties over real HTTP and PostgreSQL: who may read the recurring duties (duties.read) and
 * what an occurrence recorded by the duty's commands looks like there.
 */

let db: TestDatabase;
let api: TestApi;
const taskQueue = `duties-http-${randomUUID()}`;
const token = new Map<string, string>();
const as = (username: string) => (path: string) => call(api.baseUrl, token.get(username)!, 'GET', path);

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.url, { SEED_DEMO: '1', LOG_LEVEL: 'error', TEMPORAL_TASK_QUEUE: taskQueue, DUTY_SCHEDULES: 'on' });
  for (const u of ['ccmanager', 'site', 'auditor', 'agent1', 'hr', 'it']) token.set(u, await loginAs(api.baseUrl, u));
});
afterAll(async () => {
  // The API's boot created a schedule per seeded duty on this test's own queue: they are not the dev server's to keep.
  const env = await connectDevServer({ custodian: true });
  await deleteDutySchedules(env.client, taskQueue);
  await env.teardown();
  await api?.close();
  await db?.drop();
});

describe('recurring duties over HTTP', () => {
  it('EQ-6: the call-center manager, the site manager and the auditor read the power-off check of a date; others get 403', async () => {
    for (const u of ['ccmanager', 'site', 'auditor']) {
      const r = await as(u)('/api/duties?date=2026-12-07');
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ date: '2026-12-07', timeZone: 'Asia/Shanghai' });
      expect(r.body.duties).toContainEqual(
        expect.objectContaining({ dutyId: 'machine_room_power_off', clauses: ['EQ-6'], owner: { role: 'site_manager', departmentId: null }, escalation: 'cc_manager', paused: false, occurrence: null }),
      );
    }
    for (const u of ['agent1', 'hr', 'it']) expect((await as(u)('/api/duties?date=2026-12-07')).status).toBe(403);
  });

  it('EQ-6: an occurrence done late shows completed and late, with the checklist answers and its EQ-6 events', async () => {
    const events = new EventStore(db.dataSource, createProjectorRegistry());
    const begun = await beginDuty(events, { idempotencyKey: 'wf-1:begin' }, { dutyId: 'machine_room_power_off', timeZone: 'Asia/Shanghai', date: '2026-12-08', at: '2026-12-08T10:00:00Z', workflowId: 'wf-1' });
    // Tuesday 8 December: due 19:00 in Shanghai (11:00 UTC), missed at Wednesday's start (16:00 UTC the day before).
    expect(begun).toEqual({
      working: true,
      date: '2026-12-08',
      occurrenceId: 'machine_room_power_off:2026-12-08',
      duplicateOf: null,
      dueAt: '2026-12-08T11:00:00.000Z',
      deadlineAt: '2026-12-08T16:00:00.000Z',
      // The definition as it stands in the log (seeded from the built-in one at the API's boot).
      duty: { id: 'machine_room_power_off', clauses: ['EQ-6'], title: expect.objectContaining({ en: expect.stringMatching(/^EQ-6/) }), owner: { role: 'site_manager', departmentId: null }, escalation: 'cc_manager', taskKind: 'power_off_check', unannounced: null, perAgent: null },
      windowEndAt: null,
    });
    // A second firing for the same date is told who holds the occurrence, and records nothing.
    expect(await beginDuty(events, { idempotencyKey: 'wf-2:begin' }, { dutyId: 'machine_room_power_off', timeZone: 'Asia/Shanghai', date: '2026-12-08', at: '2026-12-08T10:00:05Z', workflowId: 'wf-2' })).toMatchObject({ duplicateOf: 'wf-1' });
    await recordDutyLate(events, { idempotencyKey: 'wf-1:late' }, { occurrenceId: 'machine_room_power_off:2026-12-08' });
    await recordDutyCompleted(events, { idempotencyKey: 'wf-1:completed' }, { occurrenceId: 'machine_room_power_off:2026-12-08', by: 'site-user', at: '2026-12-08T11:30:00.000Z', late: true, data: { powerOff: true }, comment: null });

    const r = await as('site')('/api/duties?date=2026-12-08');
    expect(r.status).toBe(200);
    expect(r.body.duties.find((d: { dutyId: string }) => d.dutyId === 'machine_room_power_off').occurrence).toMatchObject({ state: 'completed', late: true, completedBy: 'site-user', data: { powerOff: true }, workflowId: 'wf-1' });
    const logged = await db.dataSource.query(`SELECT type, clauses FROM event_log WHERE subject = $1 ORDER BY seq`, ['duty:machine_room_power_off:2026-12-08']);
    expect(logged).toEqual([
      { type: 'duty.opened', clauses: ['EQ-6'] },
      { type: 'duty.late', clauses: ['EQ-6'] },
      { type: 'duty.completed', clauses: ['EQ-6'] },
    ]);
  });

  it('EQ-6: a weekend is no working day: nothing is opened or recorded', async () => {
    const events = new EventStore(db.dataSource, createProjectorRegistry());
    expect(await beginDuty(events, { idempotencyKey: 'wf-3:begin' }, { dutyId: 'machine_room_power_off', timeZone: 'Asia/Shanghai', date: '2026-12-05', at: '2026-12-05T10:00:00Z', workflowId: 'wf-3' })).toEqual({ working: false, date: '2026-12-05' });
    expect(await db.dataSource.query(`SELECT 1 FROM event_log WHERE subject LIKE 'duty:%2026-12-05'`)).toEqual([]);
  });

  it('EQ-6: the API started by creating the power-off check schedule of its task queue (18:00 in DEFAULT_TIME_ZONE)', async () => {
    const env = await connectDevServer({ custodian: true });
    try {
      const handle = env.client.schedule.getHandle(dutyScheduleId(taskQueue, 'machine_room_power_off'));
      const d = await handle.describe();
      expect(d.spec).toMatchObject({ calendars: [{ hour: [{ start: 18, end: 18 }], minute: [{ start: 0, end: 0 }] }], timezone: 'Asia/Shanghai' });
      expect(d.action).toMatchObject({ workflowType: 'dutyOccurrenceWorkflow', workflowId: 'duty-machine_room_power_off', taskQueue, args: [] });
      await handle.delete();
    } finally {
      await env.teardown();
    }
  });

  it('EQ-6: a holiday on a weekday records nothing; a Saturday marked a make-up working day opens the occurrence, missed at the next working day start', async () => {
    const events = new EventStore(db.dataSource, createProjectorRegistry());
    const put = (date: string, kind: string) => call(api.baseUrl, token.get('ccmanager')!, 'PUT', `/api/calendar/days/${date}`, { kind, name: { en: 'Test', zh: '测试' } });
    expect((await put('2026-12-16', 'holiday')).status).toBe(200);
    expect((await put('2026-12-19', 'workday')).status).toBe(200);
    const begin = (date: string) => beginDuty(events, { idempotencyKey: `wf-${date}:begin` }, { dutyId: 'machine_room_power_off', timeZone: 'Asia/Shanghai', date, at: `${date}T10:00:00Z`, workflowId: `wf-${date}` });
    expect(await begin('2026-12-16')).toEqual({ working: false, date: '2026-12-16' });
    // Saturday 19 December works; Sunday does not, so its deadline is Monday 21 December's start (Shanghai).
    expect(await begin('2026-12-19')).toMatchObject({ working: true, dueAt: '2026-12-19T11:00:00.000Z', deadlineAt: '2026-12-20T16:00:00.000Z' });
  });

  it('EQ-4, INF-11: the active agents a per-agent duty fans out to, and one agent part recorded', async () => {
    const agents = await activeAgents(db.dataSource);
    const [agent1] = await db.dataSource.query(`SELECT id::text AS id FROM users WHERE username = 'agent1'`);
    const [ccm] = await db.dataSource.query(`SELECT id::text AS id FROM users WHERE username = 'ccmanager'`);
    expect(agents).toContainEqual({ userId: agent1.id });
    expect(agents).not.toContainEqual({ userId: ccm.id });
    const events = new EventStore(db.dataSource, createProjectorRegistry());
    const occurrenceId = 'notes_handin:2026-12-14';
    const part = { occurrenceId, userId: agent1.id, state: 'completed' as const, late: true, data: { handedIn: true }, completedAt: '2026-12-14T09:00:00.000Z', confirmedBy: 'site-user', confirmedAt: '2026-12-14T11:00:00.000Z' };
    await recordDutyAssignment(events, { idempotencyKey: 'wf-n:assignment' }, part);
    expect(await db.dataSource.query(`SELECT user_id, state, late, confirmed_by FROM duty_assignments WHERE occurrence_id = $1`, [occurrenceId])).toEqual([{ user_id: agent1.id, state: 'completed', late: true, confirmed_by: 'site-user' }]);
    expect(await db.dataSource.query(`SELECT type, clauses, actor FROM event_log WHERE subject = $1`, [`duty:${occurrenceId}`])).toEqual([{ type: 'duty.assignment_recorded', clauses: ['INF-11'], actor: agent1.id }]);
  });

  it('a malformed or impossible date is a 400', async () => {
    expect((await as('ccmanager')('/api/duties?date=yesterday')).status).toBe(400);
    expect((await as('ccmanager')('/api/duties?date=2026-02-30')).status).toBe(400);
  });
});
