import { createTestDatabase, type TestDatabase } from './support/db.js';
import { DUTIES } from '../libs/policy/duties.js';
import { startTestApi, type TestApi } from './support/api.js';
import { runCliInProcess, runCliProcess } from './support/cli.js';
import { tamperWithLog, testEventStore } from './support/events.js';
import { roleHeaders } from './support/role-headers.js';
import { eventHash } from '../libs/domain/events/canonical.js';
import { verifyChain } from '../libs/domain/events/verify.js';

/**
 * INF-9 (traceability): the trail that makes everything traceable is itself provably untouched.
 * Each scenario alters the log behind the triggers' back, as someone with database rights could,
 * checks that the alteration is found at the right sequence number, and puts the row back.
 */
describe('audit chain verification', () => {
  let db: TestDatabase;
  let api: TestApi;
  // The API's boot seeds the built-in duty definitions (libs/policy/duties.ts) as events of its own first.
  const OWN = 30;
  const N = OWN + Object.keys(DUTIES).length;
  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApi(db.url);
    const store = testEventStore(db.dataSource);
    for (let i = 1; i <= OWN; i++) {
      await store.execute({ actor: { id: `user-${i % 3}` } }, (uow) => uow.emit({ subject: `employee:${i % 5}`, type: 'test.recorded', payload: { i, note: `第${i}条` }, clauses: i % 2 ? ['INF-9'] : [] }));
    }
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const row = async (seq: number) => (await db.dataSource.query(`SELECT * FROM event_log WHERE seq = $1`, [seq]))[0];
  const getVerify = async () => {
    const r = await fetch(`${api.baseUrl}/api/audit/verify`, { headers: await roleHeaders(api, 'auditor') });
    expect(r.status).toBe(200);
    return r.json();
  };

  it('INF-9: an intact log passes `audit:verify` (real CLI process) and GET /api/audit/verify', async () => {
    const cli = await runCliProcess(['audit:verify'], { DATABASE_URL: db.url });
    expect(cli.stdout).toContain(`OK: ${N} events, chain intact up to seq ${N}`);
    expect(cli.code).toBe(0);
    expect(await getVerify()).toEqual({ ok: true, checked: N, lastSeq: N, lastHash: (await row(N)).hash });
  });

  it('INF-9: an event altered by direct SQL is named by its sequence number (CLI exits 1; API says where)', async () => {
    const original = await row(17);
    await tamperWithLog(db.dataSource, `UPDATE event_log SET payload = jsonb_set(payload, '{note}', '"nothing happened"') WHERE seq = 17`);
    try {
      const cli = await runCliProcess(['audit:verify'], { DATABASE_URL: db.url });
      expect(cli.stdout).toContain('BROKEN at seq 17: hash_mismatch');
      expect(cli.stdout).toContain('events 1..16 are intact');
      expect(cli.code).toBe(1);
      expect(await getVerify()).toEqual({ ok: false, checked: 16, lastSeq: 16, lastHash: (await row(16)).hash, brokenAt: { seq: 17, reason: 'hash_mismatch' } });
    } finally {
      await tamperWithLog(db.dataSource, `UPDATE event_log SET payload = $2 WHERE seq = $1`, [17, original.payload]);
    }
    const json = await runCliInProcess(['audit:verify', '--json'], { DATABASE_URL: db.url });
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, checked: N });
    expect(json.stderr).toContain(`[audit:verify] ${N}/${N} events`);
    expect(json.code).toBe(0);
  });

  it('INF-9: a rewritten event whose hash was recomputed breaks the link of the next one', async () => {
    const original = await row(12);
    const forged = { ...original, actor: 'user-innocent' };
    const hash = eventHash({
      seq: 12,
      eventId: forged.event_id,
      subject: forged.subject,
      type: forged.type,
      actor: forged.actor,
      payload: forged.payload,
      occurredAt: forged.occurred_at.toISOString(),
      prevHash: forged.prev_hash,
      clauses: forged.clauses,
    });
    await tamperWithLog(db.dataSource, `UPDATE event_log SET actor = $2, hash = $3 WHERE seq = $1`, [12, forged.actor, hash]);
    try {
      await expect(verifyChain(db.dataSource)).resolves.toMatchObject({ ok: false, lastSeq: 12, brokenAt: { seq: 13, reason: 'prev_hash_mismatch' } });
    } finally {
      await tamperWithLog(db.dataSource, `UPDATE event_log SET actor = $2, hash = $3 WHERE seq = $1`, [12, original.actor, original.hash]);
    }
  });

  it('INF-9: a deleted event is reported as a gap at its sequence number', async () => {
    const original = await row(9);
    await tamperWithLog(db.dataSource, `DELETE FROM event_log WHERE seq = 9`);
    try {
      const cli = await runCliInProcess(['audit:verify'], { DATABASE_URL: db.url });
      expect(cli.stdout).toContain('BROKEN at seq 9: sequence_gap');
      expect(cli.code).toBe(1);
    } finally {
      await tamperWithLog(
        db.dataSource,
        `INSERT INTO event_log (seq, event_id, subject, type, actor, payload, occurred_at, prev_hash, hash, clauses) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [original.seq, original.event_id, original.subject, original.type, original.actor, original.payload, original.occurred_at, original.prev_hash, original.hash, original.clauses],
      );
    }
    await expect(verifyChain(db.dataSource)).resolves.toMatchObject({ ok: true, checked: N });
  });
});
