import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { dutyScheduleId } from '../libs/policy/duties.js';
import { findTemporalBinary } from '../libs/temporal/binaries.js';
import { call, loginAs, startTestApi, type TestApi } from './support/api.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { deleteDutySchedules } from './support/duty-schedules.js';
import { need, TEST_ENV } from './support/env.js';
import { connectDevServer } from './support/temporal.js';

/*
 * Duty definitions are events kept through the API by the call-center manager, and the Temporal
 * Schedules follow them: created, updated, paused, resumed, deleted at once, and brought back in line at
 * boot when someone changed one behind Custodian's back. The proof reads the schedule with the Temporal
 * CLI (`temporal schedule describe`), as an operator would.
 */

let db: TestDatabase;
let api: TestApi;
const taskQueue = `duty-defs-${randomUUID()}`;
const token = new Map<string, string>();
const as = (username: string) => (method: string, path: string, body?: unknown) => call(api.baseUrl, token.get(username)!, method, path, body);
const run = promisify(execFile);

/** `temporal schedule describe` as JSON; null when the schedule does not exist. */
async function describeWithCli(dutyId: string): Promise<any> {
  const cli = findTemporalBinary('cli');
  if (!cli) throw new Error('no Temporal CLI (TEMPORAL_CLI_PATH, PATH or .tools)');
  try {
    const { stdout } = await run(cli.path, ['schedule', 'describe', '--schedule-id', dutyScheduleId(taskQueue, dutyId), '--address', need(TEST_ENV.temporalAddress), '--namespace', 'default', '--output', 'json']);
    return JSON.parse(stdout);
  } catch (e) {
    if (/not found/i.test(String((e as { stderr?: string }).stderr ?? e))) return null;
    throw e;
  }
}

const doorsAtNight = {
  id: 'doors_windows_night',
  clauses: ['EQ-7'],
  title: { en: 'EQ-7: doors and windows, night round', zh: 'EQ-7：夜间门窗巡查' },
  owner: { role: 'security', departmentId: null },
  cadence: { every: 'week', weekday: 3, at: '21:15' },
  dueAt: '22:00',
  deadline: '23:30',
  escalation: 'cc_manager',
  taskKind: 'doors_windows_check',
};
const { id: _id, ...doorsBody } = doorsAtNight;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.url, { SEED_DEMO: '1', LOG_LEVEL: 'error', TEMPORAL_TASK_QUEUE: taskQueue, DUTY_SCHEDULES: 'on' });
  for (const u of ['ccmanager', 'site', 'auditor', 'agent1']) token.set(u, await loginAs(api.baseUrl, u));
});
afterAll(async () => {
  const env = await connectDevServer({ custodian: true });
  await deleteDutySchedules(env.client, taskQueue, ['doors_windows_night']);
  await env.teardown();
  await api?.close();
  await db?.drop();
});

