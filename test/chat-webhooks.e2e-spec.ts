import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notify } from '../libs/domain/tasks/commands.js';
import { createChatActivities } from '../activities/chat.activities.js';
import { loadChatTargets, type ChatTarget } from '../libs/enforcement/chat-webhooks.js';
import { text } from '../libs/policy/text.js';
import { startProcessStack, until, type ProcessStack } from './support/process-stack.js';

/**
 * Group-chat bots on the real system: a loopback receiver plays WeCom, DingTalk and Feishu and checks
 * each platform's signature as the platform does (DingTalk: HMAC-SHA256 of `timestamp\nsecret` keyed by
 * the secret, in the query; Feishu: keyed by `timestamp\nsecret` over nothing, in the body; WeCom: none).
 */
const DING_SECRET = 'SECdingtalk-test-secret-0123456789';
const FEISHU_SECRET = 'feishu-test-secret-abcdef';
interface Got {
  path: string;
  query: URLSearchParams;
  body: any;
  signatureOk: boolean | null;
}
const got: Got[] = [];
let server: Server;
let s: ProcessStack;
let dept: string;
let targets: ChatTarget[];

function verify(path: string, query: URLSearchParams, body: any): boolean | null {
  if (path.startsWith('/dingtalk')) {
    const ts = query.get('timestamp');
    if (!ts || Math.abs(Date.now() - Number(ts)) > 3_600_000) return false;
    const want = createHmac('sha256', DING_SECRET).update(`${ts}\n${DING_SECRET}`).digest('base64');
    return query.get('sign') === want;
  }
  if (path.startsWith('/feishu')) {
    const ts = Number(body.timestamp);
    if (!ts || Math.abs(Date.now() / 1000 - ts) > 3600) return false;
    return body.sign === createHmac('sha256', `${ts}\n${FEISHU_SECRET}`).update('').digest('base64');
  }
  return null;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://127.0.0.1');
      const body = JSON.parse(raw);
      const signatureOk = verify(url.pathname, url.searchParams, body);
      got.push({ path: url.pathname, query: url.searchParams, body, signatureOk });
      res.setHeader('content-type', 'application/json');
      // As the platforms do: 200 with an error code when the signature is wrong.
      res.end(JSON.stringify(signatureOk === false ? (url.pathname.startsWith('/feishu') ? { code: 19021, msg: 'sign match fail' } : { errcode: 310000, errmsg: 'sign not match' }) : url.pathname.startsWith('/feishu') ? { code: 0 } : { errcode: 0 }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), 'chat-'));
  const file = join(dir, 'bots.json');
  const write = (d: string) =>
    writeFileSync(
      file,
      JSON.stringify([
        { name: 'it-wecom', platform: 'wecom', url: `${base}/wecom?key=k1`, role: 'it', departmentId: null },
        { name: 'sup-dingtalk', platform: 'dingtalk', url: `${base}/dingtalk?access_token=t1`, secret: DING_SECRET, role: 'supervisor', departmentId: d },
        { name: 'hr-feishu', platform: 'feishu', url: `${base}/feishu/hook/abc`, secret: FEISHU_SECRET, role: 'hr', departmentId: null },
        { name: 'hr-dingtalk-wrong', platform: 'dingtalk', url: `${base}/dingtalk?access_token=t2`, secret: 'SECwrong-secret-zzz', role: 'hr', departmentId: null },
      ]),
    );
  dept = randomUUID();
  write(dept);
  // The supervisor bot is scoped to one department: notifications to that department's supervisors only.
  targets = loadChatTargets({ CHAT_WEBHOOKS_FILE: file })!;
  s = await startProcessStack({ apiEnv: { CHAT_WEBHOOKS_FILE: file, MAIL_RELAY_EVERY: '200ms', PUBLIC_URL: 'https://custodian.example.test' }, chat: { targets, publicUrl: 'https://custodian.example.test' } });
});
afterAll(async () => {
  await s?.close();
  await new Promise((r) => server?.close(r));
});

