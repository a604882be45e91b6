import pg from 'pg';
import {
  assignAgentId,
  assignCustodian,
  assignNextStandardId,
  checkInPrivilegedId,
  checkOutPrivilegedId,
  createRange,
  retireAgentId,
  retireIdOf,
  suspendIdOf,
} from '../libs/domain/agent-ids/commands.js';
import { markEmployeeLeaving } from '../libs/domain/directory/employees.js';
import { DomainError, ErrorCode } from '../libs/policy/errors.js';
import { EventStore } from '../libs/domain/events/event-store.js';
import { rebuildProjections } from '../libs/domain/events/rebuild.js';
import { createProjectorRegistry } from '../libs/domain/projectors.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { admin, departmentWithEmployees, userWith } from './support/directory.js';

const isConflict = (r: PromiseSettledResult<unknown>) => r.status === 'rejected' && r.reason instanceof DomainError && r.reason.code === ErrorCode.Conflict;

let db: TestDatabase;
let events: EventStore;

const state = async (code: string) => (await db.dataSource.query(`SELECT state, holder_employee_id, checked_out_to_employee_id FROM agent_ids WHERE code = $1`, [code]))[0];

/** A client outside the pool, to hold locks or to act as a raw SQL user. */
async function rawClient(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  return c;
}

