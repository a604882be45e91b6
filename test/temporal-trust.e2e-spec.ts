import { Client, WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { register } from 'prom-client';
import { accessRequestWorkflowId, changeAssignmentUpdate, type ChangeAssignmentArgs } from '../libs/policy/index.js';
import { accessInput } from './support/process-inputs.js';
import { type ProcessStack, startProcessStack, taskOf, until } from './support/process-stack.js';
import { connectDevServer, testDataConverter } from './support/temporal.js';

/**
 * Someone who reaches the Temporal frontend (or its Web UI) but has no payload key: with a plain client
 * they send what Custodian's API would send, with any actor they like. The workflows must refuse it all,
 * write nothing, and keep running (SYS-1's decisions, the audit trail of INF-9 name real people).
 */
const UI_ORIGIN = 'http://127.0.0.1:8099';
let s: ProcessStack;
let plain: TestWorkflowEnvironment;
beforeAll(async () => {
  s = await startProcessStack({ apiEnv: { TEMPORAL_UI_ORIGIN: UI_ORIGIN } });
  plain = await connectDevServer(); // no codec: the attacker's client
});
afterAll(async () => {
  await plain?.teardown();
  await s?.close();
});

async function submit(justification = `trust test ${randomUUID()}`): Promise<{ id: string; workflowId: string; justification: string }> {
  const created = await (await s.as('agent1'))('POST', '/api/access-requests', { kind: 'external_network', justification, durationMinutes: 600 });
  expect(created.status).toBe(201);
  const workflowId = (await (await s.as('agent1'))('GET', `/api/access-requests/${created.body.id}`)).body.workflowId as string;
  return { id: created.body.id, workflowId, justification };
}

const me = async (username: string) => (await (await s.as(username))('GET', '/api/me')).body as { id: string; department: { id: string } | null };
const decidedEvents = async (taskId: string) =>
  (await s.db.dataSource.query(`SELECT count(*)::int AS n FROM event_log WHERE type = 'task.decided' AND payload->>'taskId' = $1`, [taskId]))[0].n as number;
const taskStatus = async (taskId: string) => (await s.db.dataSource.query(`SELECT status FROM tasks WHERE id = $1`, [taskId]))[0]?.status as string | undefined;

/** The refusal type and message of an Update the workflow refused (or a failure if it was accepted). */
async function refused(p: Promise<unknown>): Promise<{ type?: string; message?: string }> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof WorkflowUpdateFailedError)) throw new Error(`expected the Update to be refused, got ${e === null ? 'acceptance' : String(e)}`);
  return { type: (e.cause as { type?: string }).type, message: e.cause?.message };
}