const deliveries = (id: string) => s.db.dataSource.query(`SELECT target, delivered_at, attempts, last_error FROM chat_deliveries WHERE notification_id = $1 ORDER BY target`, [id]);
const tell = async (recipients: any[]) => {
  const subject = `access-request:${randomUUID()}`;
  await notify(s.events, { idempotencyKey: randomUUID() }, { subject, recipients, title: text('Access granted to the IT group', '已向 IT 组授权'), body: text('Body & <more>', '正文') });
  const [n] = await s.db.dataSource.query(`SELECT id::text AS id FROM notifications WHERE subject = $1`, [subject]);
  return { id: n.id as string, subject };
};

describe('group-chat bots (loopback receiver checks the signatures)', () => {
  it('a role notification reaches its WeCom group once, in Chinese and English with the link', async () => {
    const { id, subject } = await tell([{ role: 'it', departmentId: null }]);
    await until(async () => (await deliveries(id)).every((d: any) => d.delivered_at) && (await deliveries(id)).length === 1, 'the WeCom post');
    const posts = got.filter((g) => g.path === '/wecom');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({ msgtype: 'text', text: { content: `已向 IT 组授权\n正文\n\nAccess granted to the IT group\nBody & <more>\nhttps://custodian.example.test/requests/${subject.split(':')[1]}` } });
    expect(posts[0]!.query.get('key')).toBe('k1');
  });

  it('DingTalk and Feishu posts carry valid signatures; a bot with the wrong secret is refused and the error names no secret', async () => {
    const sup = await tell([{ role: 'supervisor', departmentId: dept }]);
    const other = await tell([{ role: 'supervisor', departmentId: randomUUID() }]);
    const hr = await tell([{ role: 'hr', departmentId: null }]);
    await until(async () => (await deliveries(sup.id))[0]?.delivered_at, 'the DingTalk post');
    await until(async () => (await deliveries(hr.id)).find((d: any) => d.target === 'hr-feishu')?.delivered_at, 'the Feishu post');
    const ding = got.filter((g) => g.query.get('access_token') === 't1');
    expect(ding).toHaveLength(1);
    expect(ding[0]!.signatureOk).toBe(true);
    const feishu = got.filter((g) => g.path === '/feishu/hook/abc');
    expect(feishu).toHaveLength(1);
    expect(feishu[0]!.signatureOk).toBe(true);
    expect(feishu[0]!.body).toMatchObject({ msg_type: 'text', content: { text: expect.stringContaining('已向 IT 组授权') } });
    // Another department's supervisors are not this group's.
    expect(await deliveries(other.id)).toEqual([]);
    // The wrong secret: the platform's refusal is recorded and retried, never taken for a delivery.
    const wrong = await until(async () => (await deliveries(hr.id)).find((d: any) => d.target === 'hr-dingtalk-wrong' && d.attempts >= 1), 'the refused post');
    expect(wrong.delivered_at).toBeNull();
    expect(wrong.last_error).toMatch(/chat bot hr-dingtalk-wrong: HTTP 200, code 310000/);
    expect(wrong.last_error).not.toMatch(/SECwrong|access_token|127\.0\.0\.1/);
    expect(got.filter((g) => g.query.get('access_token') === 't2').every((g) => g.signatureOk === false)).toBe(true);
  });

  it('a delivery started before the relay committed its claim waits for the claim instead of ending without a post', async () => {
    // The relay starts the workflow inside the claiming transaction; a worker may run the activity first.
    const subject = `access-request:${randomUUID()}`;
    await notify(s.events, { idempotencyKey: randomUUID() }, { subject, recipients: [{ role: 'auditor', departmentId: null }], title: text('t', 't'), body: text('b', 'b') });
    const [n] = await s.db.dataSource.query(`SELECT id::text AS id FROM notifications WHERE subject = $1`, [subject]);
    const sent: string[] = [];
    const activities = createChatActivities(s.events, targets, null, async (_bot, message) => void sent.push(message));
    await expect(activities.sendChatMessage({ notificationId: n.id, target: 'it-wecom' })).rejects.toThrow(/not claimed yet/);
    expect(sent).toEqual([]);
    await s.db.dataSource.query(`INSERT INTO chat_deliveries (notification_id, target, claimed_at) VALUES ($1, 'it-wecom', now())`, [n.id]);
    await expect(activities.sendChatMessage({ notificationId: n.id, target: 'it-wecom' })).resolves.toEqual({ result: 'sent' });
    expect(sent).toHaveLength(1);
  });
});
