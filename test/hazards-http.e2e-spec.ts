import { startProcessStack, until, type ProcessStack } from './support/process-stack.js';

/*
 * Hazards through the whole system (EQ-2, EQ-4): reported over HTTP, a task in the machine-room
 * managers' inbox from hazardWorkflow on the real dev server, open with its age until the fix is recorded.
 */

let s: ProcessStack;
beforeAll(async () => {
  s = await startProcessStack();
});
afterAll(async () => s?.close());

describe('hazards over HTTP', () => {
  it('EQ-4: an agent reports a hazard at once; the machine-room managers see it open with its age and a task, until one records it fixed', async () => {
    const agent = await s.as('agent1');
    const site = await s.as('site');
    const reported = await agent('POST', '/api/hazards', { description: 'Headset cable frayed at desk 12' });
    expect(reported.status).toBe(201);
    const { hazardId } = reported.body;
    expect(reported.body).toEqual({ hazardId: expect.any(String), state: 'open' });

    // Listed at once: the API recorded it before answering.
    const open = (await site('GET', '/api/hazards')).body.items;
    expect(open).toContainEqual(expect.objectContaining({ hazardId, description: 'Headset cable frayed at desk 12', clauses: ['EQ-4'], state: 'open', ageHours: 0, fixedAt: null }));
    expect(await s.db.dataSource.query(`SELECT type, clauses FROM event_log WHERE subject = $1`, [`hazard:${hazardId}`])).toEqual([{ type: 'hazard.reported', clauses: ['EQ-4'] }]);

    const task = await until(async () => (await site('GET', '/api/tasks?myRoles=true&kind=hazard_fix')).body.items.find((t: any) => t.processId === hazardId), 'hazard task');
    expect(task).toMatchObject({ processType: 'hazard', title: { en: expect.stringMatching(/^EQ-4: /) } });
    expect((await site('POST', `/api/tasks/${task.id}/complete`, { outcome: 'done', data: { fixed: true } })).status).toBe(400);
    expect((await site('POST', `/api/tasks/${task.id}/complete`, { outcome: 'done', data: { fixed: true, howFixed: 'cable replaced' } })).status).toBe(200);

    await until(async () => !(await site('GET', '/api/hazards')).body.items.some((h: { hazardId: string }) => h.hazardId === hazardId), 'no longer open');
    expect((await site('GET', '/api/hazards?state=fixed')).body.items).toContainEqual(expect.objectContaining({ hazardId, state: 'fixed', howFixed: 'cable replaced', fixedBy: expect.any(String) }));
  });

  it('EQ-2: a manager reports one found on an inspection; the list is for the managers and the auditor, reporting for everyone but the auditor', async () => {
    const site = await s.as('site');
    const r = await site('POST', '/api/hazards', { description: 'Power strip overloaded under rack C', during: 'inspection' });
    expect(r.status).toBe(201);
    expect((await (await s.as('auditor'))('GET', '/api/hazards')).body.items).toContainEqual(expect.objectContaining({ hazardId: r.body.hazardId, clauses: ['EQ-2'] }));
    expect((await (await s.as('agent1'))('GET', '/api/hazards')).status).toBe(403);
    expect((await (await s.as('auditor'))('POST', '/api/hazards', { description: 'x' })).status).toBe(403);
    expect((await site('POST', '/api/hazards', { description: '   ' })).status).toBe(400);
    expect((await site('POST', '/api/hazards', { description: 'x', during: 'lunch' })).status).toBe(400);
    expect((await site('GET', '/api/hazards?state=sometimes')).status).toBe(400);
  });
});
