import { currentAgreement } from '../libs/domain/onboarding/agreement.js';
import { signAgreement } from '../libs/domain/onboarding/agreements.js';
import { call } from './support/api.js';
import { runCliInProcess } from './support/cli.js';
import { departmentWithEmployees } from './support/directory.js';
import { startProcessStack, type ProcessStack } from './support/process-stack.js';

let s: ProcessStack;
beforeAll(async () => {
  s = await startProcessStack();
});
afterAll(async () => s?.close());

const ask = { kind: 'external_network', justification: 'supplier research portal', durationMinutes: 60 };

/** Signs in, sets an own password when the first one was someone else's, and returns a caller. */
async function signIn(username: string, password: string) {
  const first = (await call(s.api.baseUrl, null, 'POST', '/api/auth/login', { username, password })).body;
  let token = first.accessToken;
  if (first.user.mustSetPassword) {
    expect((await call(s.api.baseUrl, token, 'POST', '/api/auth/password', { currentPassword: password, newPassword: 'copper-meadow-7790' })).status).toBe(200);
    token = (await call(s.api.baseUrl, null, 'POST', '/api/auth/login', { username, password: 'copper-meadow-7790' })).body.accessToken;
  }
  return (method: string, path: string, body?: unknown) => call(s.api.baseUrl, token, method, path, body);
}

describe('nobody works unsigned (INF-10)', () => {
  it('INF-10: a user HR created through the API with a department but no employee record cannot ask for access; the 403 says what to do in both languages', async () => {
    const hr = await s.as('hr');
    const dept = (await hr('GET', '/api/departments')).body.items[0];
    const created = await hr('POST', '/api/users', { username: 'bare-agent', displayName: 'Bare agent', roles: ['employee'], password: 'granite-orchid-5521', departmentId: dept.id });
    expect(created.status).toBe(201);
    const bare = await signIn('bare-agent', 'granite-orchid-5521');
    const refused = await bare('POST', '/api/access-requests', ask);
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(refused.body.message).toMatch(/^INF-10: .*not linked to an employee record.*Ask HR/);
    expect(refused.body.details).toMatchObject({ reason: 'agreement_no_employee', clause: 'INF-10', currentVersion: currentAgreement().version, message: { zh: expect.stringMatching(/^INF-10：.*人力资源部/) } });
    expect((await bare('GET', '/api/access-requests?mine=true')).body.items).toEqual([]);
  });

  it('INF-10: a user created with the CLI and linked to an employee who never signed is refused until that employee signs the current agreement', async () => {
    const cli = await runCliInProcess(['user:create', '--username', 'cli-agent', '--display-name', 'CLI agent', '--role', 'employee'], { DATABASE_URL: s.db.url, CUSTODIAN_PASSWORD: 'walnut-harbor-8834' });
    expect(cli.code).toBe(0);
    const { departmentId, employeeIds: [employeeId] } = await departmentWithEmployees(s.events, 'unsigned-dept', 1);
    const hr = await s.as('hr');
    const [{ id: userId }] = await s.db.dataSource.query(`SELECT id FROM users WHERE username = 'cli-agent'`);
    expect((await hr('PATCH', `/api/users/${userId}`, { employeeId })).status).toBe(200);
    const agent = await signIn('cli-agent', 'walnut-harbor-8834');
    expect((await agent('GET', '/api/me')).body.department.id).toBe(departmentId);

    const refused = await agent('POST', '/api/access-requests', ask);
    expect([refused.status, refused.body.details?.reason]).toEqual([403, 'agreement_unsigned']);
    expect(refused.body.details.message.en).toMatch(/have not signed/);
    expect(refused.body.details.message.zh).toMatch(/尚未签署/);

    // A signature of another version is not the current one.
    await signAgreement(s.events, {}, { employeeId, userId, version: '2025-01', textHash: 'a'.repeat(64), signedAt: new Date().toISOString() });
    expect((await agent('POST', '/api/access-requests', ask)).body.details?.reason).toBe('agreement_old_version');

    // Signed (as onboarding's agreement step records it, test/onboarding-http): the same request is accepted.
    await signAgreement(s.events, {}, { employeeId, userId, ...currentAgreement(), signedAt: new Date().toISOString() });
    expect((await agent('POST', '/api/access-requests', ask)).status).toBe(201);
  });

  it('INF-10: the seeded agents are onboarded (signed) and work; an office role acting in its office is exempt', async () => {
    expect((await (await s.as('agent1'))('POST', '/api/access-requests', ask)).status).toBe(201);
    expect((await (await s.as('supervisor'))('POST', '/api/access-requests', ask)).status).toBe(201);
    const [signature] = await s.db.dataSource.query(`SELECT version, text_hash FROM agreement_signatures a JOIN users u ON u.employee_id::text = a.employee_id WHERE u.username = 'agent2'`);
    expect(signature).toEqual({ version: currentAgreement().version, text_hash: currentAgreement().textHash });
  });
});