/** Every byte and string of a raw history (what Temporal stores and shows), as one searchable text. */
function rawText(history: unknown): string {
  const parts: string[] = [];
  const walk = (v: unknown): void => {
    if (v instanceof Uint8Array) parts.push(Buffer.from(v).toString('utf8'));
    else if (typeof v === 'string') parts.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(history);
  return parts.join('\n');
}

/** A client that sends one given payload verbatim, whatever the arguments (a copy taken from a history). */
function replayingClient(payload: Payload): Client {
  const verbatim: PayloadCodec = { encode: async () => [payload], decode: async (p) => p };
  return new Client({ connection: plain.connection, namespace: 'default', dataConverter: { payloadCodecs: [verbatim] } });
}

const refusedCount = async (reason: string) => (await (register.getSingleMetric('custodian_temporal_payloads_refused_total')?.get()))?.values.find((v) => v.labels.reason === reason)?.value ?? 0;

describe('the workflow engine trusts only Custodian (payload codec: SYS-1, INF-11)', () => {
  it('SYS-1: a decideTask Update sent straight to Temporal without the payload key is refused; no task.decided, the task stays open and is still decided through the API', async () => {
    const { id, workflowId } = await submit();
    const sup = await s.as('supervisor');
    const review = await taskOf(sup, id, 'supervisor_review');
    const boss = await me('supervisor');
    const forged = plain.client.workflow.getHandle(workflowId).executeUpdate('decideTask', {
      args: [{ taskId: review.id, actor: { userId: boss.id, roles: ['supervisor'], departmentId: boss.department?.id ?? null }, outcome: 'approve', comment: 'forged', sentAt: new Date().toISOString(), nonce: randomUUID() }],
    });
    expect(await refused(forged)).toEqual({ type: 'FORBIDDEN', message: expect.stringMatching(/not authenticated by Custodian/) });
    expect(await decidedEvents(review.id)).toBe(0);
    expect(await taskStatus(review.id)).toBe('open');
    expect((await sup('POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve', comment: 'real' })).status).toBe(200);
    expect(await decidedEvents(review.id)).toBe(1);
    const [decided] = await s.db.dataSource.query(`SELECT actor, payload FROM event_log WHERE type = 'task.decided' AND payload->>'taskId' = $1`, [review.id]);
    expect(decided.payload).toMatchObject({ decidedBy: boss.id, comment: 'real' });
  });

  it('SYS-1: a forged revoke signal is ignored and does not wedge the workflow (no failed workflow task; the next decision goes through)', async () => {
    const { id, workflowId } = await submit();
    const sup = await s.as('supervisor');
    const review = await taskOf(sup, id, 'supervisor_review');
    const before = await refusedCount('not_encrypted');
    const handle = plain.client.workflow.getHandle(workflowId);
    await handle.signal('revoke', { by: (await me('supervisor')).id, reason: 'forged' });
    // The workflow task that carries the signal ends: completed (ignored), not failed (a throwing codec
    // would fail it, and Temporal would retry it forever: the workflow frozen by one plaintext signal).
    const handled = await until(async () => {
      const events = (await handle.fetchHistory()).events ?? [];
      const at = events.findIndex((e) => e.workflowExecutionSignaledEventAttributes);
      const after = at < 0 ? [] : events.slice(at + 1);
      return after.find((e) => e.workflowTaskCompletedEventAttributes || e.workflowTaskFailedEventAttributes);
    }, 'the workflow task with the signal');
    expect(handled.workflowTaskFailedEventAttributes).toBeFalsy();
    expect(await refusedCount('not_encrypted')).toBeGreaterThan(before);
    expect((await sup('POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve' })).status).toBe(200);
    const leader = await s.as('leader');
    await taskOf(leader, id, 'leadership_signoff');
    const r = (await sup('GET', `/api/access-requests/${id}`)).body;
    expect(r.status).not.toBe('revoked');
    expect(r.endReason).toBeNull();
    expect(((await handle.fetchHistory()).events ?? []).filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
    expect((await handle.describe()).status.name).toBe('RUNNING');
  });

  it('SYS-1: a workflow started without the payload key fails at once, non-retryable, and writes nothing', async () => {
    const input = accessInput({ requester: { userId: (await me('agent1')).id, employeeId: randomUUID(), departmentId: randomUUID() } });
    const handle = await plain.client.workflow.start('accessRequestWorkflow', { taskQueue: s.taskQueue, workflowId: accessRequestWorkflowId(input.requestId), args: [input] });
    const e = await handle.result().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkflowFailedError);
    expect((e as WorkflowFailedError).cause).toMatchObject({ type: 'UNAUTHENTICATED_PAYLOAD', nonRetryable: true });
    const [{ n }] = await s.db.dataSource.query(`SELECT count(*)::int AS n FROM event_log WHERE payload::text LIKE $1 OR subject LIKE $1`, [`%${input.requestId}%`]);
    expect(n).toBe(0);
    expect(await s.db.dataSource.query(`SELECT id FROM access_requests WHERE id = $1`, [input.requestId])).toEqual([]);
  });

  it('SYS-1: an encrypted payload copied from another workflow is refused by the workflow it is pasted into', async () => {
    const a = await submit();
    const b = await submit();
    const sup = await s.as('supervisor');
    const reviewA = await taskOf(sup, a.id, 'supervisor_review');
    const reviewB = await taskOf(sup, b.id, 'supervisor_review');
    // A's own decision, accepted, is in A's history: the attacker copies its ciphertext into B.
    expect((await sup('POST', `/api/tasks/${reviewA.id}/complete`, { outcome: 'approve' })).status).toBe(200);
    const accepted = ((await plain.client.workflow.getHandle(a.workflowId).fetchHistory()).events ?? []).find((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    const copied = accepted!.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.input!.args!.payloads![0] as Payload;
    const before = await refusedCount('other_workflow');
    const pasted = replayingClient(copied).workflow.getHandle(b.workflowId).executeUpdate('decideTask', { args: [null], updateId: randomUUID() });
    expect(await refused(pasted)).toEqual({ type: 'FORBIDDEN', message: expect.stringMatching(/not authenticated by Custodian/) });
    expect(await refusedCount('other_workflow')).toBeGreaterThan(before);
    expect(await taskStatus(reviewB.id)).toBe('open');
  });

  it('SYS-1: an encrypted Update replayed from the same history under a new update id is refused (nonce already used; old sentAt)', async () => {
    const { id, workflowId } = await submit();
    const sup = await s.as('supervisor');
    const review = await taskOf(sup, id, 'supervisor_review');
    expect((await sup('POST', `/api/tasks/${review.id}/claim`)).status).toBe(200);
    expect((await sup('POST', `/api/tasks/${review.id}/unclaim`)).status).toBe(200);
    const accepted = ((await plain.client.workflow.getHandle(workflowId).fetchHistory()).events ?? []).map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input).filter((i) => !!i);
    const payloadOf = (name: string) => accepted.find((i) => i.name === name)!.args!.payloads![0] as Payload;
    const replay = replayingClient(payloadOf('changeAssignment')).workflow.getHandle(workflowId).executeUpdate('changeAssignment', { args: [null], updateId: randomUUID() });
    expect(await refused(replay)).toEqual({ type: 'FORBIDDEN', message: expect.stringMatching(/already received once/) });
    // The Update the API sends with an onboarding's start (the POST's "recorded" answer) is stamped too.
    const hr = await s.as('hr');
    const [dept] = (await hr('GET', '/api/departments')).body.items;
    const onboarding = await hr('POST', '/api/onboardings', { fullName: 'Trust Replay 重放', username: `replay${randomUUID().slice(0, 8)}`, password: 'replay-password-1', departmentId: dept.id });
    expect(onboarding.status).toBe(201);
    const onboardingHistory = (await plain.client.workflow.getHandle(onboarding.body.workflowId).fetchHistory()).events ?? [];
    const recordedPayload = onboardingHistory.map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input).find((i) => i?.name === 'processRecorded')!.args!.payloads![0] as Payload;
    const recorded = replayingClient(recordedPayload).workflow.getHandle(onboarding.body.workflowId).executeUpdate('processRecorded', { args: [null], updateId: randomUUID() });
    expect(await refused(recorded)).toEqual({ type: 'FORBIDDEN', message: expect.stringMatching(/already received once/) });
    const [task] = await s.db.dataSource.query(`SELECT claimed_by FROM tasks WHERE id = $1`, [review.id]);
    expect(task.claimed_by).toBeNull();

    // A copy old enough to be out of the window, with a nonce never seen, is refused for its age (minted
    // here with the run's key: an attacker could only copy one, but its nonce would be known too).
    const boss = await me('supervisor');
    const old: ChangeAssignmentArgs = { taskId: review.id, actor: { userId: boss.id, roles: ['supervisor'], departmentId: boss.department?.id ?? null }, action: 'claim', sentAt: new Date(Date.now() - 30 * 60_000).toISOString(), nonce: randomUUID() };
    const keyed = new Client({ connection: plain.connection, namespace: 'default', dataConverter: testDataConverter() });
    expect(await refused(keyed.workflow.getHandle(workflowId).executeUpdate(changeAssignmentUpdate, { args: [old] }))).toEqual({ type: 'FORBIDDEN', message: expect.stringMatching(/not sent just now/) });
    // The same form through the API again is a fresh Update and goes through.
    expect((await sup('POST', `/api/tasks/${review.id}/claim`)).status).toBe(200);
  });

  it('INF-11: the raw history holds no justification, comment or name in clear', async () => {
    const justification = `Zhang Wei needs supplier research ${randomUUID()}`;
    const { id, workflowId } = await submit(justification);
    const sup = await s.as('supervisor');
    const review = await taskOf(sup, id, 'supervisor_review');
    const comment = `approved for Zhang Wei ${randomUUID()}`;
    expect((await sup('POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve', comment })).status).toBe(200);
    const leader = await s.as('leader');
    await taskOf(leader, id, 'leadership_signoff');
    const history = await plain.client.workflow.getHandle(workflowId).fetchHistory();
    const text = rawText(history);
    expect(text).toContain(workflowId); // the search works: ids are in clear
    expect(text).not.toContain('Zhang Wei');
    expect(text).not.toContain(justification);
    expect(text).not.toContain(comment);
    // the API's own client (with the key) still reads it
    const withKey = new Client({ connection: plain.connection, namespace: 'default', dataConverter: testDataConverter() });
    const keyedStatus = await withKey.workflow.getHandle(workflowId).query<{ openTasks: unknown[] }>('status');
    expect(keyedStatus.openTasks).toHaveLength(1);
  });
});

