import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { loadWebhookSettings } from '../../libs/enforcement/webhook-config.js';
import { call } from '../support/api.js';
import { enabledExternal, type ProcessStack, startProcessStack, taskOf, until } from '../support/process-stack.js';

/**
 * Grants of kinds the directory does not reach (SYS-1, INF-6, AID-2, INF-7): external network access is
 * told to a receiving system by Standard Webhooks deliveries (a local node:http receiver that checks every
 * signature itself, from the specification, not with the product's signer); USB media has no connector,
 * so IT gets a disable task; an offboarding opens IT's task for the leaver's email and drive accounts.
 */

// The worker signs with both secrets while the receiver rotates from OLD to NEW (the specification's rotation).
const OLD = `whsec_${randomBytes(32).toString('base64')}`;
const NEW = `whsec_${randomBytes(24).toString('base64')}`;

interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  answered: number;
  verified: boolean;
}

/** Standard Webhooks verification, written from the specification: HMAC-SHA256 of "id.timestamp.body", base64, "v1," prefixed, any of the space-separated signatures. */
function verify(secret: string, h: IncomingHttpHeaders, body: string): boolean {
  const id = h['webhook-id'];
  const ts = h['webhook-timestamp'];
  const sig = h['webhook-signature'];
  if (typeof id !== 'string' || typeof ts !== 'string' || typeof sig !== 'string') return false;
  if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return false; // replay tolerance
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest();
  return sig.split(' ').some((s) => {
    const [version, value] = s.split(',');
    const got = Buffer.from(value ?? '', 'base64');
    return version === 'v1' && got.length === expected.length && timingSafeEqual(got, expected);
  });
}

