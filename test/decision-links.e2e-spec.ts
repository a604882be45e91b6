import { randomUUID } from 'node:crypto';
import { decisionLinkIdOf, issueDecisionLink, signDecisionToken } from '../libs/domain/mail/decision-links.js';
import { loadMailSettings } from '../libs/enforcement/mail-config.js';
import { outgoingMail } from '../activities/mail.activities.js';
import { call, loginAs } from './support/api.js';
import { userWith } from './support/directory.js';
import { startProcessStack, taskOf, until, type ProcessStack } from './support/process-stack.js';
import { TestSmtp } from './support/smtp.js';

/**
 * Decision links and re-authentication over real HTTP: the API with its relay, a worker that sends the
 * task mails to a real SMTP server, the links taken from the mails as a person would click them. The
 * link only opens the task (never decides); it works once, for its person, while the task is theirs.
 */
const PASSWORD = 'smtp-pass-5b2e';
const SECRET = 'decision-link-test-secret-0123456789abcdef';
const smtp = new TestSmtp('custodian', PASSWORD);
let s: ProcessStack;
const env = {
  SMTP_URL: `smtp://custodian:${PASSWORD}@127.0.0.1:0`,
  MAIL_FROM: 'Custodian <custodian@mail.example.test>',
  PUBLIC_URL: 'https://custodian.example.test',
  SMTP_TIMEOUT_MS: '5000',
  MAIL_RELAY_EVERY: '200ms',
  MAIL_WORKING_HOURS: 'always',
  DECISION_LINK_SECRET: SECRET,
};

beforeAll(async () => {
  await smtp.start();
  env.SMTP_URL = `smtp://custodian:${PASSWORD}@127.0.0.1:${smtp.port}`;
  s = await startProcessStack({ apiEnv: env, mail: { settings: loadMailSettings(env)! } });
  const prefs = (email: string) => ({ email, mailEnabled: true, kinds: ['task'], digest: 'off' });
  for (const [u, mail] of [['supervisor', 'chen.zhou@example.test'], ['leader', 'dong.liu@example.test'], ['ccmanager', 'ccm@example.test']] as const) {
    expect((await (await s.as(u))('PUT', '/api/me/notification-preferences', prefs(mail))).status).toBe(200);
  }
});
afterAll(async () => {
  await s?.close();
  await smtp.stop();
});

const userId = async (username: string): Promise<string> => (await s.db.dataSource.query(`SELECT id::text AS id FROM users WHERE username = $1`, [username]))[0].id;
const LINK = /https:\/\/custodian\.example\.test\/d\/([0-9a-f-]{36}\.[A-Za-z0-9_-]{43})/;
/** The decision token in the mail about `taskId` to `address`. */
const tokenFromMail = (address: string, taskId: string) =>
  until(async () => {
    // The mail of the task's outbox row (its Message-ID): the link itself no longer names the task.
    const ids: { id: string }[] = await s.db.dataSource.query(`SELECT id::text AS id FROM mail_outbox WHERE source_id = $1`, [`task:${taskId}`]);
    const m = smtp.to(address).find((x) => ids.some((r) => x.parsed.messageId === `<${r.id}@mail.example.test>`));
    const found = m ? LINK.exec(m.parsed.text ?? '') : null;
    if (found) expect(String(m!.parsed.html)).toContain(`href="https://custodian.example.test/d/${found[1]}"`);
    return found?.[1];
  }, `the task mail to ${address}`);
const redeem = (who: Awaited<ReturnType<ProcessStack['as']>>, token: unknown) => who('POST', '/api/decision-links/redeem', { token });
/** A link of `username` to `taskId`, issued as openTask issues one (for cases no real mail makes: a requester, a past deadline). */
async function linkFor(username: string, taskId: string, expiresAt: string | null = null): Promise<string> {
  const outboxId = randomUUID();
  const user = await userId(username);
  await s.events.execute({ actor: { id: 'system:test' } }, (uow) => issueDecisionLink(uow, { outboxId, taskId, userId: user, expiresAt }));
  return signDecisionToken(SECRET, decisionLinkIdOf(outboxId));
}

