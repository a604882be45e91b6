import { randomUUID } from 'node:crypto';
import { parseCsv } from './support/csv.js';
import ExcelJS from 'exceljs';
import { EventStore } from '../libs/domain/events/event-store.js';
import { rebuildProjections } from '../libs/domain/events/rebuild.js';
import { createProjectorRegistry } from '../libs/domain/projectors.js';
import { recordTask, type AssessedTask } from './support/assessment.js';
import { call, loginAs, startTestApi, type TestApi } from './support/api.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { departmentWithEmployees, userWith } from './support/directory.js';
import { dumpTables } from './support/read-models.js';

/*
 * The assessment report (policy preamble: compliance per person and per department) over real HTTP and
 * PostgreSQL. Tasks are recorded through the same commands the workflows use; the expected figures below
 * are counted by hand from the list of items, not computed by the code under test.
 */

let db: TestDatabase;
let api: TestApi;
let events: EventStore;
const token = new Map<string, string>();
const get = (username: string, path: string) => call(api.baseUrl, token.get(username)!, 'GET', path);
const ids: Record<string, string> = {};
const PERIOD = 'from=2026-11-02&to=2026-11-15';

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.url, { SEED_DEMO: '1', LOG_LEVEL: 'error' });
  events = new EventStore(db.dataSource, createProjectorRegistry());
  for (const u of ['ccmanager', 'auditor', 'supervisor', 'agent1', 'agent2', 'site', 'hr']) token.set(u, await loginAs(api.baseUrl, u));
  const users: { id: string; username: string }[] = await db.dataSource.query(`SELECT id::text, username FROM users`);
  for (const u of users) ids[u.username] = u.id;
  [{ id: ids.outbound1 }] = await db.dataSource.query(`SELECT id::text FROM departments WHERE code = 'outbound-1'`);
  const two = await departmentWithEmployees(events, 'outbound-2', 1);
  ids.outbound2 = two.departmentId;
  ids.agent3 = await userWith(events, 'agent3', ['employee'], { employeeId: two.employeeIds[0], departmentId: two.departmentId });
  token.set('agent3', await loginAs(api.baseUrl, 'agent3'));

  const { agent1, agent2, agent3, supervisor, site, outbound1 } = ids;
  // Asia/Shanghai is UTC+8: the period 2026-11-02..15 runs from 2026-11-01T16:00Z to 2026-11-15T16:00Z.
  const items: AssessedTask[] = [
    /* 1 */ { process: 'onboarding', processKey: 'e1', step: 'agreement', kind: 'agreement', assignee: agent1, dueAt: '2026-11-03T10:00:00Z', end: { decidedAt: '2026-11-03T09:00:00Z' } },
    /* 2 */ { process: 'duty', processKey: 'notes_handin:2026-11-04:a1', step: 'notes_handin', kind: 'notes_handin', assignee: agent1, dueAt: '2026-11-04T10:00:00Z', end: { decidedAt: '2026-11-04T12:00:00Z' } },
    /* 3 */ { process: 'duty', processKey: 'agent_equipment_check:2026-11-10:a1', step: 'agent_equipment_check', kind: 'equipment_check', assignee: agent1, dueAt: '2026-11-10T10:00:00Z', end: 'expired' },
    /* 4 */ { process: 'duty', processKey: 'agent_equipment_check:2026-11-12:a1', step: 'agent_equipment_check', kind: 'equipment_check', assignee: agent1, dueAt: '2026-11-12T10:00:00Z' },
    /* 5 */ { process: 'duty', processKey: 'notes_handin:2026-11-05:a2', step: 'notes_handin', kind: 'notes_handin', assignee: agent2, dueAt: '2026-11-05T10:00:00Z', end: { decidedAt: '2026-11-05T10:00:00Z' } },
    // 6: a first-level review for outbound-1, claimed by its supervisor and decided a day late.
    /* 6 */ { process: 'access_request', processKey: randomUUID(), step: 'supervisor_review', kind: 'approval', candidate: { role: 'supervisor', departmentId: outbound1 }, claimedBy: supervisor, dueAt: '2026-11-06T10:00:00Z', end: { decidedAt: '2026-11-07T10:00:00Z' } },
    /* 7 */ { process: 'onboarding', processKey: 'e3', step: 'fire_safety', kind: 'acknowledgement', assignee: agent3, dueAt: '2026-11-09T10:00:00Z', end: { decidedAt: '2026-11-08T10:00:00Z' } },
    /* 8 */ { process: 'duty', processKey: 'notes_handin:2026-11-11:a3', step: 'notes_handin', kind: 'notes_handin', assignee: agent3, dueAt: '2026-11-11T10:00:00Z', end: 'expired' },
    // 9, 10: hazard fixes for the machine-room managers (no department): one done by `site`, one nobody took.
    /* 9 */ { process: 'hazard', processKey: 'h1', step: 'hazard_fix', kind: 'hazard_fix', candidate: { role: 'site_manager', departmentId: null }, dueAt: '2026-11-13T10:00:00Z', end: { decidedAt: '2026-11-13T08:00:00Z', by: site } },
    /* 10 */ { process: 'hazard', processKey: 'h2', step: 'hazard_fix', kind: 'hazard_fix', candidate: { role: 'site_manager', departmentId: null }, dueAt: '2026-11-14T10:00:00Z' },
    // 11: local 2026-11-15 23:59, the period's last minute; 12: local 2026-11-02 00:00, its first.
    /* 11 */ { process: 'offboarding', processKey: 'e2', step: 'return_item', kind: 'return_item', assignee: agent2, dueAt: '2026-11-15T15:59:00Z' },
    /* 12 */ { process: 'onboarding', processKey: 'e2', step: 'agreement', kind: 'agreement', assignee: agent2, dueAt: '2026-11-01T16:00:00Z', end: { decidedAt: '2026-11-01T15:00:00Z' } },
    // Not counted: local 2026-11-16 00:00 (after the period), local 2026-11-01 23:59 (before it), and a cancelled step.
    { process: 'duty', processKey: 'notes_handin:2026-11-16:a1', step: 'notes_handin', kind: 'notes_handin', assignee: agent1, dueAt: '2026-11-15T16:00:00Z', end: 'expired' },
    { process: 'duty', processKey: 'notes_handin:2026-11-01:a1', step: 'notes_handin', kind: 'notes_handin', assignee: agent1, dueAt: '2026-11-01T15:59:00Z', end: 'expired' },
    { process: 'access_request', processKey: randomUUID(), step: 'supervisor_review', kind: 'approval', assignee: agent2, dueAt: '2026-11-05T10:00:00Z', end: 'cancelled' },
  ];
  for (const i of items) await recordTask(events, i);
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const counts = (onTime: number, late: number, missed: number, open: number) => {
  const settled = onTime + late + missed;
  const r = (n: number) => (settled ? Math.round((n / settled) * 10_000) / 10_000 : null);
  return { onTime, late, missed, open, total: onTime + late + missed + open, onTimeRate: r(onTime), lateRate: r(late), missedRate: r(missed) };
};