let s: ProcessStack;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
/** What the receiver answers to a try of this webhook id (given how many tries of it came before). */
let answer: (id: string, before: number) => number = () => 204;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const id = String(req.headers['webhook-id']);
      const verified = verify(NEW, req.headers, body);
      const status = verified ? answer(id, received.filter((r) => r.id === id).length) : 401;
      received.push({ id, timestamp: String(req.headers['webhook-timestamp']), signature: String(req.headers['webhook-signature']), body, answered: status, verified });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/custodian`;
  const webhooks = loadWebhookSettings({ WEBHOOK_URL_EXTERNAL_NETWORK: receiverUrl, WEBHOOK_SECRET_EXTERNAL_NETWORK: `${OLD} ${NEW}`, WEBHOOK_MAX_ATTEMPTS: '4' })!;
  s = await startProcessStack({ webhooks });
}, 120_000);
afterAll(async () => {
  await s?.close();
  await new Promise((r) => receiver?.close(r));
});

const eventsOf = async (type: string, requestId: string) =>
  (await s.db.dataSource.query(`SELECT payload FROM event_log WHERE type = $1 AND subject = $2 ORDER BY seq`, [type, `access-request:${requestId}`])).map((r: any) => r.payload);
const userId = async (username: string): Promise<string> => (await s.db.dataSource.query(`SELECT id::text AS id FROM users WHERE username = $1`, [username]))[0].id;

const triesOf = (id: string) => received.filter((r) => r.id === id);
const accepted = (id: string) => triesOf(id).filter((r) => r.answered >= 200 && r.answered < 300);

describe('grants told to other systems by signed webhooks, or disabled by IT', () => {
  it('SYS-1: a receiver that fails three times and then accepts gets each event once, signed, under the same webhook-id on every retry; the removal is confirmed by its 2xx', async () => {
    answer = (_id, before) => (before < 3 ? 503 : 204);
    const id = await enabledExternal(s, 'agent1', { ms: 20_000 });
    const [grant] = await s.db.dataSource.query(`SELECT id::text AS id FROM grants WHERE request_id = $1`, [id]);
    const hex = grant.id.replace(/-/g, '');
    const enabled = `msg_${hex}_enabled`;
    const ended = `msg_${hex}_ended`;
    await until(async () => accepted(ended).length === 1, 'grant.ended accepted', 120_000);

    for (const hook of [enabled, ended]) {
      const tries = triesOf(hook);
      expect(tries.map((t) => t.answered)).toEqual([503, 503, 503, 204]);
      expect(tries.every((t) => t.verified && verify(OLD, { 'webhook-id': t.id, 'webhook-timestamp': t.timestamp, 'webhook-signature': t.signature }, t.body))).toBe(true);
      expect(new Set(tries.map((t) => t.body)).size).toBe(1); // the same bytes on every try
    }
    const [enabledBody, endedBody] = [JSON.parse(triesOf(enabled)[0]!.body), JSON.parse(triesOf(ended)[0]!.body)];
    expect(enabledBody).toMatchObject({ type: 'grant.enabled', data: { grantId: grant.id, requestId: id, kind: 'external_network', holder: { username: 'agent1' } } });
    expect(endedBody).toMatchObject({ type: 'grant.ended', data: { grantId: grant.id, reason: 'expired' } });
    // The enabled delivery precedes the ended one.
    expect(received.indexOf(accepted(enabled)[0]!)).toBeLessThan(received.indexOf(triesOf(ended)[0]!));

    await until(async () => (await eventsOf('webhook.delivered', id)).length === 2, 'both deliveries recorded');
    expect((await eventsOf('webhook.delivered', id)).map((p: any) => [p.webhookId, p.attempts])).toEqual([[enabled, 4], [ended, 4]]);
    expect(await eventsOf('grant.provisioned', id)).toEqual([expect.objectContaining({ system: 'webhook', webhookId: enabled })]);
    expect(await eventsOf('grant.deprovisioned', id)).toEqual([expect.objectContaining({ system: 'webhook', webhookId: ended })]);
    expect((await (await s.as('it'))('GET', `/api/access-requests/${id}`)).body).toMatchObject({ enforcedBy: 'webhook', removalPending: false });
  }, 180_000);

  it('SYS-1: a delivery that fails every try is dead-lettered and listed for IT, the grant goes on; IT sends it again with the same webhook-id; an employee can neither list nor resend', async () => {
    answer = () => 500;
    const id = await enabledExternal(s, 'agent2', { minutes: 600 });
    const it = await s.as('it');
    const dead = await until(
      async () => (await it('GET', '/api/it/webhooks')).body.deadLettered.find((d: any) => d.requestId === id),
      'a dead-lettered delivery listed for IT',
      60_000,
    );
    expect(dead).toMatchObject({ type: 'grant.enabled', kind: 'external_network', attempts: 4, lastError: 'the receiver answered HTTP 500' });
    expect(triesOf(dead.id)).toHaveLength(4);
    expect((await it('GET', `/api/access-requests/${id}`)).body.status).toBe('active'); // the workflow went on
    expect(await eventsOf('webhook.delivered', id)).toEqual([]);
    expect(await eventsOf('webhook.dead_lettered', id)).toEqual([expect.objectContaining({ webhookId: dead.id, attempts: 4 })]);

    // Abuse: an employee (the holder themself) can neither list nor resend; nobody signed in can do either.
    const agent2 = await s.as('agent2');
    expect((await agent2('GET', '/api/it/webhooks')).status).toBe(403);
    expect((await agent2('POST', `/api/it/webhooks/${dead.id}/redeliver`)).status).toBe(403);
    expect((await call(s.api.baseUrl, null, 'POST', `/api/it/webhooks/${dead.id}/redeliver`)).status).toBe(401);
    expect((await it('POST', '/api/it/webhooks/msg_00000000000000000000000000000000_enabled/redeliver')).status).toBe(404);

    // No secret, signature or URL reaches the trail.
    const trail: string = (await s.db.dataSource.query(`SELECT string_agg(payload::text, ' ') AS t FROM event_log`))[0].t;
    const leaks = [OLD, NEW, OLD.slice(6), NEW.slice(6), receiverUrl, ...triesOf(dead.id).flatMap((t) => t.signature.split(' ').map((x) => x.slice(3)))].filter((x) => trail.includes(x));
    expect(leaks).toEqual([]);

    answer = () => 200;
    const again = await it('POST', `/api/it/webhooks/${dead.id}/redeliver`);
    expect(again.status).toBe(202);
    await until(async () => accepted(dead.id).length === 1, 'the redelivery accepted');
    expect(triesOf(dead.id)).toHaveLength(5);
    expect(new Set(triesOf(dead.id).map((t) => t.body)).size).toBe(1);
    const itUser = await userId('it');
    await until(async () => (await eventsOf('webhook.delivered', id)).length === 1, 'the redelivery recorded');
    expect(await eventsOf('webhook.delivered', id)).toEqual([expect.objectContaining({ webhookId: dead.id, by: itUser })]);
    expect((await it('GET', '/api/it/webhooks')).body.deadLettered.map((d: any) => d.id)).not.toContain(dead.id);
    expect((await it('POST', `/api/it/webhooks/${dead.id}/redeliver`)).status).toBe(409); // delivered: nothing to resend

    // Ended early: the receiver is told at once, and the grant is no longer "removal pending".
    expect((await agent2('POST', `/api/access-requests/${id}/revoke`, { reason: 'done early' })).status).toBe(200);
    await until(async () => (await it('GET', `/api/access-requests/${id}`)).body.removalPending === false && (await eventsOf('webhook.delivered', id)).length === 2, 'grant.ended delivered');
  }, 180_000);

  it('SYS-1, SYS-5: the dead-lettered start of a grant that has ended is never sent again (it would switch the access back on); its dead-lettered end is, and until then the grant shows removal pending', async () => {
    answer = () => 500;
    const id = await enabledExternal(s, 'agent1', { minutes: 600 });
    const it = await s.as('it');
    const dead = (type: string) => async () => (await it('GET', '/api/it/webhooks')).body.deadLettered.find((d: any) => d.requestId === id && d.type === type);
    const enabled = await until(dead('grant.enabled'), 'grant.enabled dead-lettered', 60_000);
    expect((await (await s.as('agent1'))('POST', `/api/access-requests/${id}/revoke`, { reason: 'done' })).status).toBe(200);
    const ended = await until(dead('grant.ended'), 'grant.ended dead-lettered', 60_000);
    expect((await it('GET', `/api/access-requests/${id}`)).body).toMatchObject({ enforcedBy: 'webhook', removalPending: true });

    answer = () => 200;
    const refused = await it('POST', `/api/it/webhooks/${enabled.id}/redeliver`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/would enable the access again/);
    expect((await it('POST', `/api/it/webhooks/${ended.id}/redeliver`)).status).toBe(202);
    await until(async () => (await it('GET', `/api/access-requests/${id}`)).body.removalPending === false, 'the end confirmed by the receiver');
    expect(accepted(enabled.id)).toEqual([]);
    expect(accepted(ended.id)).toHaveLength(1);
  }, 180_000);

  it('INF-6: a USB grant without connector opens IT a disable task when it ends and shows removal pending until IT confirms, recorded with IT as the one who did it', async () => {
    const [agent1, sup, it, ccm] = await Promise.all([s.as('agent1'), s.as('supervisor'), s.as('it'), s.as('ccmanager')]);
    const usb = (await agent1('POST', '/api/access-requests', { kind: 'usb_media', justification: 'export call recordings', durationMinutes: 600 })).body;
    expect((await sup('POST', `/api/tasks/${(await taskOf(sup, usb.id, 'supervisor_review')).id}/complete`, { outcome: 'approve' })).status).toBe(200);
    expect((await it('POST', `/api/tasks/${(await taskOf(it, usb.id, 'it_unlock')).id}/complete`, { outcome: 'done' })).status).toBe(200);
    await until(async () => (await agent1('GET', `/api/access-requests/${usb.id}`)).body.status === 'active', 'usb active');
    expect((await agent1('GET', `/api/access-requests/${usb.id}`)).body).toMatchObject({ enforcedBy: 'manual', removalPending: false });

    expect((await agent1('POST', `/api/access-requests/${usb.id}/revoke`, { reason: 'export finished' })).status).toBe(200);
    const task = await taskOf(it, usb.id, 'it_disable');
    expect(task).toMatchObject({ kind: 'it_action', title: { en: expect.stringMatching(/^INF-6: /), zh: expect.stringMatching(/^INF-6：/) } });
    const [grant] = await s.db.dataSource.query(`SELECT id::text AS id FROM grants WHERE request_id = $1`, [usb.id]);
    expect((await agent1('GET', `/api/access-requests/${usb.id}`)).body).toMatchObject({ enforcedBy: 'manual', removalPending: true });
    expect((await it('GET', '/api/it/enforcement')).body.removalPending).toEqual(expect.arrayContaining([expect.objectContaining({ grantId: grant.id, enforcedBy: 'manual' })]));
    expect(await eventsOf('grant.deprovisioned', usb.id)).toEqual([]);
    // The task is IT's: the holder cannot close it, nor can the call center manager before it escalates.
    expect((await agent1('POST', `/api/tasks/${task.id}/complete`, { outcome: 'done' })).status).toBe(403);
    expect((await ccm('POST', `/api/tasks/${task.id}/complete`, { outcome: 'done' })).status).toBe(403);

    expect((await it('POST', `/api/tasks/${task.id}/complete`, { outcome: 'done', comment: 'USB policy re-applied' })).status).toBe(200);
    await until(async () => (await agent1('GET', `/api/access-requests/${usb.id}`)).body.removalPending === false, 'removal confirmed');
    expect(await eventsOf('grant.deprovisioned', usb.id)).toEqual([expect.objectContaining({ system: 'manual', by: await userId('it'), taskId: task.id, grantId: grant.id })]);
    expect((await it('GET', '/api/it/enforcement')).body.removalPending.map((g: any) => g.grantId)).not.toContain(grant.id);
  }, 120_000);

  it('INF-7: an offboarding opens IT a task to disable the email and drive accounts that the onboarding IT set-up recorded', async () => {
    const [hr, it] = await Promise.all([s.as('hr'), s.as('it')]);
    const [dept] = (await hr('GET', '/api/departments')).body.items;
    const started = await hr('POST', '/api/onboardings', { fullName: 'Li Wei 李伟', username: 'leaver1', password: 'leaver-password-1', departmentId: dept.id });
    expect(started.status).toBe(201);
    const employeeId: string = started.body.employeeId;
    const first = await call(s.api.baseUrl, null, 'POST', '/api/auth/login', { username: 'leaver1', password: 'leaver-password-1' });
    expect((await call(s.api.baseUrl, first.body.accessToken, 'POST', '/api/auth/password', { currentPassword: 'leaver-password-1', newPassword: 'only-li-knows-this' })).status).toBe(200);
    const leaver = await s.as('leaver1', 'only-li-knows-this');
    const agreement = await until(async () => (await leaver('GET', '/api/tasks')).body.items.find((t: any) => t.kind === 'agreement'), 'agreement task');
    const detail = (await leaver('GET', `/api/tasks/${agreement.id}`)).body;
    expect((await leaver('POST', `/api/tasks/${agreement.id}/complete`, { outcome: 'done', data: { agreementVersion: detail.expected.agreementVersion, textHash: detail.expected.textHash } })).status).toBe(200);
    const setup = await until(async () => (await it('GET', '/api/tasks?myRoles=true&kind=account_setup')).body.items.find((t: any) => t.processId === employeeId), 'IT setup task');
    expect((await it('POST', `/api/tasks/${setup.id}/complete`, { outcome: 'done', data: { emailAccount: 'leaver1@corp.example', driveAccount: 'leaver1-drive' } })).status).toBe(200);
    const fire = await until(async () => (await leaver('GET', '/api/tasks')).body.items.find((t: any) => t.kind === 'acknowledgement'), 'fire-safety task');
    expect((await leaver('POST', `/api/tasks/${fire.id}/complete`, { outcome: 'done', data: { acknowledged: true } })).status).toBe(200);
    await until(async () => (await hr('GET', `/api/onboardings/${employeeId}`)).body.state === 'completed', 'onboarding completed');

    expect((await hr('POST', '/api/offboardings', { employeeId, reason: 'resigned', extraItems: [] })).status).toBe(201);
    const task = await until(
      async () => (await it('GET', '/api/tasks?pageSize=200')).body.items.find((t: any) => t.processId === employeeId && t.step === 'it_accounts_disable'),
      'INF-7 disable task',
    );
    expect(task).toMatchObject({ kind: 'it_action', title: { en: expect.stringMatching(/^INF-7: /) }, context: expect.objectContaining({ emailAccount: 'leaver1@corp.example', driveAccount: 'leaver1-drive' }) });
    expect((await hr('POST', `/api/tasks/${task.id}/complete`, { outcome: 'done' })).status).toBe(403); // IT's to do
    expect((await it('POST', `/api/tasks/${task.id}/complete`, { outcome: 'done' })).status).toBe(200);
    const done = await until(async () => (await s.db.dataSource.query(`SELECT payload FROM event_log WHERE type = 'employee.it_accounts_disabled' AND subject = $1`, [`offboarding:${employeeId}`]))[0]?.payload, 'accounts disabled recorded');
    expect(done).toMatchObject({ employeeId, emailAccount: 'leaver1@corp.example', driveAccount: 'leaver1-drive', by: await userId('it'), taskId: task.id });
  }, 180_000);
});
