import { Worker } from '@temporalio/worker';
import { NativeConnection } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { createVisitorActivities } from '../activities/visitors.activities.js';
import { EventStore } from '../libs/domain/events/event-store.js';
import { verifyChain } from '../libs/domain/events/verify.js';
import { rebuildProjections } from '../libs/domain/events/rebuild.js';
import { createProjectorRegistry } from '../libs/domain/projectors.js';
import { decryptVisitorField, unwrapVisitKey } from '../libs/domain/visitors/crypto.js';
import { guardActivities } from '../libs/temporal/activity-guard.js';
import { reconcileVisitorPurgeSchedule } from '../apps/api/src/visitors/visitor-purge-schedule.js';
import { visitorPurgeScheduleId } from '../libs/policy/visitors.js';
import { call, loginAs, startTestApi, TEST_VISITOR_KEY, type TestApi } from './support/api.js';
import { runCliInProcess } from './support/cli.js';
import { parseCsv } from './support/csv.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { departmentWithEmployees, userWith } from './support/directory.js';
import { need, TEST_ENV } from './support/env.js';
import { connectDevServer, testDataConverter, workflowBundle } from './support/temporal.js';

/*
 * The visitor desk over real HTTP, PostgreSQL and Temporal (INF-1, INF-3, INF-4), and the personal data
 * it keeps (PIPL): sealed per visit, shown masked, crypto-shredded by the scheduled purge while the
 * hash chain still verifies.
 */

let db: TestDatabase;
let api: TestApi;
const token = new Map<string, string>();
const as = (username: string) => (method: string, path: string, body?: unknown) => call(api.baseUrl, token.get(username)!, method, path, body);
const masterKey = Buffer.from(TEST_VISITOR_KEY, 'base64');
let ids: Record<string, string>;

const form = (over: Record<string, unknown> = {}) => ({
  name: 'Wei Zhang 张伟',
  organisation: 'Acme Telecom',
  purpose: 'Quarterly campaign review',
  hostUserId: ids.agent1,
  documentType: 'resident_id',
  documentNumber: '110101199003071234',
  area: 'general',
  badge: `V-${randomUUID().slice(0, 6)}`,
  ...over,
});

