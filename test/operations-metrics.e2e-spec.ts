import { randomUUID } from 'node:crypto';
import { ChainWatch, operationsSnapshot } from '../libs/read-models/operations-metrics.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { tamperWithLog, testEventStore } from './support/events.js';

/**
 * The domain gauges' read-model queries (README "Metrics") on a real database: rows are written here
 * as the projectors would leave them, so each gauge's value is known.
 */
describe('operations metrics read models', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.drop());

  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  const task = (step: string, o: { createdHoursAgo: number; dueHoursAgo: number; deadlineHoursAgo: number | null; status?: string }) =>
    q(
      `INSERT INTO tasks (id, workflow_id, process, process_key, step, kind, title_en, title_zh, candidate_role, escalation_role, escalation_may_decide, context, status, due_at, deadline_at, created_at, closed_at)
       VALUES ($1, 'wf', 'access_request', 'k', $2, 'approval', 't', 't', 'supervisor', 'cc_manager', false, '{}', $3,
               now() - make_interval(hours => $4), CASE WHEN $5::int IS NULL THEN NULL ELSE now() - make_interval(hours => $5::int) END, now() - make_interval(hours => $6),
               CASE WHEN $3 = 'open' THEN NULL ELSE now() END)`,
      [randomUUID(), step, o.status ?? 'open', o.dueHoursAgo, o.deadlineHoursAgo, o.createdHoursAgo],
    );
  const grant = async (kind: string, o: { status: 'active' | 'ended'; expiresHoursFromNow: number; enforcedBy?: string; endedMinutesAgo?: number; attempts?: number }) => {
    const request = randomUUID();
    const id = randomUUID();
    await q(
      `INSERT INTO access_requests (id, workflow_id, kind, requester_user_id, department_id, justification, duration_ms, status, stage, submitted_at, ended_at)
       VALUES ($1, $2, $3, 'u', 'd', 'supplier research', 3600000, $4, 'x', now() - interval '1 day', CASE WHEN $4 = 'ended' THEN now() ELSE NULL END)`,
      [request, `access-request-${request}`, kind, o.status === 'active' ? 'active' : 'ended'],
    );
    await q(
      `INSERT INTO grants (id, request_id, kind, holder_user_id, enabled_by, starts_at, expires_at, status, ended_at, enforced_by)
       VALUES ($1, $2, $3, 'u', 'it', now() - interval '2 days', now() + make_interval(hours => $4), $5, CASE WHEN $5 = 'ended' THEN now() - make_interval(mins => $6) ELSE NULL END, $7)`,
      [id, request, kind, o.expiresHoursFromNow, o.status, o.endedMinutesAgo ?? 0, o.enforcedBy ?? null],
    );
    if (o.attempts) await q(`INSERT INTO grant_removal_status (grant_id, attempts, last_error, last_attempt_at) VALUES ($1, $2, 'ldap down', now())`, [id, o.attempts]);
  };

  it('SYS-1, EQ-6: open tasks by step and age with those past due and past deadline; active grants and those past expiry; pending removals with their age and failed attempts; overdue duties', async () => {
    await task('supervisor_review', { createdHoursAgo: 0, dueHoursAgo: -47, deadlineHoursAgo: -160 });
    await task('supervisor_review', { createdHoursAgo: 30, dueHoursAgo: 2, deadlineHoursAgo: -100 });
    await task('supervisor_review', { createdHoursAgo: 200, dueHoursAgo: 150, deadlineHoursAgo: 30 });
    await task('supervisor_review', { createdHoursAgo: 200, dueHoursAgo: 150, deadlineHoursAgo: 30, status: 'decided' }); // closed: not counted
    await task('it_enable', { createdHoursAgo: 3, dueHoursAgo: -40, deadlineHoursAgo: null });
    await grant('external_network', { status: 'active', expiresHoursFromNow: 5 });
    await grant('external_network', { status: 'active', expiresHoursFromNow: -1 });
    await grant('usb_media', { status: 'active', expiresHoursFromNow: 5 });
    await grant('external_network', { status: 'ended', expiresHoursFromNow: -1, enforcedBy: 'directory', endedMinutesAgo: 45, attempts: 4 });
    await grant('external_network', { status: 'ended', expiresHoursFromNow: -1, enforcedBy: 'directory', endedMinutesAgo: 5 });
    await grant('usb_media', { status: 'ended', expiresHoursFromNow: -1, enforcedBy: null as unknown as string }); // nothing to remove: not pending
    const occurrence = (id: string, state: string, dueHoursAgo: number) =>
      q(
        `INSERT INTO duty_occurrences (occurrence_id, duty_id, day, workflow_id, state, late, due_at, deadline_at, opened_at)
         VALUES ($1, 'machine_room_power_off', current_date - $2::int, $1, $3, $3 = 'late', now() - make_interval(hours => $4), now() + interval '1 day', now() - interval '1 day')`,
        [id, Number(id.slice(-1)), state, dueHoursAgo],
      );
    await occurrence('occ-1', 'late', 3);
    await occurrence('occ-2', 'open', -2); // not due yet
    await occurrence('occ-3', 'completed', 20);

    const s = await operationsSnapshot(db.dataSource);
    expect(s.openTasks).toEqual([
      { process: 'access_request', step: 'it_enable', age: '1h_to_1d', count: 1 },
      { process: 'access_request', step: 'supervisor_review', age: '1d_to_7d', count: 1 },
      { process: 'access_request', step: 'supervisor_review', age: 'ge_7d', count: 1 },
      { process: 'access_request', step: 'supervisor_review', age: 'lt_1h', count: 1 },
    ]);
    expect(s.tasksPastDue).toEqual([
      { process: 'access_request', step: 'it_enable', pastDue: 0, pastDeadline: 0 },
      { process: 'access_request', step: 'supervisor_review', pastDue: 2, pastDeadline: 1 },
    ]);
    expect(s.grants).toEqual([
      { kind: 'external_network', active: 2, expiredStillActive: 1 },
      { kind: 'usb_media', active: 1, expiredStillActive: 0 },
    ]);
    expect(s.removalsPending).toEqual([{ kind: 'external_network', enforcedBy: 'directory', count: 2, oldestSeconds: expect.any(Number), failedAttempts: 4 }]);
    expect(s.removalsPending[0].oldestSeconds).toBeGreaterThanOrEqual(45 * 60);
    expect(s.removalsPending[0].oldestSeconds).toBeLessThan(50 * 60);
    expect(s.dutiesOverdue).toEqual([{ dutyId: 'machine_room_power_off', state: 'late', count: 1 }]);
    expect(s.webhookRetries).toEqual([]);
  });

  it('INF-9: the chain watch verifies the log a bounded step at a time, reports a broken link once a walk reaches it, and is intact again only after a whole clean walk', async () => {
    const store = testEventStore(db.dataSource);
    for (let i = 1; i <= 7; i++) await store.execute({ actor: { id: 'system:test' } }, (uow) => uow.emit({ subject: `test:${i}`, type: 'test.recorded', payload: { i }, clauses: [] }));
    const [{ last }] = await q(`SELECT max(seq)::int AS last FROM event_log`);
    const watch = new ChainWatch(3);
    const walk = async () => {
      const seen = [];
      for (let i = 0; i < Math.ceil(last / 3) + 1; i++) seen.push(await watch.step(db.dataSource));
      return seen;
    };
    const first = await walk();
    expect(first[0]).toMatchObject({ ok: true, verifiedSeq: 3, lastSeq: last, lastFullPassAt: null });
    expect(first.at(-1)).toMatchObject({ ok: true, lastSeq: last, brokenAt: null, lastFullPassAt: expect.any(Number) });

    const [original] = await q(`SELECT payload FROM event_log WHERE seq = $1`, [last - 1]);
    await tamperWithLog(db.dataSource, `UPDATE event_log SET payload = '{"i": 999}' WHERE seq = $1`, [last - 1]);
    try {
      const broken = (await walk()).find((r) => !r.ok);
      expect(broken).toMatchObject({ ok: false, brokenAt: { seq: last - 1, reason: 'hash_mismatch' } });
    } finally {
      await tamperWithLog(db.dataSource, `UPDATE event_log SET payload = $2 WHERE seq = $1`, [last - 1, original.payload]);
    }
    // Put back: the next walk starts at the first event; until it ends the break still shows.
    expect((await watch.step(db.dataSource)).ok).toBe(false);
    expect((await walk()).at(-1)).toMatchObject({ ok: true, brokenAt: null });
  });
});