/** Waits until `n` sessions of this database are blocked on a lock (so the race is real, not sequential). */
async function waitForBlocked(n: number): Promise<void> {
  for (;;) {
    const [{ waiting }] = await db.dataSource.query(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    if (waiting >= n) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('agent IDs against real PostgreSQL', () => {
  let people: string[];
  let ccManagerId: string;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 12 });
    events = new EventStore(db.dataSource, createProjectorRegistry());
    people = (await departmentWithEmployees(events, 'outbound-9', 14)).employeeIds;
    ccManagerId = await userWith(events, 'ccm', ['cc_manager']);
  });
  afterAll(async () => db?.drop());

  it('AID-1: two concurrent transactions assigning one agent ID to two people — exactly one succeeds', async () => {
    await createRange(events, admin, { prefix: 'C', from: 1, to: 1, kind: 'standard' });
    // Hold the row so both commands are inside their transactions, waiting at the same point, before either may go.
    const gate = await rawClient();
    try {
      await gate.query('BEGIN');
      await gate.query(`SELECT 1 FROM agent_ids WHERE code = 'C1' FOR UPDATE`);
      const race = Promise.allSettled([assignAgentId(events, admin, { code: 'C1', employeeId: people[0] }), assignAgentId(events, admin, { code: 'C1', employeeId: people[1] })]);
      await waitForBlocked(2);
      await gate.query('COMMIT');
      const results = await race;
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter(isConflict)).toHaveLength(1);
    } finally {
      await gate.end();
    }
    const winner = (await state('C1')).holder_employee_id;
    expect([people[0], people[1]]).toContain(winner);
    const [{ open }] = await db.dataSource.query(`SELECT count(*)::int AS open FROM agent_id_holdings WHERE code = 'C1' AND ended_at IS NULL`);
    expect(open).toBe(1);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM event_log WHERE subject = 'agent-id:C1' AND type = 'agent_id.assigned'`);
    expect(n).toBe(1);
  });

  it('AID-1: concurrent onboardings get distinct standard IDs, and asking again returns the one held', async () => {
    await createRange(events, admin, { prefix: 'E', from: 1, to: 10, kind: 'standard' });
    const group = people.slice(4, 10);
    const results = await Promise.all(group.map((employeeId) => assignNextStandardId(events, admin, { employeeId })));
    const codes = results.map((r) => r.code);
    expect(new Set(codes).size).toBe(group.length);
    await expect(assignNextStandardId(events, admin, { employeeId: group[0] })).resolves.toEqual({ code: codes[0], alreadyHeld: true });
  });

  it('AID-1: an idempotency key makes a retried assignment return the first answer and emit nothing', async () => {
    await createRange(events, admin, { prefix: 'F', from: 1, to: 3, kind: 'standard' });
    const ctx = { ...admin, idempotencyKey: `onboarding-${people[10]}:assign-agent-id` };
    const first = await assignNextStandardId(events, ctx, { employeeId: people[10] });
    const before = (await db.dataSource.query(`SELECT count(*)::int AS n FROM event_log`))[0].n;
    await expect(assignNextStandardId(events, ctx, { employeeId: people[10] })).resolves.toEqual(first);
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM event_log`))[0].n).toBe(before);
  });

  it('AID-2: a privileged ID is kept by the call center manager and checked out to one person at a time', async () => {
    await createRange(events, admin, { prefix: 'Q', from: 1, to: 1, kind: 'privileged' });
    await expect(checkOutPrivilegedId(events, admin, { employeeId: people[0], code: 'Q1', until: new Date(Date.now() + 3600_000).toISOString() })).rejects.toMatchObject({
      code: ErrorCode.Conflict, // no custodian yet
    });
    const notManager = await userWith(events, 'not-a-manager', ['employee']);
    await expect(assignCustodian(events, admin, { code: 'Q1', custodianUserId: notManager })).rejects.toMatchObject({ code: ErrorCode.Validation });
    await assignCustodian(events, admin, { code: 'Q1', custodianUserId: ccManagerId });

    const until = new Date(Date.now() + 3600_000).toISOString();
    const race = await Promise.allSettled([
      checkOutPrivilegedId(events, admin, { employeeId: people[0], code: 'Q1', until }),
      checkOutPrivilegedId(events, admin, { employeeId: people[1], code: 'Q1', until }),
    ]);
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(race.filter(isConflict)).toHaveLength(1);
    const first = (await state('Q1')).checked_out_to_employee_id;
    const second = first === people[0] ? people[1] : people[0];
    // Retrying the winner's check-out returns the same check-out.
    await expect(checkOutPrivilegedId(events, admin, { employeeId: first, code: 'Q1', until })).resolves.toMatchObject({ code: 'Q1', alreadyCheckedOut: true });

    await expect(checkInPrivilegedId(events, admin, { code: 'Q1' })).resolves.toEqual({ code: 'Q1', checkedIn: true });
    await expect(checkInPrivilegedId(events, admin, { code: 'Q1' })).resolves.toEqual({ code: 'Q1', checkedIn: false });
    await expect(checkOutPrivilegedId(events, admin, { employeeId: second, until })).resolves.toMatchObject({ code: 'Q1', alreadyCheckedOut: false });

    // When the window has passed, the next person may take it; the stale check-out ends as expired.
    const later = new Date(Date.now() + 2 * 3600_000);
    await checkOutPrivilegedId(events, admin, { employeeId: first, code: 'Q1', until: new Date(later.getTime() + 3600_000).toISOString(), now: later.toISOString() });
    const history: { employee_id: string; end_reason: string | null }[] = await db.dataSource.query(
      `SELECT employee_id, end_reason FROM agent_id_holdings WHERE code = 'Q1' ORDER BY started_at`,
    );
    expect(history).toEqual([
      { employee_id: first, end_reason: 'returned' },
      { employee_id: second, end_reason: 'expired' },
      { employee_id: first, end_reason: null },
    ]);
  });

  it('rebuilding the read models from the log gives the same rows as the live projection', async () => {
    await createRange(events, admin, { prefix: 'R', from: 1, to: 2, kind: 'standard' });
    await assignAgentId(events, admin, { code: 'R1', employeeId: people[13] });
    const tables = ['departments', 'employees', 'users', 'user_roles', 'agent_ids', 'agent_id_holdings', 'login_failures'];
    const snapshot = async () => Promise.all(tables.map((t) => db.dataSource.query(`SELECT * FROM ${t} ORDER BY 1, 2`)));
    const live = await snapshot();
    const secrets = await db.dataSource.query(`SELECT * FROM user_credentials ORDER BY user_id`);
    expect(secrets.length).toBeGreaterThan(0);
    await rebuildProjections(db.dataSource, createProjectorRegistry());
    expect(await snapshot()).toEqual(live);
    // Secrets are not projected and hang on no projected table, so a rebuild leaves them alone.
    expect(await db.dataSource.query(`SELECT * FROM user_credentials ORDER BY user_id`)).toEqual(secrets);
  });
});

