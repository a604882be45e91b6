import { currentRules } from '../libs/domain/onboarding/rules.js';
import { acknowledgeRules } from '../libs/domain/onboarding/rules-acknowledgements.js';
import { days } from '../libs/policy/durations.js';
import { departmentWithEmployees } from './support/directory.js';
import { startProcessStack, type ProcessStack } from './support/process-stack.js';

let s: ProcessStack;
beforeAll(async () => {
  s = await startProcessStack();
});
afterAll(async () => s?.close());

const at = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('the yearly rules acknowledgement over HTTP', () => {
  it('EQ-5, SYS-3, SYS-4, AID-1: each acknowledgement is recorded with the text version and hash; one whose yearly due date has passed is listed overdue, as is an employee who never acknowledged', async () => {
    const { employeeIds: [current, overdue, never] } = await departmentWithEmployees(s.events, 'rules-dept', 3);
    const rules = currentRules();
    // Acknowledged (by the yearly workflow's activity): one 400 days ago, due 35 days ago; one 10 days ago.
    await acknowledgeRules(s.events, {}, { employeeId: overdue, userId: 'u-overdue', ...rules, acknowledgedAt: at(-days(400)), nextDueAt: at(-days(35)) });
    await acknowledgeRules(s.events, {}, { employeeId: current, userId: 'u-current', ...rules, acknowledgedAt: at(-days(10)), nextDueAt: at(days(355)) });
    const [event] = await s.db.dataSource.query(`SELECT actor, clauses, payload FROM event_log WHERE type = 'rules.acknowledged' AND subject = $1`, [`employee:${current}`]);
    expect(event).toMatchObject({ actor: 'u-current', clauses: expect.arrayContaining(['EQ-5', 'SYS-3', 'SYS-4', 'AID-1']), payload: { version: rules.version, textHash: rules.textHash } });

    const hr = await s.as('hr');
    const all = (await hr('GET', '/api/rules-acknowledgements')).body;
    expect(all.currentVersion).toBe(rules.version);
    const of = (id: string) => all.items.find((i: any) => i.employeeId === id);
    expect(of(current)).toMatchObject({ standing: 'current', version: rules.version, textHash: rules.textHash });
    expect(of(overdue)).toMatchObject({ standing: 'overdue', version: rules.version });
    expect(of(never)).toMatchObject({ standing: 'never', version: null, acknowledgedAt: null });

    const late = (await (await s.as('auditor'))('GET', '/api/rules-acknowledgements?overdue=true')).body.items.map((i: any) => i.employeeId);
    expect(late).toEqual(expect.arrayContaining([overdue, never]));
    expect(late).not.toContain(current);
  });

  it('EQ-5, AID-1: only HR, the call center manager and the auditor read everyone; a malformed filter is a 400 that says what to write', async () => {
    for (const who of ['agent1', 'supervisor', 'it', 'site']) expect((await (await s.as(who))('GET', '/api/rules-acknowledgements')).status).toBe(403);
    const bad = await (await s.as('ccmanager'))('GET', '/api/rules-acknowledgements?overdue=yes');
    expect([bad.status, bad.body.message]).toEqual([400, expect.stringMatching(/overdue must be true or false/)]);
  });
});
