import { call } from './support/api.js';
import { startProcessStack, until, type ProcessStack } from './support/process-stack.js';

let s: ProcessStack;
beforeAll(async () => {
  s = await startProcessStack();
});
afterAll(async () => s?.close());

describe('onboarding over HTTP (real dev server, real worker)', () => {
  it('INF-10, INF-11, AID-1, INF-7, SYS-2, EQ-3: a full onboarding ends active, with the agreement signed and one agent ID held', async () => {
    const hr = await s.as('hr');
    const [dept] = (await hr('GET', '/api/departments')).body.items;
    const started = await hr('POST', '/api/onboardings', { fullName: 'Mei Chen 陈梅', username: 'newhire1', password: 'newhire-password-1', departmentId: dept.id });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ state: 'running', fullName: 'Mei Chen 陈梅', agentId: null });
    const employeeId: string = started.body.employeeId;
    await expect(s.as('agent1').then((a) => a('POST', '/api/onboardings', { employeeId }))).resolves.toMatchObject({ status: 403 });

    // INF-10: the new employee signs the text their task names; HR cannot sign for them.
    // INF-10: the first password is HR's, so it works once: until the new hire sets their own, nothing
    // else answers (no signature under a password someone else knows). Then the signature is theirs.
    const first = await call(s.api.baseUrl, null, 'POST', '/api/auth/login', { username: 'newhire1', password: 'newhire-password-1' });
    expect(first.body.user.mustSetPassword).toBe(true);
    const blocked = await call(s.api.baseUrl, first.body.accessToken, 'GET', '/api/tasks');
    expect(blocked.status).toBe(403);
    expect(blocked.body.message).toMatch(/set your own password/);
    const own = await call(s.api.baseUrl, first.body.accessToken, 'POST', '/api/auth/password', { currentPassword: 'newhire-password-1', newPassword: 'only-mei-knows-this' });
    expect(own.status).toBe(200);
    const newhire = await s.as('newhire1', 'only-mei-knows-this');
    const inbox = (await newhire('GET', '/api/tasks')).body;
    expect(inbox.items).toHaveLength(1);
    const agreement = inbox.items[0];
    expect(agreement).toMatchObject({ kind: 'agreement', step: 'agreement', title: { en: expect.stringMatching(/^INF-10: /) } });
    const detail = (await newhire('GET', `/api/tasks/${agreement.id}`)).body;
    expect(detail.context.agreementText.zh).toMatch(/保密/);
    const signature = { agreementVersion: detail.expected.agreementVersion, textHash: detail.expected.textHash };
    expect((await hr('POST', `/api/tasks/${agreement.id}/complete`, { outcome: 'done', data: signature })).status).toBe(403);
    expect((await newhire('POST', `/api/tasks/${agreement.id}/complete`, { outcome: 'done', data: { ...signature, textHash: 'f'.repeat(64) } })).status).toBe(400);
    const signed = await newhire('POST', `/api/tasks/${agreement.id}/complete`, { outcome: 'done', data: signature });
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('decided');
    expect((await newhire('POST', `/api/tasks/${agreement.id}/complete`, { outcome: 'done', data: signature })).status).toBe(409);

    // INF-7, SYS-2: IT finds the setup task in its role's inbox, with the planned IP and the new agent ID.
    const it = await s.as('it');
    const setup = await until(async () => (await it('GET', '/api/tasks?myRoles=true&kind=account_setup')).body.items.find((t: any) => t.processId === employeeId), 'IT setup task');
    expect(setup.context).toMatchObject({ agentId: expect.stringMatching(/^A\d+$/), workstationIp: expect.stringMatching(/^10\.20\.0\.\d+$/) });
    expect((await it('POST', `/api/tasks/${setup.id}/complete`, { outcome: 'done', data: { emailAccount: 'newhire1@corp.example', driveAccount: 'newhire1' } })).status).toBe(200);

    // EQ-3: the employee acknowledges the fire-safety briefing.
    const fire = await until(async () => (await newhire('GET', '/api/tasks')).body.items.find((t: any) => t.kind === 'acknowledgement'), 'fire-safety task');
    expect((await newhire('POST', `/api/tasks/${fire.id}/complete`, { outcome: 'done', data: { acknowledged: true } })).status).toBe(200);

    const done = await until(async () => {
      const r = (await hr('GET', `/api/onboardings/${employeeId}`)).body;
      return r.state === 'completed' && r;
    }, 'onboarding completed');
    expect(done).toMatchObject({ stage: 'active', agentId: setup.context.agentId, workstationIp: setup.context.workstationIp, agreement: { version: signature.agreementVersion, textHash: signature.textHash } });
    expect(done.steps.map((x: any) => x.step)).toEqual(['agreement', 'agent_id', 'it_setup', 'fire_safety', 'active']);
    // Traceable to a named person: the steps people took carry their names.
    expect(done.steps.find((x: any) => x.step === 'it_setup').byName).toEqual(expect.any(String));
    expect((await newhire('GET', `/api/onboardings/${employeeId}`)).status).toBe(200); // their own
    expect((await (await s.as('agent2'))('GET', `/api/onboardings/${employeeId}`)).status).toBe(404); // not someone else's

    const [{ status }] = await s.db.dataSource.query(`SELECT status FROM employees WHERE id = $1`, [employeeId]);
    expect(status).toBe('active');
    const held = await s.db.dataSource.query(`SELECT code FROM agent_ids WHERE holder_employee_id = $1`, [employeeId]);
    expect(held).toEqual([{ code: done.agentId }]);
    expect((await newhire('GET', '/api/me')).body.agentId).toMatchObject({ code: done.agentId });
  });
});