const payloadsText = async () => JSON.stringify(await db.dataSource.query(`SELECT subject, type, payload FROM event_log ORDER BY seq`));

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.url, { SEED_DEMO: '1', LOG_LEVEL: 'error' });
  const events = new EventStore(db.dataSource, createProjectorRegistry());
  const other = await departmentWithEmployees(events, 'outbound-2', 1);
  await userWith(events, 'supervisor2', ['supervisor'], { departmentId: other.departmentId });
  for (const u of ['security', 'ccmanager', 'auditor', 'agent1', 'supervisor', 'supervisor2', 'site', 'hr', 'it']) token.set(u, await loginAs(api.baseUrl, u));
  ids = {};
  for (const u of ['agent1', 'ccmanager', 'site', 'supervisor']) ids[u] = (await as(u)('GET', '/api/me')).body.id;
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('visitors over HTTP', () => {
  it('INF-1: security registers a visitor; the register shows the name and only the last four of the document number; checked out, they leave the inside list', async () => {
    const r = await as('security')('POST', '/api/visitors', form({ name: 'Li Na 李娜', documentNumber: '11010119900307999X', badge: 'V-001' }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: 'Li Na 李娜', personalData: 'kept', documentType: 'resident_id', documentMasked: '**************999X', organisation: 'Acme Telecom', area: 'general', badge: 'V-001', escort: null, checkedOutAt: null });
    expect(JSON.stringify(r.body)).not.toContain('11010119900307999X');
    expect((await as('security')('GET', '/api/visitors/inside')).body.items.map((v: any) => v.id)).toContain(r.body.id);
    // The same badge cannot be handed to a second person inside.
    const sameBadge = await as('security')('POST', '/api/visitors', form({ badge: 'V-001' }));
    expect(sameBadge.status).toBe(409);
    expect(sameBadge.body.message).toMatch(/badge V-001 is worn by a visitor inside now/);
    const out = await as('security')('POST', `/api/visitors/${r.body.id}/check-out`, {});
    expect(out.status).toBe(200);
    expect(out.body.checkedOutAt).toEqual(expect.any(String));
    expect((await as('security')('POST', `/api/visitors/${r.body.id}/check-out`, {})).status).toBe(409);
    expect((await as('security')('GET', '/api/visitors/inside')).body.items.map((v: any) => v.id)).not.toContain(r.body.id);
    const logged = await db.dataSource.query(`SELECT type, clauses FROM event_log WHERE subject = $1 ORDER BY seq`, [`visit:${r.body.id}`]);
    expect(logged).toEqual([
      { type: 'visitor.registered', clauses: ['INF-1'] },
      { type: 'visitor.checked_out', clauses: ['INF-1'] },
    ]);
  });

  it('INF-5: a job applicant waits in the rest room for outsiders, away from production: listed inside there, the visit citing INF-5, no escort taken', async () => {
    const applicant = await as('security')('POST', '/api/visitors', form({ name: 'Chen Jie 陈杰', organisation: 'job applicant', purpose: 'interview for an outbound agent post', area: 'rest_room' }));
    expect(applicant.status).toBe(201);
    expect(applicant.body).toMatchObject({ area: 'rest_room', escort: null });
    const inside = (await as('security')('GET', '/api/visitors/inside')).body.items.find((v: any) => v.id === applicant.body.id);
    expect(inside).toMatchObject({ area: 'rest_room' });
    expect(await db.dataSource.query(`SELECT clauses FROM event_log WHERE subject = $1 AND type = 'visitor.registered'`, [`visit:${applicant.body.id}`])).toEqual([{ clauses: ['INF-1', 'INF-5'] }]);
    // An escort is for the machine room only; an unknown area is refused with the list of areas.
    expect((await as('security')('POST', '/api/visitors', form({ area: 'rest_room', escortUserId: ids.ccmanager }))).status).toBe(400);
    const lobby = await as('security')('POST', '/api/visitors', form({ area: 'lobby' }));
    expect(lobby.status).toBe(400);
    expect(lobby.body.message).toMatch(/area must be one of: general, machine_room, rest_room/);
    expect((await as('security')('POST', `/api/visitors/${applicant.body.id}/check-out`, {})).status).toBe(200);
  });

  it('INF-1: registration without an identity document is refused with a 400 that names the field', async () => {
    const { documentNumber: _n, documentType: _t, ...noDocument } = form();
    const r = await as('security')('POST', '/api/visitors', noDocument);
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/documentType is required/);
    expect(r.body.message).toMatch(/documentNumber is required/);
    const blank = await as('security')('POST', '/api/visitors', form({ documentNumber: '  -- ' }));
    expect(blank.status).toBe(400);
    expect(JSON.stringify(blank.body)).toMatch(/documentNumber/);
    expect((await as('security')('POST', '/api/visitors', form({ documentType: 'library_card' }))).body.message).toMatch(/^INF-1: documentType must be one of: resident_id/);
  });

  it('INF-4: a machine-room visit with no escort, or with a manager who is not designated, is refused; with a designated one it is registered', async () => {
    const none = await as('security')('POST', '/api/visitors', form({ area: 'machine_room' }));
    expect(none.status).toBe(400);
    expect(none.body.message).toMatch(/INF-4: a machine-room visit needs escortUserId/);
    const notDesignated = await as('security')('POST', '/api/visitors', form({ area: 'machine_room', escortUserId: ids.site }));
    expect(notDesignated.status).toBe(409);
    expect(notDesignated.body.message).toMatch(/^INF-4: .* is not a designated machine-room escort/);
    // Only cc_manager keeps the list, and only managers may be on it.
    expect((await as('security')('PUT', `/api/visitors/escorts/${ids.site}`)).status).toBe(403);
    const agent = await as('ccmanager')('PUT', `/api/visitors/escorts/${ids.agent1}`);
    expect(agent.status).toBe(400);
    expect(agent.body.message).toMatch(/INF-4: only managers may be designated escorts/);
    expect((await as('ccmanager')('PUT', `/api/visitors/escorts/${ids.site}`)).body).toEqual({ userId: ids.site, changed: true });
    expect((await as('ccmanager')('PUT', `/api/visitors/escorts/${ids.site}`)).body).toEqual({ userId: ids.site, changed: false });
    expect((await as('security')('GET', '/api/visitors/escorts')).body.items).toEqual([expect.objectContaining({ userId: ids.site })]);
    const ok = await as('security')('POST', '/api/visitors', form({ area: 'machine_room', escortUserId: ids.site }));
    expect(ok.status).toBe(201);
    expect(ok.body.escort).toMatchObject({ userId: ids.site });
    expect(await db.dataSource.query(`SELECT type, clauses FROM event_log WHERE subject = $1`, [`visit:${ok.body.id}`])).toEqual([{ type: 'visitor.registered', clauses: ['INF-1', 'INF-4'] }]);
    // The designation ends: the next machine-room visit with that escort is refused again.
    expect((await as('ccmanager')('DELETE', `/api/visitors/escorts/${ids.site}`)).body).toEqual({ userId: ids.site, changed: true });
    expect((await as('security')('POST', '/api/visitors', form({ area: 'machine_room', escortUserId: ids.site }))).status).toBe(409);
    expect(await db.dataSource.query(`SELECT type, clauses FROM event_log WHERE subject = $1 ORDER BY seq`, [`visitor-escort:${ids.site}`])).toEqual([
      { type: 'visitor.escort_designated', clauses: ['INF-4'] },
      { type: 'visitor.escort_revoked', clauses: ['INF-4'] },
    ]);
  });

  it('INF-1 authorization: an agent, a host, HR, IT and any supervisor (own department or another) can neither register nor read visitors; security, cc_manager and the auditor read', async () => {
    const v = await as('security')('POST', '/api/visitors', form());
    expect(v.status).toBe(201);
    for (const u of ['agent1', 'supervisor', 'supervisor2', 'hr', 'it', 'site']) {
      expect((await as(u)('POST', '/api/visitors', form())).status).toBe(403);
      expect((await as(u)('GET', '/api/visitors')).status).toBe(403);
      expect((await as(u)('GET', `/api/visitors/${v.body.id}`)).status).toBe(403);
      expect((await as(u)('GET', '/api/visitors/export.csv')).status).toBe(403);
    }
    for (const u of ['ccmanager', 'auditor']) {
      expect((await as(u)('POST', '/api/visitors', form())).status).toBe(403);
      expect((await as(u)('GET', `/api/visitors/${v.body.id}`)).status).toBe(200);
    }
  });

  it('INF-1: search by day, host and organisation, and the CSV export with masked document numbers', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const v = await as('security')('POST', '/api/visitors', form({ organisation: 'Globex 100%_Corp', name: 'Ann Lee', documentNumber: 'E12345678' }));
    const byOrg = await as('security')('GET', `/api/visitors?organisation=${encodeURIComponent('100%_corp')}&date=${today}&hostUserId=${ids.agent1}`);
    expect(byOrg.status).toBe(200);
    expect(byOrg.body.items.map((x: any) => x.id)).toEqual([v.body.id]);
    expect((await as('security')('GET', '/api/visitors?date=2020-01-01')).body.items).toEqual([]);
    const csv = await fetch(`${api.baseUrl}/api/visitors/export.csv?organisation=Globex`, { headers: { authorization: `Bearer ${token.get('auditor')}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parseCsv((await csv.text()).replace(/^\ufeff/, ''));
    expect(rows[0]).toEqual(['visit_id', 'checked_in_at', 'checked_out_at', 'name', 'personal_data', 'document_type', 'document_masked', 'organisation', 'purpose', 'host', 'area', 'escort', 'badge']);
    expect(rows[1]).toEqual(expect.arrayContaining([v.body.id, 'Ann Lee', 'kept', '*****5678', 'Globex 100%_Corp']));
    expect(rows.flat().join(',')).not.toContain('E12345678');
  });

  it('malformed input is a 400 that says what to fix, never a 500', async () => {
    const bad: [string, string, unknown][] = [
      ['POST', '/api/visitors', { ...form(), hostUserId: 'nobody' }],
      ['POST', '/api/visitors', { ...form(), area: 'roof' }],
      ['POST', '/api/visitors', { ...form(), name: 'x\u0000y' }],
      ['POST', '/api/visitors', { ...form(), name: '   ' }],
      ['POST', '/api/visitors', { ...form(), documentNumber: 12345678 }],
      ['POST', '/api/visitors', { ...form(), documentNumber: '1234<script>' }],
      ['POST', '/api/visitors', { ...form(), checkedInAt: 'yesterday' }],
      ['POST', '/api/visitors', { ...form(), checkedInAt: '2001-01-01T00:00:00Z' }],
      ['POST', '/api/visitors', { ...form(), escortUserId: null }],
      ['POST', '/api/visitors', { ...form(), extra: 1 }],
      ['POST', '/api/visitors', { ...form(), hostUserId: randomUUID() }],
      ['POST', '/api/visitors', { ...form(), area: 'general', escortUserId: randomUUID() }],
      ['POST', '/api/visitors', [1, 2]],
      ['POST', '/api/visitors/not-a-uuid/check-out', {}],
      ['POST', `/api/visitors/${randomUUID()}/check-out`, { checkedOutAt: '2026-13-01T00:00:00Z' }],
      ['GET', '/api/visitors?date=2026-02-30', undefined],
      ['GET', '/api/visitors?date=today', undefined],
      ['GET', '/api/visitors?hostUserId=x', undefined],
      ['GET', '/api/visitors?inside=maybe', undefined],
      ['GET', '/api/visitors/nope', undefined],
      ['POST', '/api/visitors/incidents', { escortedOut: 'yes', reason: 'x' }],
      ['POST', '/api/visitors/incidents', { escortedOut: true, reason: '' }],
    ];
    for (const [method, path, body] of bad) {
      const r = await as('security')(method, path, body);
      expect([method, path, r.status]).toEqual([method, path, 400]);
      expect(r.body.message).toBeTruthy();
    }
    expect((await as('security')('POST', `/api/visitors/${randomUUID()}/check-out`, {})).status).toBe(404);
    expect((await as('ccmanager')('PUT', '/api/visitors/escorts/not-a-uuid')).status).toBe(400);
    expect((await as('ccmanager')('PUT', `/api/visitors/escorts/${randomUUID()}`)).status).toBe(404);
  });

  it('INF-3, EQ-1: a stranger in the machine room is escorted out first (required), then the reason is recorded, and the call-center manager, who leads machine-room safety, is notified', async () => {
    const notFirst = await as('security')('POST', '/api/visitors/incidents', { escortedOut: false, reason: 'looking for the canteen' });
    expect(notFirst.status).toBe(400);
    expect(notFirst.body.message).toMatch(/^INF-3: escortedOut must be true: escort the stranger out first/);
    expect((await as('agent1')('POST', '/api/visitors/incidents', { escortedOut: true, reason: 'x' })).status).toBe(403);
    const r = await as('security')('POST', '/api/visitors/incidents', { escortedOut: true, reason: 'looking for the canteen' });
    expect(r.status).toBe(201);
    const logged = await db.dataSource.query(`SELECT type, clauses FROM event_log WHERE subject = $1 ORDER BY seq`, [`stranger-incident:${r.body.incidentId}`]);
    expect(logged).toEqual([
      { type: 'visitor.stranger_escorted_out', clauses: ['INF-3'] },
      { type: 'visitor.stranger_reason_recorded', clauses: ['INF-3'] },
      { type: 'notification.sent', clauses: [] },
    ]);
    const inbox = await as('ccmanager')('GET', '/api/notifications');
    expect(inbox.status).toBe(200);
    expect(JSON.stringify(inbox.body)).toContain('INF-3: a stranger was found in the machine room');
    expect((await as('ccmanager')('GET', '/api/visitors/incidents')).body.items[0]).toMatchObject({ id: r.body.incidentId, reason: 'looking for the canteen' });
  });

  it('INF-1 (PIPL): neither the master key, a data key, the clear name nor the clear document number is ever in an event payload, also when security reads the full number with a recorded reason', async () => {
    const v = await as('security')('POST', '/api/visitors', form({ name: 'Secret Person 秘密', documentNumber: 'G98765432' }));
    expect(v.status).toBe(201);
    expect(await payloadsText()).toContain('*****5432');
    // PIPL: the full number is read only by security with a reason, and the read is recorded (never the number).
    expect((await as('security')('POST', `/api/visitors/${v.body.id}/document`, { reason: 'too short' })).status).toBe(400);
    for (const u of ['ccmanager', 'auditor', 'agent1']) expect((await as(u)('POST', `/api/visitors/${v.body.id}/document`, { reason: 'police inquiry about this visit' })).status).toBe(403);
    const revealed = await as('security')('POST', `/api/visitors/${v.body.id}/document`, { reason: 'police inquiry about this visit' });
    expect(revealed.status).toBe(200);
    expect(revealed.body).toEqual({ visitId: v.body.id, documentType: 'resident_id', documentNumber: 'G98765432' });
    expect(await db.dataSource.query(`SELECT type, actor, payload, clauses FROM event_log WHERE subject = $1 AND type = 'visitor.document_revealed'`, [`visit:${v.body.id}`])).toEqual([
      { type: 'visitor.document_revealed', actor: expect.any(String), payload: { visitId: v.body.id, reason: 'police inquiry about this visit' }, clauses: ['INF-1'] },
    ]);
    const all = await payloadsText();
    for (const secret of ['Secret Person', '秘密', 'G98765432', '98765432', TEST_VISITOR_KEY, masterKey.toString('hex')]) expect(all).not.toContain(secret);
    const [{ wrapped }] = await db.dataSource.query(`SELECT wrapped_key AS wrapped FROM visitor_keys WHERE visit_id = $1`, [v.body.id]);
    const dataKey = unwrapVisitKey(masterKey, v.body.id, wrapped);
    for (const enc of ['base64', 'base64url', 'hex'] as const) expect(all).not.toContain(dataKey.toString(enc));
    expect(all).not.toContain(wrapped);
  });

  it('INF-1 (PIPL): the scheduled purge deletes the key: name and document number are unreadable in the API and in the exported audit trail, the visit stays, the purge is audited, the chain still verifies', async () => {
    const v = await as('security')('POST', '/api/visitors', form({ name: 'Purge Me 清除', documentNumber: 'P55501234' }));
    expect(v.status).toBe(201);
    await as('security')('POST', `/api/visitors/${v.body.id}/check-out`, {});
    // Before: the ciphertext in the exported trail opens with the visit's key (the data is there, sealed).
    const sealedBefore = await exportedPayloadOf(v.body.id);
    const [{ wrapped }] = await db.dataSource.query(`SELECT wrapped_key AS wrapped FROM visitor_keys WHERE visit_id = $1`, [v.body.id]);
    const dataKey = unwrapVisitKey(masterKey, v.body.id, wrapped);
    expect(decryptVisitorField(dataKey, v.body.id, 'name', sealedBefore.nameSealed)).toBe('Purge Me 清除');
    expect(decryptVisitorField(dataKey, v.body.id, 'documentNumber', sealedBefore.documentSealed)).toBe('P55501234');

    // The purge workflow, as its schedule starts it (no arguments), on a worker whose retention is 0 days.
    const taskQueue = `visitor-purge-${randomUUID()}`;
    const connection = await NativeConnection.connect({ address: need(TEST_ENV.temporalAddress) });
    const events = new EventStore(db.dataSource, createProjectorRegistry());
    const worker = await Worker.create({
      connection,
      taskQueue,
      workflowBundle: workflowBundle(),
      activities: guardActivities(createVisitorActivities({ dataSource: db.dataSource, events, retentionDays: 0 })),
      dataConverter: testDataConverter(),
    });
    const env = await connectDevServer({ custodian: true });
    try {
      const outcome = await worker.runUntil(env.client.workflow.execute('visitorPurgeWorkflow', { taskQueue, workflowId: `visitor-purge-${randomUUID()}`, args: [] }));
      expect(outcome.purged).toBeGreaterThanOrEqual(1);
    } finally {
      await env.teardown();
      await connection.close();
    }

    // The API: the visit is still there, its person is not; the full number can no longer be read.
    const gone = await as('security')('POST', `/api/visitors/${v.body.id}/document`, { reason: 'police inquiry about this visit' });
    expect(gone.status).toBe(409);
    expect(gone.body.message).toMatch(/the personal data of this visit was deleted on .* \(retention period over\)/);
    const after = await as('security')('GET', `/api/visitors/${v.body.id}`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ id: v.body.id, name: null, personalData: 'purged', organisation: 'Acme Telecom', documentMasked: '*****1234' });
    expect(after.body.purgedAt).toEqual(expect.any(String));
    expect(await db.dataSource.query(`SELECT 1 FROM visitor_keys WHERE visit_id = $1`, [v.body.id])).toEqual([]);
    // The exported trail still holds the same ciphertext (the log is append-only), and nothing opens it:
    // the key is gone, and the master key alone opens no field.
    const sealedAfter = await exportedPayloadOf(v.body.id);
    expect(sealedAfter.nameSealed).toBe(sealedBefore.nameSealed);
    expect(() => decryptVisitorField(masterKey, v.body.id, 'name', sealedAfter.nameSealed)).toThrow();
    const exported = await (await fetch(`${api.baseUrl}/api/audit/export.jsonl`, { headers: { authorization: `Bearer ${token.get('auditor')}` } })).text();
    for (const clear of ['Purge Me', '清除', 'P55501234']) expect(exported).not.toContain(clear);
    // The purge itself is an audited event of the visit, and the chain verifies (API and the CLI's code).
    expect(await db.dataSource.query(`SELECT type, actor, clauses FROM event_log WHERE subject = $1 ORDER BY seq`, [`visit:${v.body.id}`])).toEqual([
      { type: 'visitor.registered', actor: expect.any(String), clauses: ['INF-1'] },
      { type: 'visitor.checked_out', actor: expect.any(String), clauses: ['INF-1'] },
      { type: 'visitor.personal_data_purged', actor: 'system:visitor-purge', clauses: ['INF-1'] },
    ]);
    expect((await as('auditor')('GET', '/api/audit/verify')).body).toMatchObject({ ok: true });
    expect(await verifyChain(db.dataSource)).toMatchObject({ ok: true });
    const cli = await runCliInProcess(['audit:verify', '--json'], { DATABASE_URL: db.url });
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ ok: true });
    // A second run purges nothing twice.
    expect(await createVisitorActivities({ dataSource: db.dataSource, events, retentionDays: 0 }).purgeExpiredVisitors({ at: new Date().toISOString() })).toMatchObject({ purged: 0 });
  });
});

describe('visitors and a rebuild of the read models', () => {
  it('INF-1 (PIPL): a rebuild from the log neither recreates the data of a purged visit nor loses the key of a kept one', async () => {
    const kept = await as('security')('POST', '/api/visitors', form({ name: 'Kept After Rebuild' }));
    expect(kept.status).toBe(201);
    const purged = (await db.dataSource.query(`SELECT id FROM visits WHERE purged_at IS NOT NULL LIMIT 1`))[0].id as string;
    const keysBefore = await db.dataSource.query(`SELECT visit_id, wrapped_key FROM visitor_keys ORDER BY visit_id`);
    await rebuildProjections(db.dataSource, createProjectorRegistry());
    expect(await db.dataSource.query(`SELECT visit_id, wrapped_key FROM visitor_keys ORDER BY visit_id`)).toEqual(keysBefore);
    expect((await as('security')('GET', `/api/visitors/${kept.body.id}`)).body).toMatchObject({ name: 'Kept After Rebuild', personalData: 'kept' });
    expect((await as('security')('GET', `/api/visitors/${purged}`)).body).toMatchObject({ name: null, personalData: 'purged' });
  });
});

describe('the visitor purge schedule', () => {
  it('INF-1 (PIPL): the API puts a daily schedule of visitorPurgeWorkflow with no arguments on its task queue, leaves it alone when it is already so, and a firing purges what is due', async () => {
    const env = await connectDevServer({ custodian: true });
    const taskQueue = `visitor-schedule-${randomUUID()}`;
    try {
      expect(await reconcileVisitorPurgeSchedule(env.client, { taskQueue, timeZone: 'Asia/Shanghai' })).toBe('created');
      expect(await reconcileVisitorPurgeSchedule(env.client, { taskQueue, timeZone: 'Asia/Shanghai' })).toBe('unchanged');
      expect(await reconcileVisitorPurgeSchedule(env.client, { taskQueue, timeZone: 'Europe/Berlin' })).toBe('updated');
      const handle = env.client.schedule.getHandle(visitorPurgeScheduleId(taskQueue));
      const d = await handle.describe();
      expect(d.spec).toMatchObject({ calendars: [{ hour: [{ start: 3, end: 3 }], minute: [{ start: 30, end: 30 }] }], timezone: 'Europe/Berlin' });
      expect(d.action).toMatchObject({ workflowType: 'visitorPurgeWorkflow', workflowId: 'visitor-purge', taskQueue, args: [] });
      // A firing of that schedule, on a worker of its queue, purges what is due (here: the visit still kept).
      const due = await as('security')('POST', '/api/visitors', form({ name: 'Due For Purge' }));
      const connection = await NativeConnection.connect({ address: need(TEST_ENV.temporalAddress) });
      const events = new EventStore(db.dataSource, createProjectorRegistry());
      const worker = await Worker.create({ connection, taskQueue, workflowBundle: workflowBundle(), activities: guardActivities(createVisitorActivities({ dataSource: db.dataSource, events, retentionDays: 0 })), dataConverter: testDataConverter() });
      try {
        await worker.runUntil(async () => {
          await handle.trigger();
          await waitUntil(async () => (await as('security')('GET', `/api/visitors/${due.body.id}`)).body.personalData === 'purged');
        });
      } finally {
        await connection.close();
      }
      expect((await as('security')('GET', `/api/visitors/${due.body.id}`)).body.name).toBeNull();
      await handle.delete();
    } finally {
      await env.teardown();
    }
  });
});

/** Polls until `probe` holds (the schedule fires at once when triggered; a busy CI may take a moment). */
async function waitUntil(probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the scheduled purge');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The registration payload of a visit as the audit export carries it (JSON lines). */
async function exportedPayloadOf(visitId: string): Promise<{ nameSealed: string; documentSealed: string; documentMasked: string }> {
  const text = await (await fetch(`${api.baseUrl}/api/audit/export.jsonl?subject=${encodeURIComponent(`visit:${visitId}`)}`, { headers: { authorization: `Bearer ${token.get('auditor')}` } })).text();
  const lines = text.trim().split('\n').map((l) => JSON.parse(l));
  return lines.find((e) => e.type === 'visitor.registered').payload;
}