/*
 * By hand, from the items above:
 *   outbound-1: agent1 1 on time (1), 1 late (2), 1 missed (3), 1 open (4); agent2 2 on time (5, 12), 1 open (11);
 *               supervisor 1 late (6, the review of their department)            → 3 / 2 / 1 / 2
 *   outbound-2: agent3 1 on time (7), 1 missed (8)                                → 1 / 0 / 1 / 0
 *   no department: site 1 on time (9); nobody 1 open (10)                        → 1 / 0 / 0 / 1
 *   total                                                                        → 5 / 2 / 2 / 3
 *   week of Mon 2026-11-02 (by due time): 12, 1, 2, 5, 6   → on time 12, 1, 5; late 2, 6              → 3 / 2 / 0 / 0
 *   week of Mon 2026-11-09: 7, 3, 8, 4, 9, 10, 11           → on time 7, 9; missed 3, 8; open 4, 10, 11 → 2 / 0 / 2 / 3
 */
describe('GET /api/assessment', () => {
  it('preamble: the figures of a seeded period match a hand count, per department, person and week', async () => {
    const r = await get('auditor', `/api/assessment?${PERIOD}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ from: '2026-11-02', to: '2026-11-15', timeZone: 'Asia/Shanghai', scope: 'all' });
    expect(r.body.totals).toEqual(counts(5, 2, 2, 3));
    expect(r.body.departments).toEqual([
      { departmentId: ids.outbound1, code: 'outbound-1', name: { en: 'Outbound calls 1', zh: '外呼一部' }, ...counts(3, 2, 1, 2) },
      { departmentId: ids.outbound2, code: 'outbound-2', name: { en: 'outbound-2', zh: 'outbound-2' }, ...counts(1, 0, 1, 0) },
      { departmentId: null, code: null, name: null, ...counts(1, 0, 0, 1) },
    ]);
    const person = (personId: string | null, departmentId: string | null) => r.body.people.find((p: { personId: string | null; departmentId: string | null }) => p.personId === personId && p.departmentId === departmentId);
    expect(person(ids.agent1, ids.outbound1)).toMatchObject({ username: 'agent1', ...counts(1, 1, 1, 1) });
    expect(person(ids.agent2, ids.outbound1)).toMatchObject({ username: 'agent2', ...counts(2, 0, 0, 1) });
    expect(person(ids.supervisor, ids.outbound1)).toMatchObject({ username: 'supervisor', ...counts(0, 1, 0, 0) });
    expect(person(ids.agent3, ids.outbound2)).toMatchObject({ username: 'agent3', ...counts(1, 0, 1, 0) });
    expect(person(ids.site, null)).toMatchObject({ username: 'site', ...counts(1, 0, 0, 0) });
    expect(person(null, null)).toMatchObject({ displayName: null, ...counts(0, 0, 0, 1) });
    expect(r.body.people).toHaveLength(6);
    expect(r.body.weeks).toEqual([
      { weekStart: '2026-11-02', ...counts(3, 2, 0, 0) },
      { weekStart: '2026-11-09', ...counts(2, 0, 2, 3) },
    ]);
  });

  it('preamble: the drill-down lists the items of a person, by due time, with kind, clauses and outcome', async () => {
    const r = await get('ccmanager', `/api/assessment/items?${PERIOD}&personId=${ids.agent1}&pageSize=2`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(r.body.items.map((i: { outcome: string; kind: string }) => [i.kind, i.outcome])).toEqual([['onboarding_step', 'on_time'], ['note_handin', 'late']]);
    expect(r.body.items[1]).toMatchObject({ clauses: ['INF-11'], personName: 'An Li 李安', departmentId: ids.outbound1, doneAt: '2026-11-04T12:00:00.000Z', dueAt: '2026-11-04T10:00:00.000Z' });
    const page2 = await get('ccmanager', `/api/assessment/items?${PERIOD}&personId=${ids.agent1}&pageSize=2&page=2`);
    expect(page2.body.items.map((i: { kind: string; outcome: string }) => [i.kind, i.outcome])).toEqual([['duty', 'missed'], ['duty', 'open']]);
    const missed = await get('ccmanager', `/api/assessment/items?${PERIOD}&outcome=missed`);
    expect(missed.body.total).toBe(2);
    const none = await get('ccmanager', `/api/assessment/items?${PERIOD}&departmentId=none&kind=hazard_fix`);
    expect(none.body.items.map((i: { outcome: string }) => i.outcome)).toEqual(['on_time', 'open']);
  });

  it('refuses a bad period with a clear 400', async () => {
    const cases: [string, RegExp][] = [
      ['from=2026-11-15&to=2026-11-02', /from \(2026-11-15\) must not be after to \(2026-11-02\)/],
      ['from=2025-01-01&to=2026-11-02', /longer than 366 days/],
      ['from=2026-02-30&to=2026-03-02', /from 2026-02-30 is not a calendar date/],
      ['from=02/11/2026', /from must be a calendar date written YYYY-MM-DD/],
      ['departmentId=outbound-1', /departmentId must be a department id \(uuid\) or none/],
    ];
    for (const [q, message] of cases) {
      const r = await get('auditor', `/api/assessment?${q}`);
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body)).toMatch(message);
    }
    expect((await get('auditor', `/api/assessment/items?${PERIOD}&outcome=cancelled`)).status).toBe(400);
  });
});

describe('who sees what', () => {
  it('preamble: the call center manager and the auditor see every department', async () => {
    for (const u of ['ccmanager', 'auditor']) {
      const r = await get(u, `/api/assessment?${PERIOD}`);
      expect(r.body.scope).toBe('all');
      expect(r.body.departments).toHaveLength(3);
    }
  });

  it('a supervisor sees only their department; another department is refused with 403', async () => {
    const r = await get('supervisor', `/api/assessment?${PERIOD}`);
    expect(r.status).toBe(200);
    expect(r.body.scope).toBe('department');
    expect(r.body.departments.map((d: { departmentId: string }) => d.departmentId)).toEqual([ids.outbound1]);
    expect(r.body.totals).toEqual(counts(3, 2, 1, 2));
    expect((await get('supervisor', `/api/assessment?${PERIOD}&departmentId=${ids.outbound2}`)).status).toBe(403);
    expect((await get('supervisor', `/api/assessment/items?${PERIOD}&departmentId=${ids.outbound2}`)).status).toBe(403);
    expect((await get('supervisor', `/api/assessment.csv?${PERIOD}&departmentId=${ids.outbound2}`)).status).toBe(403);
    expect((await get('supervisor', `/api/assessment?${PERIOD}&departmentId=none`)).status).toBe(403);
    // A person of another department: filtered to the supervisor's departments (where agent3 has nothing), not revealed.
    const other = await get('supervisor', `/api/assessment/items?${PERIOD}&personId=${ids.agent3}`);
    expect(other.status).toBe(200);
    expect(other.body.total).toBe(0);
  });

  it('an employee sees only their own record; another person or a department is refused with 403', async () => {
    const r = await get('agent1', `/api/assessment?${PERIOD}`);
    expect(r.body.scope).toBe('self');
    expect(r.body.totals).toEqual(counts(1, 1, 1, 1));
    expect(r.body.people.map((p: { personId: string }) => p.personId)).toEqual([ids.agent1]);
    expect((await get('agent1', `/api/assessment/items?${PERIOD}&personId=${ids.agent1}`)).body.total).toBe(4);
    expect((await get('agent1', `/api/assessment/items?${PERIOD}&personId=${ids.agent2}`)).status).toBe(403);
    expect((await get('agent1', `/api/assessment?${PERIOD}&departmentId=${ids.outbound1}`)).status).toBe(403);
    expect((await get('agent1', `/api/assessment.xlsx?${PERIOD}&departmentId=${ids.outbound1}`)).status).toBe(403);
    // Someone with no item in the period (hr) reads an empty report, not somebody else's.
    expect((await get('hr', `/api/assessment?${PERIOD}`)).body.totals).toEqual(counts(0, 0, 0, 0));
  });
});

describe('exports', () => {
  it('preamble: the CSV holds the same numbers as the report', async () => {
    const r = await fetch(`${api.baseUrl}/api/assessment.csv?${PERIOD}`, { headers: { authorization: `Bearer ${token.get('auditor')}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toContain('custodian-assessment-2026-11-02-2026-11-15.csv');
    const rows: string[][] = parseCsv((await r.text()).replace(/^\ufeff/, ''));
    const num = (row: string[]) => row.slice(5, 10).map(Number);
    expect(rows[0][0]).toBe('视图 View');
    expect(num(rows.find((x) => x[0] === 'department' && x[1] === ids.outbound1)!)).toEqual([3, 2, 1, 2, 8]);
    expect(num(rows.find((x) => x[0] === 'department' && x[1] === ids.outbound2)!)).toEqual([1, 0, 1, 0, 2]);
    expect(num(rows.find((x) => x[0] === 'person' && x[1] === ids.agent1)!)).toEqual([1, 1, 1, 1, 4]);
    expect(rows.filter((x) => x[0] === 'week').map((x) => [x[1], ...num(x)])).toEqual([['2026-11-02', 3, 2, 0, 0, 5], ['2026-11-09', 2, 0, 2, 3, 7]]);
    const total = rows.find((x) => x[0] === 'total')!;
    expect(num(total)).toEqual([5, 2, 2, 3, 12]);
    expect(Number(total[10])).toBeCloseTo(5 / 9, 4);
  });

  it('preamble: the Excel workbook opens with exceljs, one sheet per view, with the same numbers', async () => {
    const r = await fetch(`${api.baseUrl}/api/assessment.xlsx?${PERIOD}`, { headers: { authorization: `Bearer ${token.get('ccmanager')}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await r.arrayBuffer()) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Departments 部门', 'People 人员', 'Weeks 周', 'Items 事项']);
    const values = (name: string) => {
      const rows: unknown[][] = [];
      book.getWorksheet(name)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    const departments = values('Departments 部门');
    expect(departments.find((x) => x[0] === ids.outbound1)!.slice(4, 9)).toEqual([3, 2, 1, 2, 8]);
    expect(departments.find((x) => x[0] === ids.outbound2)!.slice(4, 9)).toEqual([1, 0, 1, 0, 2]);
    expect(values('People 人员').find((x) => x[0] === ids.agent2)!.slice(4, 9)).toEqual([2, 0, 0, 1, 3]);
    expect(values('Weeks 周').slice(1).map((x) => x.slice(0, 6))).toEqual([['2026-11-02', 3, 2, 0, 0, 5], ['2026-11-09', 2, 0, 2, 3, 7]]);
    const items = values('Items 事项').slice(1);
    expect(items).toHaveLength(12);
    const outcomes = items.map((x) => x[11]);
    expect(['on_time', 'late', 'missed', 'open'].map((o) => outcomes.filter((v) => v === o).length)).toEqual([5, 2, 2, 3]);
  });

  it('an employee exports only their own record', async () => {
    const r = await fetch(`${api.baseUrl}/api/assessment.xlsx?${PERIOD}`, { headers: { authorization: `Bearer ${token.get('agent3')}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await r.arrayBuffer()) as unknown as ArrayBuffer);
    const people: unknown[] = [];
    book.getWorksheet('Items 事项')!.eachRow((row, n) => n > 1 && people.push(row.getCell(6).value));
    expect(people).toEqual([ids.agent3, ids.agent3]);
  });
});

it('INF-9: a rebuild of the projection from the log reproduces the same assessment rows', async () => {
  const before = await dumpTables(db.dataSource, ['assessment_items']);
  expect(before.assessment_items).toHaveLength(15);
  await db.dataSource.query(`UPDATE assessment_items SET outcome = 'on_time', person_id = NULL`);
  await rebuildProjections(db.dataSource, createProjectorRegistry());
  expect(await dumpTables(db.dataSource, ['assessment_items'])).toEqual(before);
});
