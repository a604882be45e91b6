import { startTestApi, call, loginAs, type TestApi } from './support/api.js';
import { startProcessStack, type ProcessStack } from './support/process-stack.js';

const QUOTAS = { QUOTA_ACCESS_REQUESTS: '3/10m', QUOTA_ONBOARDINGS: '2/1h', QUOTA_OFFBOARDINGS: '1/1h' };

let s: ProcessStack;
let replica: TestApi;
beforeAll(async () => {
  s = await startProcessStack({ apiEnv: QUOTAS });
  // A second API replica on the same database: quotas must hold across replicas.
  replica = await startTestApi(s.db.url, { TEMPORAL_TASK_QUEUE: s.taskQueue, LOG_LEVEL: 'error', ...QUOTAS });
});
afterAll(async () => {
  await replica?.close();
  await s?.close();
});

const request = (n: number) => ({ kind: 'external_network', justification: `quota probe ${n}`, durationMinutes: 60 });
const submitted = async (username: string): Promise<number> =>
  (await s.db.dataSource.query(`SELECT count(*)::int AS n FROM event_log e JOIN users u ON u.id::text = e.actor WHERE e.type = 'access_request.submitted' AND u.username = $1`, [username]))[0].n;

function expectQuotaRefusal(r: { status: number; body: any; headers: Headers }, noun: string, count: number, window: string): void {
  expect(r.status).toBe(429);
  expect(r.body).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(new RegExp(`started ${count} ${noun} in the last ${window}, the most allowed; try again in \\d+ (second|minute|hour)s?$`)) });
  const retryAfter = Number(r.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(Number(window.replace(/\D/g, '')) * (window.endsWith('h') ? 3600 : 60));
  expect(r.body.details).toMatchObject({ retryAfterSeconds: retryAfter, limit: count, window });
}

describe('per-user quotas on starting processes', () => {
  it('a requester gets 3 access requests in 10 minutes, the 4th is 429 with Retry-After, on this replica and on another; other people are not affected', async () => {
    const agent1 = await s.as('agent1');
    for (let i = 1; i <= 3; i++) expect((await agent1('POST', '/api/access-requests', request(i))).status).toBe(201);
    expectQuotaRefusal(await agent1('POST', '/api/access-requests', request(4)), 'access requests', 3, '10m');
    const onReplica = await call(replica.baseUrl, await loginAs(replica.baseUrl, 'agent1'), 'POST', '/api/access-requests', request(5));
    expectQuotaRefusal(onReplica, 'access requests', 3, '10m');
    expect(await submitted('agent1')).toBe(3);
    // An invalid request is refused as before (400), not counted and not hidden behind the quota.
    expect((await agent1('POST', '/api/access-requests', { ...request(6), durationMinutes: 0 })).status).toBe(400);
  });

  it('a burst of 8 concurrent access requests over two replicas starts exactly 3 workflows; the rest are 429', async () => {
    const [viaA, tokenB] = [await s.as('agent2'), await loginAs(replica.baseUrl, 'agent2')];
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? viaA('POST', '/api/access-requests', request(100 + i)) : call(replica.baseUrl, tokenB, 'POST', '/api/access-requests', request(100 + i)))));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 201, 429, 429, 429, 429, 429]);
    expect(await submitted('agent2')).toBe(3);
  });

  it('a request repeated under its Idempotency-Key is counted once, and is answered even when the quota is used up', async () => {
    const supervisor = await s.as('supervisor');
    const key = { 'Idempotency-Key': 'quota-repeat-0001' };
    const first = await supervisor('POST', '/api/access-requests', request(200), key);
    expect(first.status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await supervisor('POST', '/api/access-requests', request(200), key)).body.id).toBe(first.body.id);
    expect((await supervisor('POST', '/api/access-requests', request(201))).status).toBe(201);
    expect((await supervisor('POST', '/api/access-requests', request(202))).status).toBe(201);
    expectQuotaRefusal(await supervisor('POST', '/api/access-requests', request(203)), 'access requests', 3, '10m');
    // A lost answer retried later still gets the first result, not a 429.
    const again = await supervisor('POST', '/api/access-requests', request(200), key);
    expect({ status: again.status, id: again.body.id }).toEqual({ status: 201, id: first.body.id });
    // Refused by the quota, a new key is given back: the same request is 429 again, never 409.
    const refusedKey = { 'Idempotency-Key': 'quota-refused-0001' };
    expect((await supervisor('POST', '/api/access-requests', request(204), refusedKey)).status).toBe(429);
    expect((await supervisor('POST', '/api/access-requests', request(205), refusedKey)).status).toBe(429);
    expect(await submitted('supervisor')).toBe(3);
  });

  it('HR gets 2 onboardings an hour; one refused for a taken username does not count', async () => {
    const hr = await s.as('hr');
    const [dept] = (await hr('GET', '/api/departments')).body.items;
    const hire = (n: number) => ({ fullName: `Quota Hire ${n}`, username: `quota-hire-${n}`, password: 'quota-hire-password-1', departmentId: dept.id });
    expect((await hr('POST', '/api/onboardings', { ...hire(0), username: 'agent1' })).status).toBe(409);
    expect((await hr('POST', '/api/onboardings', hire(1))).status).toBe(201);
    expect((await hr('POST', '/api/onboardings', hire(2))).status).toBe(201);
    expectQuotaRefusal(await hr('POST', '/api/onboardings', hire(3)), 'onboardings', 2, '1h');
    expect((await s.db.dataSource.query(`SELECT count(*)::int AS n FROM employees WHERE full_name LIKE 'Quota Hire %'`))[0].n).toBe(2);
  });

  it('HR gets 1 offboarding an hour here; the next is 429 and starts nothing', async () => {
    const [hr, agent1, agent2] = await Promise.all([s.as('hr'), s.as('agent1'), s.as('agent2')]);
    const employeeOf = async (who: typeof hr) => (await who('GET', '/api/me')).body.employee.id as string;
    expect((await hr('POST', '/api/offboardings', { employeeId: await employeeOf(agent2), reason: 'resigned', extraItems: [] })).status).toBe(201);
    const second = await hr('POST', '/api/offboardings', { employeeId: await employeeOf(agent1), reason: 'resigned', extraItems: [] });
    expectQuotaRefusal(second, 'offboardings', 1, '1h');
    expect((await hr('GET', `/api/offboardings/${await employeeOf(agent1)}`)).status).toBe(404);
  });
});