// Raw SQL writes bypass the event log, so they get a database of their own (the log and the read
// models of the suite above stay consistent for its rebuild test).
describe('agent-ID invariants enforced by PostgreSQL itself', () => {
  let people: string[];
  beforeAll(async () => {
    db = await createTestDatabase();
    events = new EventStore(db.dataSource, createProjectorRegistry());
    people = (await departmentWithEmployees(events, 'outbound-8', 4)).employeeIds;
  });
  afterAll(async () => db?.drop());

  it('AID-1: the database itself refuses a second open holding, even from two raw SQL transactions in parallel', async () => {
    await createRange(events, admin, { prefix: 'D', from: 1, to: 1, kind: 'standard' });
    const [a, b] = [await rawClient(), await rawClient()];
    try {
      await a.query('BEGIN');
      await b.query('BEGIN');
      const hold = (c: pg.Client, employee: string) =>
        c.query(`INSERT INTO agent_id_holdings (id, code, employee_id, purpose, started_at) VALUES (gen_random_uuid(), 'D1', $1, 'assignment', now())`, [employee]);
      // a plays a complete assignment by hand (row and holding), b tries to hold the same code meanwhile.
      await a.query(`UPDATE agent_ids SET state = 'assigned', holder_employee_id = $1 WHERE code = 'D1'`, [people[0]]);
      await hold(a, people[0]);
      const second = hold(b, people[1]).then(
        () => null,
        (e: Error & { code?: string }) => e,
      );
      await waitForBlocked(1); // b waits on a's uncommitted index entry
      await a.query('COMMIT');
      const err = await second;
      expect(err?.code).toBe('23505');
      expect(err?.message).toContain('agent_id_holdings_one_open_per_code');
      await b.query('ROLLBACK');
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('AID-1: a retired ID is never reissued', async () => {
    await createRange(events, admin, { prefix: 'G', from: 1, to: 1, kind: 'standard' });
    const [holder, next] = [people[2], people[3]];
    await expect(assignNextStandardId(events, admin, { employeeId: holder })).resolves.toEqual({ code: 'G1', alreadyHeld: false });
    await markEmployeeLeaving(events, admin, { employeeId: holder });
    await expect(suspendIdOf(events, admin, { employeeId: holder })).resolves.toEqual({ codes: ['G1'], checkedIn: [] });
    await expect(retireIdOf(events, admin, { employeeId: holder, reason: 'left' })).resolves.toEqual({ codes: ['G1'], checkedIn: [] });
    await expect(retireIdOf(events, admin, { employeeId: holder })).resolves.toEqual({ codes: [], checkedIn: [] }); // idempotent
    expect(await state('G1')).toEqual({ state: 'retired', holder_employee_id: null, checked_out_to_employee_id: null });

    // Through the domain: neither by name nor from the pool.
    await expect(assignAgentId(events, admin, { code: 'G1', employeeId: next })).rejects.toMatchObject({ code: ErrorCode.Conflict });
    const pool: { code: string }[] = await db.dataSource.query(`SELECT code FROM agent_ids WHERE kind = 'standard' AND state = 'available'`);
    for (const { code } of pool) await retireAgentId(events, admin, { code }); // empty the pool: only retired IDs remain
    await expect(assignNextStandardId(events, admin, { employeeId: next })).rejects.toMatchObject({ code: ErrorCode.Conflict });

    // Directly in SQL as the table owner: the trigger refuses every way back.
    const q = (sql: string) => db.dataSource.query(sql).then(() => 'accepted', (e: Error) => e.message);
    await expect(q(`UPDATE agent_ids SET state = 'available', retired_at = NULL WHERE code = 'G1'`)).resolves.toMatch(/retired and can never be reissued/);
    await expect(q(`UPDATE agent_ids SET state = 'assigned', holder_employee_id = '${next}', retired_at = NULL WHERE code = 'G1'`)).resolves.toMatch(/retired/);
    await expect(q(`DELETE FROM agent_ids WHERE code = 'G1'`)).resolves.toMatch(/never be deleted/);
    await expect(q(`INSERT INTO agent_id_holdings (id, code, employee_id, purpose, started_at) VALUES (gen_random_uuid(), 'G1', '${next}', 'assignment', now())`)).resolves.toMatch(
      /never reissued/,
    );
    await expect(q(`UPDATE agent_id_holdings SET ended_at = NULL, end_reason = NULL WHERE code = 'G1'`)).resolves.toMatch(/history/);
  });

});
