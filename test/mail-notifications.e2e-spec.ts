import { MockActivityEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { createMailActivities, type SendMail } from '../activities/mail.activities.js';
import { queueMail } from '../libs/domain/mail/mail.js';
import { notify } from '../libs/domain/tasks/commands.js';
import { loadMailSettings } from '../libs/enforcement/mail-config.js';
import { sendSmtp } from '../libs/enforcement/mail-sender.js';
import { text } from '../libs/policy/text.js';
import { TITLES } from '../libs/policy/titles.js';
import { startProcessStack, taskOf, until, type ProcessStack } from './support/process-stack.js';
import { TestSmtp } from './support/smtp.js';

/**
 * Mail notifications end to end: the real API (its outbox relay), a real worker (mailDeliveryWorkflow on
 * the dev server), a real SMTP server on loopback, mail parsed as a mail client would. SYS-1 drives the
 * access request whose tasks and decision are mailed.
 */
const PASSWORD = 'smtp-pass-9f3c1a';
const smtp = new TestSmtp('custodian', PASSWORD, (a) => (a.startsWith('bounce') ? 'reject' : a.startsWith('greylist') ? 'greylist' : 'accept'));
let s: ProcessStack;
let sends = 0;
const countingSend: SendMail = (settings, m) => {
  sends += 1;
  return sendSmtp(settings, m);
};
let env: Record<string, string>;

beforeAll(async () => {
  await smtp.start();
  env = {
    SMTP_URL: `smtp://custodian:${PASSWORD}@127.0.0.1:${smtp.port}`,
    MAIL_FROM: 'Custodian <custodian@mail.example.test>',
    PUBLIC_URL: 'https://custodian.example.test/',
    SMTP_TIMEOUT_MS: '5000',
    MAIL_RELAY_EVERY: '200ms',
    // The suite runs at any hour and on any day: quiet hours have their own test (mail-quiet-hours).
    MAIL_WORKING_HOURS: 'always',
  };
  s = await startProcessStack({ apiEnv: env, mail: { settings: loadMailSettings(env)!, send: countingSend } });
});
afterAll(async () => {
  await s?.close();
  await smtp.stop();
});

const userId = async (username: string): Promise<string> => (await s.db.dataSource.query(`SELECT id::text AS id FROM users WHERE username = $1`, [username]))[0].id;
const prefs = (email: string | null, over: Record<string, unknown> = {}) => ({ email, mailEnabled: true, kinds: ['task', 'escalation', 'reminder', 'decision', 'grant_ended', 'other'], digest: 'off', ...over });
const outboxOf = async (sourceLike: string) => s.db.dataSource.query(`SELECT id::text AS id, status, sent_at, error, message_id FROM mail_outbox WHERE source_id LIKE $1 OR subject LIKE $1`, [sourceLike]);
const tellSomeone = async (username: string, subject = `access-request:${randomUUID()}`) => {
  await notify(s.events, { idempotencyKey: randomUUID() }, { subject, recipients: [{ userId: await userId(username) }], title: TITLES.accessApproved, body: TITLES.accessApproved });
  return subject;
};

describe('mail notifications (real SMTP server, real API and worker)', () => {
  it('SYS-1: the reviewer gets the new task by mail in Chinese, the requester the decision in English; links to the exact page; user input is escaped in HTML', async () => {
    const [agent1, agent2, sup] = await Promise.all([s.as('agent1'), s.as('agent2'), s.as('supervisor')]);
    expect((await agent1('PATCH', '/api/me', { locale: 'en' })).status).toBe(200);
    expect((await agent1('PUT', '/api/me/notification-preferences', prefs('agent1@example.test'))).status).toBe(200);
    expect((await sup('PUT', '/api/me/notification-preferences', prefs('chen.zhou@example.test'))).body).toEqual(prefs('chen.zhou@example.test'));
    // agent2 chose nothing: no address, so no mail (the bell still shows everything).
    expect((await agent2('GET', '/api/me/notification-preferences')).body).toEqual(prefs(null));

    const justification = 'Need <b>vendor</b> portal & "docs" <script>alert(1)</script>';
    const created = await agent1('POST', '/api/access-requests', { kind: 'external_network', justification, durationMinutes: 600 });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const review = await taskOf(sup, id, 'supervisor_review');

    const taskMail = await until(async () => smtp.to('chen.zhou@example.test').find((m) => m.parsed.text?.includes(review.id)), 'the task mail');
    const m = taskMail.parsed;
    expect(m.subject).toMatch(/^\[Custodian\] 新任务：|^\[Custodian\] 新任务: /);
    expect(m.subject).toContain(review.title.zh);
    expect(m.from?.text).toContain('custodian@mail.example.test');
    expect(m.text).toContain('周晨'); // greets the reviewer by name, in Chinese
    expect(m.text).toContain(`https://custodian.example.test/inbox/${review.id}`);
    expect(m.text).toContain(justification); // plain text carries the text as written
    const html = String(m.html);
    expect(html).toContain(`href="https://custodian.example.test/inbox/${review.id}"`);
    expect(html).toContain('Need &lt;b&gt;vendor&lt;/b&gt; portal &amp; &quot;docs&quot; &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>vendor');
    const [row] = await outboxOf(`task:${review.id}`);
    expect(row).toMatchObject({ status: 'sent', message_id: `<${row.id}@mail.example.test>` });
    expect(m.messageId).toBe(`<${row.id}@mail.example.test>`);
    expect(m.headers.get('auto-submitted')).toBe('auto-generated');

    expect((await sup('POST', `/api/tasks/${review.id}/complete`, { outcome: 'reject', comment: 'not needed now' })).status).toBe(200);
    const decision = await until(async () => smtp.to('agent1@example.test')[0], 'the decision mail');
    expect(decision.parsed.subject).toBe(`[Custodian] Decision: ${TITLES.accessRejected.en}`);
    expect(decision.parsed.text).toContain('Hello An Li');
    expect(decision.parsed.text).toContain(`https://custodian.example.test/requests/${id}`);
    // Nobody else was mailed: the requester is not a candidate of their own review, agent2 has no address.
    expect(smtp.received.flatMap((r) => r.to).filter((a) => !['chen.zhou@example.test', 'agent1@example.test'].includes(a))).toEqual([]);
    const events = await s.db.dataSource.query(`SELECT type, payload FROM event_log WHERE type LIKE 'mail.%' OR type = 'notification_preferences.changed'`);
    // No event carries an address or the SMTP password (preferences are the person's own record).
    expect(JSON.stringify(events.filter((e: any) => e.type.startsWith('mail.')))).not.toMatch(/@example\.test|smtp-pass/);
  });

  it('a retried send activity (the same outbox id twice, also at once) sends one mail; a crash between the server accepting and the record resends with the same Message-ID', async () => {
    await (await s.as('leader'))('PUT', '/api/me/notification-preferences', prefs('dong.liu@example.test'));
    const leaderId = await userId('leader');
    const later = async () => '2999-01-01T00:00:00.000Z'; // held: the relay leaves it to this test
    const sourceId = `test:${randomUUID()}`;
    await s.events.execute({ actor: { id: 'system:test' } }, (uow) =>
      queueMail(uow, { sourceId, subject: 'access-request:x', kind: 'other', title: text('Held mail', '暂缓邮件'), body: text('b', 'b'), path: '/notifications', recipients: [{ userId: leaderId }], notBefore: later }),
    );
    const [{ id }] = await outboxOf(sourceId);
    const settings = loadMailSettings(env)!;
    const before = sends;
    const acts = createMailActivities(s.events, settings, countingSend);
    const run = (): Promise<{ result: string }> => new MockActivityEnvironment({ attempt: 1 }).run(acts.sendMail, { outboxId: id }) as Promise<{ result: string }>;
    const results = await Promise.all([run(), run()]);
    expect(results.map((r) => r.result).sort()).toEqual(['sent', 'sent']); // the second waited and got the first one's answer
    expect((await run()).result).toBe('sent');
    expect(sends - before).toBe(1);
    expect(smtp.received.filter((r) => r.parsed.messageId === `<${id}@mail.example.test>`)).toHaveLength(1);

    // The documented window: the server said 250, then the worker died before mail.sent committed.
    const sourceId2 = `test:${randomUUID()}`;
    await s.events.execute({ actor: { id: 'system:test' } }, (uow) =>
      queueMail(uow, { sourceId: sourceId2, subject: 'access-request:y', kind: 'other', title: text('Held mail', '暂缓邮件'), body: text('b', 'b'), path: '/notifications', recipients: [{ userId: leaderId }], notBefore: later }),
    );
    const [{ id: id2 }] = await outboxOf(sourceId2);
    let crashed = false;
    const crashAfterSend = createMailActivities(s.events, settings, async (st, m) => {
      const r = await sendSmtp(st, m);
      if (!crashed) {
        crashed = true;
        throw new Error('worker died after the server accepted');
      }
      return r;
    });
    await expect(new MockActivityEnvironment({ attempt: 1 }).run(crashAfterSend.sendMail, { outboxId: id2 })).rejects.toThrow(/worker died/);
    expect((await outboxOf(sourceId2))[0].status).toBe('pending');
    expect(((await new MockActivityEnvironment({ attempt: 2 }).run(crashAfterSend.sendMail, { outboxId: id2 })) as { result: string }).result).toBe('sent');
    const copies = await until(async () => smtp.received.filter((r) => r.parsed.messageId === `<${id2}@mail.example.test>`).length === 2 && smtp.received.filter((r) => r.parsed.messageId === `<${id2}@mail.example.test>`), 'both copies');
    expect(copies).toHaveLength(2); // at least once: both copies carry the one Message-ID, so clients show one
  });

  it('a 550 refusal is recorded once (event and outbox state) and listed for the call-center manager, without the password; agents are refused the list', async () => {
    await (await s.as('hr'))('PUT', '/api/me/notification-preferences', prefs('bounce.hr@example.test'));
    const subject = await tellSomeone('hr');
    const [row] = await until(async () => {
      const rows = await outboxOf(subject);
      return rows[0]?.status === 'failed' && rows;
    }, 'the failure');
    expect(row.error).toMatch(/550/);
    expect(smtp.refusedRcpt).toContain('550 bounce.hr@example.test');
    const failed = await s.db.dataSource.query(`SELECT payload FROM event_log WHERE type = 'mail.failed' AND subject = $1`, [`mail:${row.id}`]);
    expect(failed).toHaveLength(1);
    expect(failed[0].payload).toMatchObject({ outboxId: row.id, responseCode: 550 });

    const list = await (await s.as('ccmanager'))('GET', '/api/mail/failures');
    expect(list.status).toBe(200);
    const item = list.body.items.find((i: any) => i.id === row.id);
    expect(item).toMatchObject({ recipientUsername: 'hr', kind: 'decision', subject, error: expect.stringMatching(/550/) });
    expect(JSON.stringify(list.body)).not.toContain(PASSWORD);
    expect((await (await s.as('agent1'))('GET', '/api/mail/failures')).status).toBe(403);
    expect((await (await s.as('supervisor'))('GET', '/api/mail/failures')).status).toBe(403);
  });

  it('a 451 answer is retried with back-off, then delivered once', async () => {
    await (await s.as('it'))('PUT', '/api/me/notification-preferences', prefs('greylist.it@example.test'));
    const subject = await tellSomeone('it');
    const [row] = await until(async () => {
      const rows = await outboxOf(subject);
      return rows[0]?.status === 'sent' && rows;
    }, 'the delivery after the retry');
    expect(smtp.refusedRcpt).toContain('451 greylist.it@example.test');
    const [relay] = await s.db.dataSource.query(`SELECT attempts, last_error FROM mail_relay WHERE outbox_id = $1`, [row.id]);
    expect(relay.attempts).toBe(1);
    expect(relay.last_error).toMatch(/451/);
    expect(smtp.received.filter((r) => r.parsed.messageId === `<${row.id}@mail.example.test>`)).toHaveLength(1);
  });

  it('the SMTP server down during a burst: nothing is lost and nothing is sent twice once it is back', async () => {
    await (await s.as('site'))('PUT', '/api/me/notification-preferences', prefs('hui.ma@example.test'));
    await smtp.stop();
    const subjects: string[] = [];
    for (let i = 0; i < 6; i++) subjects.push(await tellSomeone('site'));
    const ids = async () => (await Promise.all(subjects.map(outboxOf))).map((r) => r[0]);
    // Every one was tried while the server was down (a connection refused is transient).
    await until(async () => {
      const rows = await ids();
      const tried = await s.db.dataSource.query(`SELECT count(*)::int AS n FROM mail_relay WHERE outbox_id = ANY($1) AND attempts >= 1`, [rows.map((r) => r.id)]);
      return tried[0].n === subjects.length;
    }, 'every mail tried while the server is down');
    expect((await ids()).every((r) => r.status === 'pending')).toBe(true);
    await smtp.start();
    await until(async () => (await ids()).every((r) => r.status === 'sent'), 'every mail sent once the server is back', 120_000);
    const rows = await ids();
    for (const r of rows) expect(smtp.received.filter((m) => m.parsed.messageId === `<${r.id}@mail.example.test>`)).toHaveLength(1);
    expect(smtp.to('hui.ma@example.test')).toHaveLength(subjects.length);
  });

  it('an hourly digest holds the person mail until the hour is over, then sends one mail listing them all', async () => {
    await (await s.as('security'))('PUT', '/api/me/notification-preferences', prefs('kai.he@example.test', { digest: 'hourly' }));
    const subjects = [await tellSomeone('security'), await tellSomeone('security'), await tellSomeone('security')];
    const rows = async () => (await Promise.all(subjects.map(outboxOf))).map((r) => r[0]);
    // The relay has run since they were queued (a later single mail went out), and left them alone.
    await (await s.as('idadmin'))('PUT', '/api/me/notification-preferences', prefs('jun.gao@example.test'));
    const marker = await tellSomeone('idadmin');
    await until(async () => (await outboxOf(marker))[0]?.status === 'sent', 'a single mail queued after the digest rows');
    expect((await rows()).map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
    expect(smtp.to('kai.he@example.test')).toEqual([]);
    // The hour passes (their period is over): one mail lists the three.
    await s.db.dataSource.query(`UPDATE mail_outbox SET created_at = created_at - interval '2 hours' WHERE id = ANY($1)`, [(await rows()).map((r) => r.id)]);
    await until(async () => (await rows()).every((r) => r.status === 'sent'), 'the digest');
    const [digest] = smtp.to('kai.he@example.test');
    expect(smtp.to('kai.he@example.test')).toHaveLength(1);
    expect(digest!.parsed.subject).toBe('[Custodian] 3 条通知');
    expect(digest!.parsed.text!.split(TITLES.accessApproved.zh)).toHaveLength(4);
    for (const subject of subjects) expect(digest!.parsed.text).toContain(`https://custodian.example.test/requests/${subject.split(':')[1]}`);
    expect(new Set((await rows()).map((r) => r.message_id)).size).toBe(1);
  });

  it('preferences are the caller own: no route names another person, an extra field is refused, mail off means no mail', async () => {
    const [agent1, agent2] = await Promise.all([s.as('agent1'), s.as('agent2')]);
    const mine = (await agent1('GET', '/api/me/notification-preferences')).body;
    expect((await agent2('PUT', '/api/me/notification-preferences', { ...prefs('x@example.test'), userId: await userId('agent1') })).status).toBe(400);
    expect((await agent2('PUT', '/api/me/notification-preferences', prefs('not an address'))).status).toBe(400);
    // Broken Unicode is a 400 too, not the address check's crash (a 500 found by test:fuzz).
    const broken = await agent2('PUT', '/api/me/notification-preferences', prefs('x\ud83d@example.test'));
    expect(broken.status).toBe(400);
    expect(JSON.stringify(broken.body)).toMatch(/mail address/);
    expect((await agent2('PUT', '/api/me/notification-preferences', prefs('bo.wang@example.test', { kinds: ['task', 'spam'] }))).status).toBe(400);
    expect((await agent2('PUT', '/api/me/notification-preferences', prefs('bo.wang@example.test', { mailEnabled: false }))).status).toBe(200);
    expect((await agent1('GET', '/api/me/notification-preferences')).body).toEqual(mine);
    // agent2 has mail off: a notification queues nothing for them.
    const subject = await tellSomeone('agent2');
    expect(await outboxOf(subject)).toEqual([]);
    expect((await fetch(`${s.api.baseUrl}/api/me/notification-preferences`)).status).toBe(401);
  });
});
