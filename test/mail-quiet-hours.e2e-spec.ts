import { randomUUID } from 'node:crypto';
import { EventStore } from '../libs/domain/events/event-store.js';
import { queueMail, relayPendingMail, setNotificationPreferences } from '../libs/domain/mail/mail.js';
import { createProjectorRegistry } from '../libs/domain/projectors.js';
import { seedDemo } from '../libs/domain/seed/demo.js';
import type { RelayWindow } from '../libs/policy/mail.js';
import { NOTIFICATION_KINDS } from '../libs/policy/notifications.js';
import { text } from '../libs/policy/text.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';

/** The relay against the real database: what quiet hours and digest periods let through (the window itself: libs/policy/mail.spec.ts). */
describe('mail relay: quiet hours and digests', () => {
  let db: TestDatabase;
  let events: EventStore;
  let site: string;
  let itUser: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    events = new EventStore(db.dataSource, createProjectorRegistry());
    await seedDemo(events, db.dataSource);
    const id = async (u: string) => (await db.dataSource.query(`SELECT id::text AS id FROM users WHERE username = $1`, [u]))[0].id as string;
    [site, itUser] = [await id('site'), await id('it')];
    const all = [...NOTIFICATION_KINDS];
    await setNotificationPreferences(events, {}, { userId: site, email: 'site@example.test', mailEnabled: true, kinds: all, digest: 'off' });
    await setNotificationPreferences(events, {}, { userId: itUser, email: 'it@example.test', mailEnabled: true, kinds: all, digest: 'daily' });
  });
  afterAll(async () => db?.drop());

  const queue = async (kind: 'task' | 'escalation' | 'reminder' | 'decision', userId: string) => {
    const sourceId = `test:${randomUUID()}`;
    await events.execute({ actor: { id: 'system:test' } }, (uow) => queueMail(uow, { sourceId, subject: 'task:x', kind, title: text(kind, kind), body: text('b', 'b'), path: '/inbox/x', recipients: [{ userId }] }));
    return (await db.dataSource.query(`SELECT id::text AS id FROM mail_outbox WHERE source_id = $1`, [sourceId]))[0].id as string;
  };
  const relay = async (w: RelayWindow) => {
    const started: string[] = [];
    await relayPendingMail(events, 100, w, async (id) => void started.push(id));
    return started;
  };
  const past = new Date(Date.now() - 86_400_000);

  it('in quiet hours a new task and a decision go at once; reminders, escalations and digests wait for the working morning', async () => {
    const [task, decision, escalation, reminder, digestRow] = [await queue('task', site), await queue('decision', site), await queue('escalation', site), await queue('reminder', site), await queue('task', itUser)];
    const future = new Date(Date.now() + 86_400_000);
    // Quiet, with every digest period over: only the urgent single mails.
    expect((await relay({ quiet: true, hourCutoff: future, dayCutoff: future })).sort()).toEqual([task, decision].sort());
    // The working morning, but the daily digest period not over yet (it was queued after the last start of working hours).
    expect((await relay({ quiet: false, hourCutoff: past, dayCutoff: past })).sort()).toEqual([escalation, reminder].sort());
    // Handed over once: a later tick does not hand them again.
    expect(await relay({ quiet: false, hourCutoff: past, dayCutoff: past })).toEqual([]);
    expect(await relay({ quiet: false, hourCutoff: future, dayCutoff: future })).toEqual([digestRow]);
    // A row handed over long ago and still pending (its workflow terminated) is handed over again.
    await db.dataSource.query(`UPDATE mail_relay SET relayed_at = now() - interval '7 hours' WHERE outbox_id = $1`, [task]);
    expect(await relay({ quiet: false, hourCutoff: past, dayCutoff: past })).toEqual([task]);
  });
});
