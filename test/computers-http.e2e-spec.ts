import { enabledExternal, startProcessStack, taskOf, until, type ProcessStack } from './support/process-stack.js';

let s: ProcessStack;
beforeAll(async () => {
  s = await startProcessStack();
});
afterAll(async () => s?.close());

const idOf = async (username: string): Promise<string> => (await s.db.dataSource.query(`SELECT id FROM users WHERE username = $1`, [username]))[0].id;

describe('the machine-room computer inventory over HTTP', () => {
  it('INF-6: each computer lists its USB, Internet and BIOS checks with who and when, is flagged until all hold, and shows the Internet grant of the person at it', async () => {
    const [it, ccm] = await Promise.all(['it', 'ccmanager'].map((u) => s.as(u)));
    const agent2 = await idOf('agent2');
    expect((await it('PUT', '/api/computers/MR-PC-01', { room: 'Machine room 1', assignedUserId: agent2 })).body).toEqual({ tag: 'MR-PC-01', changed: true });
    expect((await it('PUT', '/api/computers/MR-PC-01', { room: 'Machine room 1', assignedUserId: agent2 })).body.changed).toBe(false);
    expect((await it('PUT', '/api/computers/MR-PC-02', { room: 'Machine room 1', assignedUserId: null })).status).toBe(200);
    const first = (await ccm('GET', '/api/computers')).body.items;
    expect(first.map((c: any) => [c.tag, c.flagged])).toEqual([['MR-PC-01', true], ['MR-PC-02', true]]);
    expect(first[0].checks).toEqual([
      expect.objectContaining({ check: 'usb_blocked', ok: null, checkedBy: null }),
      expect.objectContaining({ check: 'internet_blocked', ok: null }),
      expect.objectContaining({ check: 'bios_password_set', ok: null }),
    ]);

    for (const check of ['usb_blocked', 'internet_blocked', 'bios_password_set']) expect((await it('POST', '/api/computers/MR-PC-01/checks', { check, ok: true })).status).toBe(201);
    const noNote = await it('POST', '/api/computers/MR-PC-02/checks', { check: 'bios_password_set', ok: false });
    expect([noNote.status, noNote.body.message]).toEqual([400, 'a failed check needs a note saying what was found']);
    expect((await it('POST', '/api/computers/MR-PC-02/checks', { check: 'bios_password_set', ok: false, note: 'no BIOS password' })).status).toBe(201);

    // agent2 holds an active Internet grant (SYS-1): it shows on their computer only.
    const requestId = await enabledExternal(s, 'agent2');
    const after = (await (await s.as('auditor'))('GET', '/api/computers')).body.items;
    const [pc1, pc2] = after;
    const itId = await idOf('it');
    expect(pc1).toMatchObject({ flagged: false, assignedUser: { userId: agent2 }, grants: [expect.objectContaining({ requestId, kind: 'external_network' })] });
    expect(pc1.checks.every((c: any) => c.ok === true && c.checkedBy === itId && typeof c.checkedByName === 'string' && !Number.isNaN(Date.parse(c.checkedAt)))).toBe(true);
    expect(pc2).toMatchObject({ flagged: true, grants: [] });
    expect(pc2.checks.find((c: any) => c.check === 'bios_password_set')).toMatchObject({ ok: false, note: 'no BIOS password', checkedBy: itId });
    const [event] = await s.db.dataSource.query(`SELECT actor, clauses FROM event_log WHERE type = 'computer.checked' AND subject = 'computer:MR-PC-02'`);
    expect(event).toEqual({ actor: itId, clauses: ['INF-6'] });
  });

  it('INF-6: only IT keeps the inventory; others are refused, and malformed input is a 400 that says what to fix', async () => {
    const [it, site, agent1, ccm] = await Promise.all(['it', 'site', 'agent1', 'ccmanager'].map((u) => s.as(u)));
    for (const who of [site, agent1, ccm]) expect((await who('PUT', '/api/computers/MR-PC-09', { room: 'Machine room 2', assignedUserId: null })).status).toBe(403);
    expect((await agent1('GET', '/api/computers')).status).toBe(403);
    expect((await site('GET', '/api/computers')).status).toBe(200);
    expect((await site('POST', '/api/computers/MR-PC-01/checks', { check: 'usb_blocked', ok: true })).status).toBe(403);

    const bad = async (method: string, path: string, body: unknown) => {
      const r = await it(method, path, body);
      expect(r.status).toBe(400);
      return r.body.message as string;
    };
    expect(await bad('PUT', '/api/computers/mr pc', { room: 'x', assignedUserId: null })).toBe('tag must be 2-32 upper-case letters, digits or dashes, e.g. MR-PC-07');
    expect(await bad('PUT', '/api/computers/MR-PC-09', { room: ' ', assignedUserId: null })).toMatch(/room must not be blank/);
    expect(await bad('PUT', '/api/computers/MR-PC-09', { room: 'Machine room 2', assignedUserId: 'agent1' })).toMatch(/assignedUserId must be a user id \(uuid\) or null/);
    expect(await bad('PUT', '/api/computers/MR-PC-09', { room: 'Machine room 2', assignedUserId: '00000000-0000-4000-8000-000000000000' })).toBe('assignedUserId must be the id of an active user, or null');
    expect(await bad('POST', '/api/computers/MR-PC-09/checks', { check: 'usb', ok: true })).toMatch(/check must be one of: usb_blocked, internet_blocked, bios_password_set/);
    expect(await bad('POST', '/api/computers/MR-PC-09/checks', { check: 'usb_blocked', ok: 'yes' })).toMatch(/ok must be true or false/);
    expect((await it('POST', '/api/computers/NOPE-1/checks', { check: 'usb_blocked', ok: true })).status).toBe(404);
  });

  it('INF-6: a USB unlock request may name the machine-room computer it is for (checked against the inventory); the grant then shows on that computer, not on the requester own one, and each computer keeps its history', async () => {
    const [it, agent1, sup] = await Promise.all(['it', 'agent1', 'supervisor'].map((u) => s.as(u)));
    const agent1Id = await idOf('agent1');
    expect((await it('PUT', '/api/computers/MR-PC-05', { room: 'Machine room 2', assignedUserId: null })).status).toBe(200);
    expect((await it('PUT', '/api/computers/MR-PC-06', { room: 'Machine room 2', assignedUserId: agent1Id })).status).toBe(200);
    expect((await it('POST', '/api/computers/MR-PC-05/checks', { check: 'usb_blocked', ok: true })).status).toBe(201);

    const ask = (body: Record<string, unknown>) => agent1('POST', '/api/access-requests', { kind: 'usb_media', justification: 'copy the campaign recordings', durationMinutes: 120, ...body });
    const unknown = await ask({ computerTag: 'MR-PC-77' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe('no computer MR-PC-77 in the machine-room inventory');
    expect((await ask({ computerTag: 'mr pc 5' })).status).toBe(400);
    expect((await agent1('POST', '/api/access-requests', { kind: 'special_agent_id', justification: 'special campaign outbound', durationMinutes: 120, computerTag: 'MR-PC-05' })).status).toBe(400);

    const created = await ask({ computerTag: 'MR-PC-05' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'usb_media', computerTag: 'MR-PC-05' });
    const id = created.body.id;
    expect((await sup('POST', `/api/tasks/${(await taskOf(sup, id, 'supervisor_review')).id}/complete`, { outcome: 'approve' })).status).toBe(200);
    expect((await it('POST', `/api/tasks/${(await taskOf(it, id, 'it_unlock')).id}/complete`, { outcome: 'done' })).status).toBe(200);
    await until(async () => (await it('GET', `/api/access-requests/${id}`)).body.status === 'active', 'active USB unlock');

    const items = (await it('GET', '/api/computers')).body.items;
    const pc5 = items.find((c: { tag: string }) => c.tag === 'MR-PC-05');
    const pc6 = items.find((c: { tag: string }) => c.tag === 'MR-PC-06');
    expect(pc5.grants).toEqual([expect.objectContaining({ requestId: id, kind: 'usb_media', holderUserId: agent1Id, named: true })]);
    expect(pc6.grants.map((g: { requestId: string }) => g.requestId)).not.toContain(id);
    expect(pc5).toMatchObject({ recheckDue: true }); // two of its three locks never checked

    const history = await it('GET', '/api/computers/MR-PC-05/history');
    expect(history.status).toBe(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({ type: 'computer.checked', check: 'usb_blocked', ok: true, by: await idOf('it'), byName: expect.any(String) }),
      expect.objectContaining({ type: 'computer.registered', room: 'Machine room 2', assignedUserId: null }),
    ]);
    expect((await it('GET', '/api/computers/MR-PC-99/history')).status).toBe(404);
    expect((await agent1('GET', '/api/computers/MR-PC-05/history')).status).toBe(403);
  });
});
