import { keyedAccessRequestId } from '../libs/domain/keyed-id.js';
import { RETURN_ITEM_KINDS } from '../libs/policy/index.js';
import { startProcessStack, until, type ProcessStack } from './support/process-stack.js';

let s: ProcessStack;
beforeAll(async () => {
  s = await startProcessStack();
});
afterAll(async () => s?.close());

const count = async (sql: string, params: unknown[]): Promise<number> => (await s.db.dataSource.query(sql, params))[0].n;

/**
 * A client that lost the answer to a POST which starts a process (a dropped connection, a 503, an API
 * restart) sends it again with the same Idempotency-Key and must get the first process back, never a
 * second workflow (npm run test:faults relies on this to account for every workflow it started).
 */
describe('Idempotency-Key on the POSTs that start a process', () => {
  it('an access request sent twice with one key is one request and one workflow, its id derived from user and key; another body under that key (another duration too) is 409', async () => {
    const [agent1, agent2] = await Promise.all([s.as('agent1'), s.as('agent2')]);
    const body = { kind: 'external_network', justification: 'idempotent supplier research', durationMinutes: 120 };
    const key = { 'Idempotency-Key': 'retry-me-0001' };
    const first = await agent1('POST', '/api/access-requests', body, key);
    expect(first.status).toBe(201);
    const me = (await agent1('GET', '/api/me')).body;
    expect(first.body.id).toBe(keyedAccessRequestId(me.id, 'retry-me-0001'));
    const again = await agent1('POST', '/api/access-requests', body, key);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await count(`SELECT count(*)::int AS n FROM event_log WHERE type = 'access_request.submitted' AND payload->>'justification' = $1`, [body.justification])).toBe(1);
    expect((await agent1('POST', '/api/access-requests', { ...body, justification: 'something else' }, key)).status).toBe(409);
    // Every field counts, the duration too: a longer grant under a used key is a new request, not a repeat.
    const longer = await agent1('POST', '/api/access-requests', { ...body, durationMinutes: 600 }, key);
    expect(longer.status).toBe(409);
    expect(longer.body.message).toMatch(/Idempotency-Key was already used for another request; use a new key for a new request/);
    expect((await agent1('GET', `/api/access-requests/${first.body.id}`)).body.durationMinutes).toBe(120);
    // A key is scoped to its sender: the same key from another user is another request.
    const other = await agent2('POST', '/api/access-requests', body, key);
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
    expect((await agent1('POST', '/api/access-requests', body, { 'Idempotency-Key': 'short' })).status).toBe(400);
  });

  it('an access request sent again under its key after it ended answers the ended request, and starts no second workflow', async () => {
    const agent1 = await s.as('agent1');
    const body = { kind: 'external_network', justification: 'retried after the end', durationMinutes: 120 };
    const key = { 'Idempotency-Key': 'retry-after-end-0001' };
    const first = await agent1('POST', '/api/access-requests', body, key);
    expect(first.status).toBe(201);
    expect((await agent1('POST', `/api/access-requests/${first.body.id}/revoke`, { reason: 'not needed' })).status).toBe(200);
    await until(async () => (await agent1('GET', `/api/access-requests/${first.body.id}`)).body.status === 'cancelled', 'cancelled');
    const again = await agent1('POST', '/api/access-requests', body, key);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: first.body.id, status: 'cancelled' });
    expect(await count(`SELECT count(*)::int AS n FROM event_log WHERE type = 'process.started' AND payload->>'processKey' = $1`, [first.body.id])).toBe(1);
  });

  it('an onboarding sent twice with one key creates one employee, one account and one workflow; another person under that key is 409', async () => {
    const hr = await s.as('hr');
    const [dept] = (await hr('GET', '/api/departments')).body.items;
    const body = { fullName: 'Idem Potent 幂等', username: 'idempotent1', password: 'idempotent-password-1', departmentId: dept.id };
    const key = { 'Idempotency-Key': 'onboard-idempotent-1' };
    const first = await hr('POST', '/api/onboardings', body, key);
    expect(first.status).toBe(201);
    const again = await hr('POST', '/api/onboardings', body, key);
    expect(again.status).toBe(201);
    expect(again.body.employeeId).toBe(first.body.employeeId);
    expect(again.body.workflowId).toBe(first.body.workflowId);
    expect(await count(`SELECT count(*)::int AS n FROM employees WHERE full_name = $1`, [body.fullName])).toBe(1);
    // Another person under the used key is 409, not the first person's onboarding.
    const other = await hr('POST', '/api/onboardings', { ...body, fullName: 'Someone Else', username: 'someone-else1' }, key);
    expect(other.status).toBe(409);
    expect(other.body.message).toMatch(/use a new key for a new request/);
    expect(await count(`SELECT count(*)::int AS n FROM employees WHERE full_name = 'Someone Else'`, [])).toBe(0);
    // The same body once more still gets the first result.
    expect((await hr('POST', '/api/onboardings', body, key)).body.employeeId).toBe(first.body.employeeId);
    // Without a key the same body is a second attempt at a taken username: refused, nothing started.
    expect((await hr('POST', '/api/onboardings', body)).status).toBe(409);
    // A request refused before it changed anything gives its key back: the corrected one goes through.
    const fresh = { 'Idempotency-Key': 'onboard-refused-then-fixed' };
    const taken = await hr('POST', '/api/onboardings', { ...body, username: 'agent1' }, fresh);
    expect(taken.status).toBe(409);
    expect(taken.body.message).not.toMatch(/Idempotency-Key/);
    expect((await hr('POST', '/api/onboardings', { ...body, fullName: 'Fixed Username', username: 'fixed-username1' }, fresh)).status).toBe(201);
  });

  it('a return item sent twice with one key is listed once; another item under that key is 409; without a key it is a new item', async () => {
    const [hr, agent2] = await Promise.all([s.as('hr'), s.as('agent2')]);
    const employeeId: string = (await agent2('GET', '/api/me')).body.employee.id;
    expect((await hr('POST', '/api/offboardings', { employeeId, reason: 'resigned', extraItems: [] })).status).toBe(201);
    await until(async () => (await hr('GET', `/api/offboardings/${employeeId}`)).body.items.length === RETURN_ITEM_KINDS.length, 'checklist');
    const path = `/api/offboardings/${employeeId}/items`;
    const key = { 'Idempotency-Key': 'item-retry-0001' };
    const badges = (body: any) => body.items.filter((i: any) => i.label === 'Visitor badge');
    const first = await hr('POST', path, { label: 'Visitor badge' }, key);
    expect(first.status).toBe(201);
    const again = await hr('POST', path, { label: 'Visitor badge' }, key);
    expect(again.status).toBe(201);
    expect(badges(again.body)).toEqual([expect.objectContaining({ itemId: badges(first.body)[0].itemId })]);
    expect(await count(`SELECT count(*)::int AS n FROM event_log WHERE type = 'return_item.listed' AND payload->>'label' = 'Visitor badge'`, [])).toBe(1);
    const other = await hr('POST', path, { label: 'Parking card' }, key);
    expect(other.status).toBe(409);
    expect(other.body.message).toMatch(/Idempotency-Key was already used for another request; use a new key for a new request/);
    expect((await hr('POST', path, { label: 'Visitor badge', kind: 'documents' }, key)).status).toBe(409);
    // Without a key the same body is another item (two badges may really be owed).
    expect(badges((await hr('POST', path, { label: 'Visitor badge' })).body)).toHaveLength(2);
  });
});
