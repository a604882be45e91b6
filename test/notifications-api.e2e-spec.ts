import { randomUUID } from 'node:crypto';
import { text, type Recipient } from '../libs/policy/index.js';
import { EventStore } from '../libs/domain/events/event-store.js';
import { rebuildProjections } from '../libs/domain/events/rebuild.js';
import { createProjectorRegistry } from '../libs/domain/projectors.js';
import { notify as sendNotification } from '../libs/domain/tasks/commands.js';
import { call, loginAs, startTestApi, type TestApi } from './support/api.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';

let db: TestDatabase;
let api: TestApi;
let events: EventStore;
const token = new Map<string, string>();
const me = new Map<string, { id: string; departmentId: string | null }>();

const as = (username: string) => (method: string, path: string, body?: unknown) => call(api.baseUrl, token.get(username)!, method, path, body);

async function notify(recipients: Recipient[], en: string): Promise<string> {
  const subject = `task:${randomUUID()}`;
  await sendNotification(events, {}, { subject, recipients, title: text(en, `中文：${en}`), body: text(`${en} body`, `${en} 正文`) });
  const [row] = await db.dataSource.query(`SELECT id FROM notifications WHERE subject = $1 ORDER BY id LIMIT 1`, [subject]);
  return row.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.url, { SEED_DEMO: '1', LOG_LEVEL: 'error' });
  events = new EventStore(db.dataSource, createProjectorRegistry());
  for (const u of ['agent1', 'agent2', 'supervisor', 'hr']) {
    token.set(u, await loginAs(api.baseUrl, u));
    const m = (await as(u)('GET', '/api/me')).body;
    me.set(u, { id: m.id, departmentId: m.department?.id ?? null });
  }
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('notifications API', () => {
  it('GET /api/notifications lists only mine (to me, to my role, in my department), newest first, paged, with an unread filter, in English and Chinese', async () => {
    const agent1 = me.get('agent1')!;
    const toMe = await notify([{ userId: agent1.id }], 'Your access expires soon');
    await notify([{ userId: me.get('agent2')!.id }], 'For agent2 only');
    const toHr = await notify([{ role: 'hr', departmentId: null }], 'Overdue: agreement unsigned');
    const mySupervisor = await notify([{ role: 'supervisor', departmentId: me.get('supervisor')!.departmentId! }], 'Overdue: review in my department');
    await notify([{ role: 'supervisor', departmentId: randomUUID() }], 'Overdue: review elsewhere');
    const later = await notify([{ userId: agent1.id }], 'You were assigned a task');

    const list = await as('agent1')('GET', '/api/notifications');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, unread: 2, page: 1, pageSize: 50 });
    expect(list.body.items.map((n: any) => n.id)).toEqual([later, toMe]);
    expect(list.body.items[1]).toEqual({
      id: toMe, subject: expect.stringMatching(/^task:/), subjectType: 'task', subjectId: expect.any(String),
      title: { en: 'Your access expires soon', zh: '中文：Your access expires soon' }, body: { en: 'Your access expires soon body', zh: 'Your access expires soon 正文' },
      createdAt: expect.any(String), read: false, readAt: null,
    });
    expect((await as('agent1')('GET', '/api/notifications?pageSize=1&page=2')).body.items.map((n: any) => n.id)).toEqual([toMe]);
    expect((await as('hr')('GET', '/api/notifications')).body.items.map((n: any) => n.id)).toEqual([toHr]);
    expect((await as('supervisor')('GET', '/api/notifications')).body.items.map((n: any) => n.id)).toEqual([mySupervisor]);

    expect((await as('agent1')('POST', `/api/notifications/${toMe}/read`)).body).toMatchObject({ id: toMe, read: true, readAt: expect.any(String) });
    const unread = (await as('agent1')('GET', '/api/notifications?unread=true')).body;
    expect(unread).toMatchObject({ total: 1, unread: 1 });
    expect(unread.items.map((n: any) => n.id)).toEqual([later]);
    expect((await as('agent1')('GET', '/api/notifications?unread=maybe')).status).toBe(400);
  });

  it('POST /api/notifications/:id/read: the recipient only (anyone else gets 404), once (a second read writes no event), per person for a role notification', async () => {
    const toAgent1 = await notify([{ userId: me.get('agent1')!.id }], 'Approved');
    const toHr = await notify([{ role: 'hr', departmentId: null }], 'Escalated');
    expect((await as('agent2')('POST', `/api/notifications/${toAgent1}/read`)).status).toBe(404);
    expect((await as('hr')('POST', `/api/notifications/${toAgent1}/read`)).status).toBe(404);
    expect((await as('agent1')('POST', `/api/notifications/${toHr}/read`)).status).toBe(404);
    expect((await as('agent1')('POST', `/api/notifications/${randomUUID()}/read`)).status).toBe(404);
    expect((await as('agent1')('POST', '/api/notifications/not-a-uuid/read')).status).toBe(400);

    const first = await as('agent1')('POST', `/api/notifications/${toAgent1}/read`);
    const again = await as('agent1')('POST', `/api/notifications/${toAgent1}/read`);
    expect(again.body.readAt).toBe(first.body.readAt);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM event_log WHERE type = 'notification.read' AND subject = $1`, [`notification:${toAgent1}`]);
    expect(n).toBe(1);

    // Reading is per person: hr's read is hr's own row, not the role's.
    expect((await as('hr')('POST', `/api/notifications/${toHr}/read`)).body).toMatchObject({ read: true });
    const [reads] = await db.dataSource.query(`SELECT count(*)::int AS n FROM notification_reads WHERE notification_id = $1`, [toHr]);
    expect(reads.n).toBe(1);

    const before = await db.dataSource.query(`SELECT * FROM notification_reads ORDER BY 1, 2`);
    await rebuildProjections(db.dataSource, createProjectorRegistry());
    expect(await db.dataSource.query(`SELECT * FROM notification_reads ORDER BY 1, 2`)).toEqual(before);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await call(api.baseUrl, null, 'GET', '/api/docs-json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/notifications', '/api/notifications/{id}/read']));
    expect(doc.components.schemas.NotificationPageDto.required).toEqual(expect.arrayContaining(['items', 'unread', 'total']));
  });
});
