import pg from 'pg';
import { rebuildProjections } from '../libs/domain/events/rebuild.js';
import { createProjectorRegistry } from '../libs/domain/projectors.js';
import { call, loginAs, startTestApi, type TestApi } from './support/api.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';

/*
 * The call center's working-day calendar over real HTTP and PostgreSQL. The calendar serves the
 * recurring duties that read it and enforces no clause itself, so these titles name none.
 * The dates are constructed examples (chosen for their weekdays), not the published 2026 schedule.
 */

let db: TestDatabase;
let api: TestApi;
const token = new Map<string, string>();
const as = (username: string) => (method: string, path: string, body?: unknown) => call(api.baseUrl, token.get(username)!, method, path, body);

const holiday = { kind: 'holiday', name: { en: 'Example holiday', zh: '示例假日' } };
const makeUp = { kind: 'workday', name: { en: 'Make-up working day', zh: '调休上班' } };

const eventsOf = async (date: string) =>
  (await db.dataSource.query(`SELECT type, actor, clauses FROM event_log WHERE subject = $1 ORDER BY seq`, [`calendar-day:${date}`])) as { type: string; actor: string; clauses: string[] }[];

/** Waits until `n` sessions of this database are blocked on a lock (so the race is real, not sequential). */
async function waitForBlocked(n: number): Promise<void> {
  for (;;) {
    const [{ waiting }] = await db.dataSource.query(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    if (waiting >= n) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.url, { SEED_DEMO: '1', LOG_LEVEL: 'error' });
  for (const u of ['ccmanager', 'agent1', 'hr', 'auditor', 'it']) token.set(u, await loginAs(api.baseUrl, u));
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('working-day calendar over HTTP', () => {
  it('the call center manager marks a holiday and a make-up working day; everyone signed in reads the year in date order', async () => {
    const before = await as('agent1')('GET', '/api/calendar/2026');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ year: 2026, timeZone: 'Asia/Shanghai', days: [] });
    // 2026 has 261 weekdays.
    expect(before.body.workingDayCount).toBe(261);

    expect(await as('ccmanager')('PUT', '/api/calendar/days/2026-10-01', holiday)).toMatchObject({ status: 200, body: { date: '2026-10-01', changed: true } });
    expect(await as('ccmanager')('PUT', '/api/calendar/days/2026-09-27', makeUp)).toMatchObject({ status: 200, body: { date: '2026-09-27', changed: true } });

    const after = await as('agent1')('GET', '/api/calendar/2026');
    expect(after.status).toBe(200);
    expect(after.body.days).toEqual([
      { date: '2026-09-27', kind: 'workday', name: makeUp.name, updatedAt: expect.any(String) },
      { date: '2026-10-01', kind: 'holiday', name: holiday.name, updatedAt: expect.any(String) },
    ]);
    // One weekday off (Thursday 1 October), one Sunday on: the same count.
    expect(after.body.workingDayCount).toBe(261);
    expect((await as('agent1')('GET', '/api/calendar/2027')).body.days).toEqual([]);

    const me = (await as('ccmanager')('GET', '/api/me')).body.id;
    expect(await eventsOf('2026-10-01')).toEqual([{ type: 'calendar.day_set', actor: me, clauses: [] }]);
  });

  it('setting the same value again records nothing; a changed name or kind records one event; clearing twice records one', async () => {
    const date = '2026-10-02';
    expect((await as('ccmanager')('PUT', `/api/calendar/days/${date}`, holiday)).body.changed).toBe(true);
    expect((await as('ccmanager')('PUT', `/api/calendar/days/${date}`, holiday)).body.changed).toBe(false);
    expect((await as('ccmanager')('PUT', `/api/calendar/days/${date}`, { ...holiday, name: { en: '  Example holiday ', zh: '示例假日' } })).body.changed).toBe(false);
    expect((await eventsOf(date)).map((e) => e.type)).toEqual(['calendar.day_set']);

    expect((await as('ccmanager')('PUT', `/api/calendar/days/${date}`, { ...holiday, name: { en: 'National Day (example)', zh: '国庆节（示例）' } })).body.changed).toBe(true);
    expect((await as('ccmanager')('DELETE', `/api/calendar/days/${date}`)).body).toEqual({ date, changed: true });
    expect((await as('ccmanager')('DELETE', `/api/calendar/days/${date}`)).body).toEqual({ date, changed: false });
    expect((await eventsOf(date)).map((e) => e.type)).toEqual(['calendar.day_set', 'calendar.day_set', 'calendar.day_cleared']);
    expect((await as('hr')('GET', '/api/calendar/2026')).body.days.map((d: { date: string }) => d.date)).not.toContain(date);
  });

  it('two concurrent identical marks of a new date record one event', async () => {
    const date = '2026-10-05';
    // Hold the table so both requests are inside their transactions, waiting, before either may read it.
    const gate = new pg.Client({ connectionString: db.url });
    await gate.connect();
    try {
      await gate.query('BEGIN');
      await gate.query('LOCK TABLE calendar_days IN ACCESS EXCLUSIVE MODE');
      const race = Promise.all([as('ccmanager')('PUT', `/api/calendar/days/${date}`, holiday), as('ccmanager')('PUT', `/api/calendar/days/${date}`, holiday)]);
      await waitForBlocked(2);
      await gate.query('COMMIT');
      const both = await race;
      expect(both.map((r) => r.status)).toEqual([200, 200]);
      expect(both.map((r) => r.body.changed).sort()).toEqual([false, true]);
    } finally {
      await gate.end();
    }
    expect(await eventsOf(date)).toHaveLength(1);
  });

  it('only the call center manager changes the calendar: others get 403 and nothing is recorded', async () => {
    const date = '2026-10-06';
    for (const u of ['agent1', 'hr', 'auditor', 'it']) {
      expect((await as(u)('PUT', `/api/calendar/days/${date}`, holiday)).status).toBe(403);
      expect((await as(u)('DELETE', `/api/calendar/days/${date}`)).status).toBe(403);
    }
    expect(await eventsOf(date)).toEqual([]);
    expect((await call(api.baseUrl, null, 'GET', '/api/calendar/2026')).status).toBe(401);
  });

  it('bad dates, years and bodies are 400 with a message saying what to fix, and record nothing', async () => {
    const bad = async (method: string, path: string, body: unknown, message: RegExp) => {
      const r = await as('ccmanager')(method, path, body);
      expect({ path, status: r.status }).toEqual({ path, status: 400 });
      expect(JSON.stringify(r.body)).toMatch(message);
    };
    for (const d of ['2026-02-29', '2026-13-01', '2026-04-31', '2026-1-5', 'tomorrow']) {
      await bad('PUT', `/api/calendar/days/${d}`, holiday, /date must be a real calendar date written YYYY-MM-DD/);
      await bad('DELETE', `/api/calendar/days/${d}`, undefined, /date must be a real calendar date/);
    }
    await bad('PUT', '/api/calendar/days/1999-10-01', holiday, /years 2000-2100/);
    for (const y of ['1999', '2101', '26', 'abcd']) await bad('GET', `/api/calendar/${y}`, undefined, /year must be a year from 2000 to 2100/);
    await bad('PUT', '/api/calendar/days/2026-10-07', { kind: 'vacation', name: holiday.name }, /kind must be one of: holiday, workday/);
    await bad('PUT', '/api/calendar/days/2026-10-07', { kind: 'holiday' }, /name is required/);
    await bad('PUT', '/api/calendar/days/2026-10-07', { kind: 'holiday', name: { en: 'Holiday' } }, /name\.zh is required/);
    await bad('PUT', '/api/calendar/days/2026-10-07', { kind: 'holiday', name: { en: '   ', zh: '假日' } }, /name\.en must not be blank/);
    await bad('PUT', '/api/calendar/days/2026-10-07', { kind: 'holiday', name: { en: 'x'.repeat(101), zh: '假日' } }, /name\.en must be shorter than or equal to 100 characters/);
    await bad('PUT', '/api/calendar/days/2026-10-07', { kind: 'holiday', name: 'Holiday' }, /name must be an object/);
    expect(await eventsOf('2026-10-07')).toEqual([]);
  });

  it('the calendar rebuilt from the event log equals the live one', async () => {
    await as('ccmanager')('PUT', '/api/calendar/days/2026-10-10', makeUp);
    const dump = () => db.dataSource.query(`SELECT day::text, kind, name_en, name_zh, updated_at FROM calendar_days ORDER BY day`);
    const live = await dump();
    expect(live.length).toBeGreaterThan(2);
    await rebuildProjections(db.dataSource, createProjectorRegistry());
    expect(await dump()).toEqual(live);
    // The rebuilt calendar takes new changes.
    expect((await as('ccmanager')('DELETE', '/api/calendar/days/2026-10-10')).body.changed).toBe(true);
  });
});