describe('decision links (real SMTP, API and worker)', () => {
  it('SYS-1: the task mail carries a link that opens the task once for its person; a GET changes nothing; the token is stored nowhere', async () => {
    const [agent1, agent2, sup, leader] = await Promise.all([s.as('agent1'), s.as('agent2'), s.as('supervisor'), s.as('leader')]);
    const created = await agent1('POST', '/api/access-requests', { kind: 'external_network', justification: 'vendor portal', durationMinutes: 600 });
    expect(created.status).toBe(201);
    const review = await taskOf(sup, created.body.id, 'supervisor_review');
    const token = await tokenFromMail('chen.zhou@example.test', review.id);
    const [linkId, signature] = token.split('.') as [string, string];

    // The token (its signature) is in no event, no outbox row and no link row: only the id is kept.
    const stored = await s.db.dataSource.query(
      `SELECT (SELECT count(*) FROM event_log WHERE payload::text LIKE $1)::int AS events, (SELECT count(*) FROM mail_outbox WHERE path LIKE $1 OR body_en LIKE $1)::int AS outbox`,
      [`%${signature}%`],
    );
    expect(stored).toEqual([{ events: 0, outbox: 0 }]);
    expect((await s.db.dataSource.query(`SELECT user_id::text AS u, task_id::text AS t, used_at FROM decision_links WHERE id = $1`, [linkId]))[0]).toEqual({ u: await userId('supervisor'), t: review.id, used_at: null });

    // Following the link (a GET of the page, signed out) decides nothing and uses nothing.
    const before = (await s.db.dataSource.query(`SELECT max(seq)::int AS seq FROM event_log`))[0].seq;
    await fetch(`${s.api.baseUrl}/d/${token}`);
    expect((await s.db.dataSource.query(`SELECT used_at FROM decision_links WHERE id = $1`, [linkId]))[0].used_at).toBeNull();
    expect((await s.db.dataSource.query(`SELECT count(*)::int AS n FROM event_log WHERE seq > $1 AND (type LIKE 'decision_link.%' OR type LIKE 'task.%')`, [before]))[0].n).toBe(0);

    // Not signed in: 401. Someone else signed in: 403, and the link is still good for its person.
    expect((await call(s.api.baseUrl, null, 'POST', '/api/decision-links/redeem', { token })).status).toBe(401);
    const other = await redeem(leader, token);
    expect(other.status).toBe(403);
    expect(other.body.details.message.zh).toContain('其他人');
    // The requester with the approver's link: refused as someone else.
    expect((await redeem(agent1, token)).status).toBe(403);
    expect((await redeem(agent2, token)).body.code).toBe('FORBIDDEN');

    const opened = await redeem(sup, token);
    expect(opened.status).toBe(200);
    expect(opened.body).toEqual({ taskId: review.id, path: `/inbox/${review.id}` });
    // Redeeming decided nothing: the task is still open, for the normal completion route.
    expect((await sup('GET', `/api/tasks/${review.id}`)).body.status).toBe('open');
    const again = await redeem(sup, token);
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({ code: 'DECISION_LINK_GONE', details: { reason: 'used', message: { en: expect.stringContaining('already been used'), zh: expect.stringContaining('已被使用') } } });
    expect((await s.db.dataSource.query(`SELECT actor, payload FROM event_log WHERE type = 'decision_link.redeemed' AND subject = $1`, [`decision-link:${linkId}`]))).toEqual([
      { actor: await userId('supervisor'), payload: { linkId, taskId: review.id, userId: await userId('supervisor') } },
    ]);
    expect((await sup('POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve' })).status).toBe(200);
  });

  it('abuse: a forged signature, an unknown link and a malformed token are refused without saying which part failed', async () => {
    const [agent1, sup] = await Promise.all([s.as('agent1'), s.as('supervisor')]);
    const created = await agent1('POST', '/api/access-requests', { kind: 'external_network', justification: 'forgery check', durationMinutes: 600 });
    const review = await taskOf(sup, created.body.id, 'supervisor_review');
    const token = await tokenFromMail('chen.zhou@example.test', review.id);
    const [linkId, signature] = token.split('.') as [string, string];
    const flipped = `${linkId}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    const forged = await redeem(sup, flipped);
    const otherSecret = await redeem(sup, signDecisionToken('another-secret-another-secret-0123456789', linkId));
    const unknown = await redeem(sup, signDecisionToken(SECRET, randomUUID()));
    expect([forged.status, otherSecret.status, unknown.status]).toEqual([404, 404, 404]);
    expect(new Set([forged.body.message, otherSecret.body.message, unknown.body.message]).size).toBe(1);
    for (const bad of ['', 'x', linkId, `${linkId}.`, `${linkId}.${signature}x`, `${linkId.toUpperCase()}.${signature}`, `../${token}`, 42, null]) {
      expect([bad, (await redeem(sup, bad)).status]).toEqual([bad, 400]);
    }
    // None of these used the link: the real one still opens the task.
    expect((await redeem(sup, token)).status).toBe(200);
  });

  it('SYS-1: a link expires with its task: decided or cancelled (410 closed), past its deadline (410 expired), out of the person’s hands (410)', async () => {
    const [agent1, sup] = await Promise.all([s.as('agent1'), s.as('supervisor')]);
    const created = await agent1('POST', '/api/access-requests', { kind: 'external_network', justification: 'expiry check', durationMinutes: 600 });
    const review = await taskOf(sup, created.body.id, 'supervisor_review');
    const token = await tokenFromMail('chen.zhou@example.test', review.id);
    const pastDeadline = await linkFor('supervisor', review.id, new Date(Date.now() - 60_000).toISOString());
    const expired = await redeem(sup, pastDeadline);
    expect(expired.status).toBe(410);
    expect(expired.body.details).toMatchObject({ reason: 'expired', message: { zh: expect.stringContaining('已过期') } });
    // A link to someone the task is not for (another department's agent): leads nowhere.
    const agent2Link = await linkFor('agent2', review.id);
    const notYours = await redeem(await s.as('agent2'), agent2Link);
    expect([notYours.status, notYours.body.details?.reason]).toEqual([410, 'not_yours']);
    // The requester withdraws the request: the task is cancelled, the link gone.
    expect((await agent1('POST', `/api/access-requests/${created.body.id}/revoke`, { reason: 'no longer needed' })).status).toBe(200);
    await until(async () => (await sup('GET', `/api/tasks/${review.id}`)).body.status !== 'open', 'the task closed');
    const closed = await redeem(sup, token);
    expect([closed.status, closed.body.details?.reason]).toEqual([410, 'closed']);
  });

  it('SYS-1: a link expires when its task is reassigned away from its person (410 not_yours), and works for nobody else', async () => {
    const [{ id: outbound1 }] = await s.db.dataSource.query(`SELECT id::text AS id FROM departments WHERE code = 'outbound-1'`);
    await userWith(s.events, 'sup1b', ['supervisor'], { departmentId: outbound1 });
    const [agent1, sup] = await Promise.all([s.as('agent1'), s.as('supervisor')]);
    const created = await agent1('POST', '/api/access-requests', { kind: 'external_network', justification: 'reassign check', durationMinutes: 600 });
    const review = await taskOf(sup, created.body.id, 'supervisor_review');
    const token = await tokenFromMail('chen.zhou@example.test', review.id);
    expect((await sup('POST', `/api/tasks/${review.id}/reassign`, { username: 'sup1b' })).status).toBe(200);
    const gone = await redeem(sup, token);
    expect([gone.status, gone.body.details?.reason]).toEqual([410, 'not_yours']);
    // The new assignee cannot use the old assignee link either.
    expect((await redeem(await s.as('sup1b'), token)).status).toBe(403);
  });

  it('SYS-1: the requester holding a link to the review of their own request is refused by separation of duties, as in the inbox', async () => {
    const [agent1, sup] = await Promise.all([s.as('agent1'), s.as('supervisor')]);
    const created = await agent1('POST', '/api/access-requests', { kind: 'external_network', justification: 'own review', durationMinutes: 600 });
    const review = await taskOf(sup, created.body.id, 'supervisor_review');
    // The mail never goes to the requester (openTask excludes them); a link is issued to them here by hand.
    expect(smtp.received.some((m) => m.parsed.text?.includes(review.id) && m.to.some((a) => !a.startsWith('chen.zhou')))).toBe(false);
    const own = await redeem(agent1, await linkFor('agent1', review.id));
    expect([own.status, own.body.code]).toEqual([403, 'SEPARATION_OF_DUTIES']);
    // The inbox answers the same.
    expect((await agent1('POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve' })).body.code).toBe('SEPARATION_OF_DUTIES');
  });
});

describe('the decision link in the mail as it leaves', () => {
  const item = (n: number, decisionLinkId: string | null) => ({ id: randomUUID(), kind: 'task' as const, title: { en: `Task ${n}`, zh: `任务 ${n}` }, body: { en: 'b', zh: 'b' }, path: `/inbox/task-${n}`, decisionLinkId });
  const mail = (digest: boolean, items: ReturnType<typeof item>[]) => ({ id: randomUUID(), digest, items, email: 'x@example.test', locale: 'en' as const, displayName: 'X' });

  it('each task item of a digest carries its own signed link; without DECISION_LINK_SECRET the plain page link', () => {
    const settings = loadMailSettings(env)!;
    const [a, b] = [randomUUID(), randomUUID()];
    const digest = outgoingMail(settings, mail(true, [item(1, a), item(2, b), item(3, null)]));
    expect(digest.text).toContain(`https://custodian.example.test/d/${signDecisionToken(SECRET, a)}`);
    expect(digest.text).toContain(`https://custodian.example.test/d/${signDecisionToken(SECRET, b)}`);
    expect(digest.text).toContain('https://custodian.example.test/inbox/task-3');
    const plain = outgoingMail({ ...settings, decisionLinkSecret: null }, mail(false, [item(1, a)]));
    expect(plain.text).toContain('https://custodian.example.test/inbox/task-1');
    expect(plain.text).not.toContain('/d/');
  });
});