describe('the codec endpoint for operators (POST /api/temporal-codec/decode)', () => {
  let payloads: { metadata: Record<string, string>; data: string }[];
  let justification: string;
  beforeAll(async () => {
    const r = await submit(`codec endpoint ${randomUUID()}`);
    justification = r.justification;
    const sup = await s.as('supervisor');
    await taskOf(sup, r.id, 'supervisor_review');
    const started = ((await plain.client.workflow.getHandle(r.workflowId).fetchHistory()).events ?? [])[0].workflowExecutionStartedEventAttributes!;
    payloads = (started.input!.payloads as Payload[]).map((p) => ({
      metadata: Object.fromEntries(Object.entries(p.metadata!).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])),
      data: Buffer.from(p.data!).toString('base64'),
    }));
  });
  const decode = (token: string | null, headers: Record<string, string> = {}) =>
    fetch(`${s.api.baseUrl}/api/temporal-codec/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ payloads }),
    });
  const token = async (u: string) => {
    const r = await fetch(`${s.api.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: u, password: 'demo-password' }) });
    return ((await r.json()) as { accessToken: string }).accessToken;
  };

  it('INF-11: 401 without a token, 403 for an employee, decoded payloads for the auditor and IT', async () => {
    expect(Buffer.from(payloads[0].data, 'base64').toString('utf8')).not.toContain(justification);
    expect((await decode(null)).status).toBe(401);
    expect((await decode(await token('agent1'))).status).toBe(403);
    for (const who of ['auditor', 'it']) {
      const r = await decode(await token(who));
      expect(r.status).toBe(200);
      const body = (await r.json()) as { payloads: { metadata: Record<string, string>; data: string }[] };
      expect(Buffer.from(body.payloads[0].metadata.encoding, 'base64').toString()).toBe('json/plain');
      expect(JSON.parse(Buffer.from(body.payloads[0].data, 'base64').toString('utf8'))).toMatchObject({ justification });
    }
    // a payload it cannot open comes back unchanged; there is no encode route
    const plainPayload = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"x"').toString('base64') };
    const auditor = await token('auditor');
    const mixed = await fetch(`${s.api.baseUrl}/api/temporal-codec/decode`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${auditor}` }, body: JSON.stringify({ payloads: [plainPayload] }) });
    expect(((await mixed.json()) as { payloads: unknown[] }).payloads).toEqual([plainPayload]);
    const encode = await fetch(`${s.api.baseUrl}/api/temporal-codec/encode`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await token('it')}` }, body: JSON.stringify({ payloads: [plainPayload] }) });
    expect(encode.status).toBe(404);
  });

  it('INF-11: the Temporal Web UI decodes with the codec cookie of IT or the auditor: HttpOnly, SameSite=Strict, only /api/temporal-codec accepts it, and logout ends it', async () => {
    const login = async (u: string) => {
      const r = await fetch(`${s.api.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: u, password: 'demo-password' }) });
      return (await r.json()) as { accessToken: string; refreshToken: string };
    };
    const session = (token: string) => fetch(`${s.api.baseUrl}/api/temporal-codec/session`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect((await session((await login('agent1')).accessToken)).status).toBe(403);
    const it = await login('it');
    const r = await session(it.accessToken);
    expect(r.status).toBe(204);
    const setCookie = r.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^custodian_codec=[^;]+; Max-Age=\d+; Path=\/api\/temporal-codec; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    const cookie = setCookie.split(';')[0];
    const viaCookie = await decode(null, { cookie });
    expect(viaCookie.status).toBe(200);
    const body = (await viaCookie.json()) as { payloads: { data: string }[] };
    expect(JSON.parse(Buffer.from(body.payloads[0].data, 'base64').toString('utf8'))).toMatchObject({ justification });
    // Nothing else takes the cookie, a forged one is refused, and the session ends with logout.
    expect((await fetch(`${s.api.baseUrl}/api/me`, { headers: { cookie } })).status).toBe(401);
    expect((await decode(null, { cookie: 'custodian_codec=forged.token.value' })).status).toBe(401);
    expect((await decode(null, { cookie: `${cookie}; ${cookie}` })).status).toBe(401);
    await fetch(`${s.api.baseUrl}/api/auth/logout`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: it.refreshToken }) });
    expect((await decode(null, { cookie })).status).toBe(401);
  });

  it('the CORS preflight answers the configured Temporal UI origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${s.api.baseUrl}/api/temporal-codec/decode`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-namespace' } });
    const ok = await preflight(UI_ORIGIN);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(ok.headers.get('access-control-allow-methods')).toBe('POST');
    const other = await preflight('http://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect((await decode(await token('auditor'), { origin: UI_ORIGIN })).headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    // the rest of the API is not opened to the UI's origin
    const elsewhere = await fetch(`${s.api.baseUrl}/api/me`, { method: 'OPTIONS', headers: { origin: UI_ORIGIN, 'access-control-request-method': 'GET' } });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });
});