describe('duty definitions as events, their Temporal Schedules in line (real HTTP, PostgreSQL, Temporal dev server and CLI)', () => {
  it('EQ-6, EQ-8, EQ-7, EQ-3, INF-8, EQ-2, EQ-4, INF-11: the built-in duties are seeded as definitions at the first boot, each with its schedule', async () => {
    const r = await as('auditor')('GET', '/api/duties/definitions');
    expect(r.status).toBe(200);
    expect(r.body.items.map((d: { id: string }) => d.id).sort()).toEqual(
      ['extinguisher_check', 'fire_training', 'machine_room_power_off', 'materials_backup', 'shift_handover_day', 'shift_handover_evening', 'doors_windows', 'power_inspection', 'power_inspection_unannounced', 'agent_equipment_check', 'notes_handin', 'computer_locks'].sort(),
    );
    expect(r.body.items.find((d: { id: string }) => d.id === 'materials_backup')).toMatchObject({ clauses: ['INF-8'], owner: { role: 'it', departmentId: null }, cadence: { every: 'week', weekday: 5, at: '16:00' }, paused: false, version: 1 });
    expect(r.body.items.find((d: { id: string }) => d.id === 'notes_handin')).toMatchObject({ clauses: ['INF-11'], perAgent: { confirmBy: 'site_manager' } });
    const seeded = await db.dataSource.query(`SELECT actor, clauses FROM event_log WHERE subject = 'duty-definition:extinguisher_check'`);
    expect(seeded).toEqual([{ actor: 'system:duty', clauses: ['EQ-3'] }]);
    // EQ-2 unannounced: the schedule fires when the window opens (09:00), the run draws the time.
    expect((await as('site')('GET', '/api/duties?date=2026-12-09')).body.duties).toContainEqual(expect.objectContaining({ dutyId: 'power_inspection_unannounced', at: '09:00', until: '17:00' }));
    expect(await describeWithCli('fire_training')).toMatchObject({ schedule: { spec: { structuredCalendar: [{ dayOfMonth: [{ start: 15, end: 15 }], hour: [{ start: 10, end: 10 }] }], timezoneName: 'Asia/Shanghai' } } });
  });

  it('EQ-1, EQ-7: the call-center manager defines a duty and its schedule exists at once; changed, paused, resumed and deleted, the schedule follows each time', async () => {
    const ccm = as('ccmanager');
    const created = await ccm('POST', '/api/duties/definitions', doorsAtNight);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ dutyId: 'doors_windows_night', changed: true, schedule: 'in_line' });
    let cli = await describeWithCli('doors_windows_night');
    expect(cli.schedule.spec).toMatchObject({ structuredCalendar: [{ dayOfWeek: [{ start: 3, end: 3 }], hour: [{ start: 21, end: 21 }], minute: [{ start: 15, end: 15 }] }], timezoneName: 'Asia/Shanghai' });
    expect(cli.schedule.action.startWorkflow).toMatchObject({ workflowId: 'duty-doors_windows_night', workflowType: { name: 'dutyOccurrenceWorkflow' }, taskQueue: { name: taskQueue } });
    expect(cli.schedule.state.paused ?? false).toBe(false);

    // Changed: every working day at 20:30; the same definition again records nothing.
    const changed = { ...doorsBody, cadence: { every: 'working_day', at: '20:30' }, dueAt: '21:30' };
    expect((await ccm('PUT', '/api/duties/definitions/doors_windows_night', changed)).body).toEqual({ dutyId: 'doors_windows_night', changed: true, schedule: 'in_line' });
    expect((await ccm('PUT', '/api/duties/definitions/doors_windows_night', changed)).body).toMatchObject({ changed: false });
    cli = await describeWithCli('doors_windows_night');
    expect(cli.schedule.spec.structuredCalendar).toEqual([expect.objectContaining({ hour: [{ start: 20, end: 20, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }] })]);
    // Every day of the week now (the workflow asks the calendar whether a day is a working day).
    expect(cli.schedule.spec.structuredCalendar[0].dayOfWeek).toEqual([{ end: 6, step: 1 }]);

    expect((await ccm('POST', '/api/duties/definitions/doors_windows_night/pause')).body).toEqual({ dutyId: 'doors_windows_night', changed: true, schedule: 'in_line' });
    expect((await describeWithCli('doors_windows_night')).schedule.state.paused).toBe(true);
    expect((await as('site')('GET', '/api/duties?date=2026-12-09')).body.duties).toContainEqual(expect.objectContaining({ dutyId: 'doors_windows_night', paused: true }));
    expect((await ccm('POST', '/api/duties/definitions/doors_windows_night/resume')).status).toBe(200);
    expect((await describeWithCli('doors_windows_night')).schedule.state.paused ?? false).toBe(false);

    expect((await ccm('DELETE', '/api/duties/definitions/doors_windows_night')).body).toEqual({ dutyId: 'doors_windows_night', changed: true, schedule: 'in_line' });
    expect(await describeWithCli('doors_windows_night')).toBeNull();
    expect((await ccm('DELETE', '/api/duties/definitions/doors_windows_night')).status).toBe(404);

    const logged = await db.dataSource.query(`SELECT type, clauses, actor FROM event_log WHERE subject = 'duty-definition:doors_windows_night' ORDER BY seq`);
    expect(logged.map((e: { type: string }) => e.type)).toEqual(['duty.defined', 'duty.redefined', 'duty.paused', 'duty.resumed', 'duty.deleted']);
    expect(new Set(logged.map((e: { clauses: string[] }) => e.clauses.join()))).toEqual(new Set(['EQ-7']));

    // Deleted, the id may be defined again.
    expect((await ccm('POST', '/api/duties/definitions', doorsAtNight)).status).toBe(201);
    expect((await ccm('POST', '/api/duties/definitions', doorsAtNight)).status).toBe(409);
  });

  it('EQ-1: a schedule changed behind Custodian is brought back in line with its definition at the next boot', async () => {
    const env = await connectDevServer({ custodian: true });
    try {
      const handle = env.client.schedule.getHandle(dutyScheduleId(taskQueue, 'machine_room_power_off'));
      await handle.pause('changed by hand');
      expect((await describeWithCli('machine_room_power_off')).schedule.state.paused).toBe(true);
      const second = await startTestApi(db.url, { LOG_LEVEL: 'error', TEMPORAL_TASK_QUEUE: taskQueue, DUTY_SCHEDULES: 'on' });
      await second.close();
      expect((await describeWithCli('machine_room_power_off')).schedule.state.paused ?? false).toBe(false);
    } finally {
      await env.teardown();
    }
  });

  it('EQ-1: only the call-center manager defines duties; a definition the server cannot run is a 400 naming the field', async () => {
    for (const u of ['site', 'auditor', 'agent1']) expect((await as(u)('POST', '/api/duties/definitions', { ...doorsAtNight, id: 'not_theirs' })).status).toBe(403);
    expect((await as('agent1')('GET', '/api/duties/definitions')).status).toBe(403);
    const ccm = as('ccmanager');
    const bad = async (body: object) => {
      const r = await ccm('POST', '/api/duties/definitions', { ...doorsAtNight, id: 'bad_duty', ...body });
      expect(r.status).toBe(400);
      return JSON.stringify(r.body);
    };
    expect(await bad({ dueAt: '20:00' })).toMatch(/dueAt must come after cadence.at/);
    expect(await bad({ deadline: '21:30' })).toMatch(/deadline must come after dueAt/);
    expect(await bad({ taskKind: 'approval' })).toMatch(/taskKind must be one of/);
    expect(await bad({ clauses: ['XYZ'] })).toMatch(/clauses/);
    expect(await bad({ owner: { role: 'security', userId: 'u-1' } })).toMatch(/owner/);
    expect(await bad({ cadence: { every: 'week', at: '21:15' } })).toMatch(/weekday/);
    expect(await bad({ id: 'Bad-Id' })).toMatch(/id must be/);
    expect(await bad({ color: 'red' })).toMatch(/color/);
    expect((await ccm('PUT', '/api/duties/definitions/no_such_duty', doorsBody)).status).toBe(404);
    expect((await ccm('POST', '/api/duties/definitions/no_such_duty/pause')).status).toBe(404);
  });
});