describe('re-authentication for privileged decisions', () => {
  it('INF-12: deciding a special agent-ID request needs the password again within 5 minutes, from the inbox and from a link alike', async () => {
    const [agent1, sup] = await Promise.all([s.as('agent1'), s.as('supervisor')]);
    const created = await agent1('POST', '/api/access-requests', { kind: 'special_agent_id', justification: 'callback campaign', durationMinutes: 120 });
    expect(created.status).toBe(201);
    const review = await taskOf(sup, created.body.id, 'superior_review');
    const token = await tokenFromMail('chen.zhou@example.test', review.id);
    expect((await redeem(sup, token)).status).toBe(200);

    const refused = await sup('POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'REAUTHENTICATION_REQUIRED', details: { message: { en: expect.stringContaining('password'), zh: expect.stringContaining('密码') } } });
    // The requester is refused by separation of duties first, re-authenticated or not.
    expect((await agent1('POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve' })).body.code).toBe('SEPARATION_OF_DUTIES');

    const wrong = await sup('POST', '/api/auth/reauthenticate', { password: 'not-my-password' });
    expect(wrong.status).toBe(401);
    const ok = await sup('POST', '/api/auth/reauthenticate', { password: 'demo-password' });
    expect(ok.status).toBe(200);
    expect(Date.parse(ok.body.reauthenticatedUntil) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    // The old token of the same session still lacks it; the new one carries it.
    expect((await sup('POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve' })).body.code).toBe('REAUTHENTICATION_REQUIRED');
    const approved = await call(s.api.baseUrl, ok.body.accessToken, 'POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve' });
    expect(approved.status).toBe(200);
    const [ev] = await s.db.dataSource.query(`SELECT actor, payload FROM event_log WHERE type = 'auth.reauthenticated' ORDER BY seq DESC LIMIT 1`);
    expect(ev).toMatchObject({ actor: await userId('supervisor'), payload: { username: 'supervisor' } });
    expect(JSON.stringify(ev)).not.toContain('demo-password');
  });

  it('re-authentication is throttled like sign-in: after the free failures the pair waits (429), even with the right password', async () => {
    const token = await loginAs(s.api.baseUrl, 'agent2');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(s.api.baseUrl, token, 'POST', '/api/auth/reauthenticate', { password: `guess-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const right = await call(s.api.baseUrl, token, 'POST', '/api/auth/reauthenticate', { password: 'demo-password' });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    // The session itself goes on.
    expect((await call(s.api.baseUrl, token, 'GET', '/api/me')).status).toBe(200);
  });
});
