import { RETURN_ITEM_KINDS } from '../libs/policy/offboarding.js';
import { STANDARD_RESPONSIBILITIES } from '../libs/policy/responsibilities.js';
import { departmentWithEmployees, userWith } from './support/directory.js';
import { startProcessStack, until, type ProcessStack } from './support/process-stack.js';

let s: ProcessStack;
beforeAll(async () => {
  s = await startProcessStack();
});
afterAll(async () => s?.close());

const idOf = async (username: string): Promise<string> => (await s.db.dataSource.query(`SELECT id FROM users WHERE username = $1`, [username]))[0].id;
const name = { en: 'Customer data', zh: '客户资料' };

describe('the named owners register over HTTP', () => {
  it('EQ-1, EQ-3, INF-9: the standard responsibilities are listed and flagged until the call center manager names an owner and a deputy; a deactivated owner flags it again', async () => {
    const [ccm, hr, auditor] = await Promise.all(['ccmanager', 'hr', 'auditor'].map((u) => s.as(u)));
    const before = (await ccm('GET', '/api/responsibilities')).body.items;
    expect(before.map((r: any) => r.key)).toEqual(expect.arrayContaining(STANDARD_RESPONSIBILITIES.map((r) => r.key)));
    expect(before.find((r: any) => r.key === 'fire-equipment-keeper')).toMatchObject({ owner: null, deputy: null, flags: ['no_owner', 'no_deputy'] });

    const keeper = await userWith(s.events, 'keeper1', ['site_manager']);
    const site = await idOf('site');
    const put = await ccm('PUT', '/api/responsibilities/fire-equipment-keeper', { kind: 'fire_equipment_keeper', name: { en: 'Fire equipment keeper', zh: '消防器材保管' }, ownerUserId: keeper, deputyUserId: site });
    expect(put.body).toEqual({ key: 'fire-equipment-keeper', changed: true });
    expect((await ccm('PUT', '/api/responsibilities/fire-equipment-keeper', { kind: 'fire_equipment_keeper', name: { en: 'Fire equipment keeper', zh: '消防器材保管' }, ownerUserId: keeper, deputyUserId: site })).body.changed).toBe(false);
    const named = (await auditor('GET', '/api/responsibilities')).body.items.find((r: any) => r.key === 'fire-equipment-keeper');
    expect(named).toMatchObject({ owner: { userId: keeper, displayName: 'keeper1', active: true }, deputy: { userId: site, active: true }, flags: [] });
    const [event] = await s.db.dataSource.query(`SELECT actor, clauses FROM event_log WHERE type = 'responsibility.assigned' AND subject = 'responsibility:fire-equipment-keeper'`);
    expect(event).toEqual({ actor: await idOf('ccmanager'), clauses: expect.arrayContaining(['EQ-3', 'EQ-1']) });

    // INF-9: a kind of information gets its owner too.
    expect((await ccm('PUT', '/api/responsibilities/customer-data', { kind: 'information', name, ownerUserId: await idOf('it'), deputyUserId: keeper })).status).toBe(200);

    // The keeper's account is deactivated (a leaver): both responsibilities they hold are flagged.
    expect((await hr('PATCH', `/api/users/${keeper}`, { active: false })).status).toBe(200);
    const flagged = (await ccm('GET', '/api/responsibilities?flagged=true')).body.items;
    expect(flagged.find((r: any) => r.key === 'fire-equipment-keeper').flags).toEqual(['owner_inactive']);
    expect(flagged.find((r: any) => r.key === 'customer-data').flags).toEqual(['deputy_inactive']);
    expect(flagged.every((r: any) => r.flags.length > 0)).toBe(true);
    // The call center manager is told, in the deactivation's own transaction, what to hand on.
    const told = (await ccm('GET', '/api/notifications')).body.items.filter((n: any) => n.subject === `user:${keeper}`);
    expect(told).toHaveLength(1);
    expect(told[0].title.en).toBe('EQ-1, INF-9: keeper1 is no longer active: hand on their responsibilities');
    expect(told[0].body.en).toMatch(/fire-equipment-keeper\): they are its owner/);
    expect(told[0].body.en).toMatch(/customer-data\): they are its deputy/);
    // Nobody names a deactivated account.
    const stale = await ccm('PUT', '/api/responsibilities/customer-data', { kind: 'information', name, ownerUserId: keeper, deputyUserId: site });
    expect([stale.status, stale.body.message]).toEqual([400, 'ownerUserId names a deactivated account: name someone who is still here']);
  });

  it('EQ-1, INF-9: only the call center manager names owners; others are refused, and a malformed or contradictory body is a 400 that says what to fix', async () => {
    const [ccm, hr, site, agent1] = await Promise.all(['ccmanager', 'hr', 'site', 'agent1'].map((u) => s.as(u)));
    const [it, sup] = [await idOf('it'), await idOf('supervisor')];
    const good = { kind: 'system', name: { en: 'Outbound dialer admin password', zh: '外呼系统管理员密码' }, ownerUserId: it, deputyUserId: sup };
    for (const who of [hr, site, agent1]) expect((await who('PUT', '/api/responsibilities/dialer-admin', good)).status).toBe(403);
    expect((await agent1('GET', '/api/responsibilities')).status).toBe(403);
    expect((await site('GET', '/api/responsibilities')).status).toBe(200);

    const bad = async (path: string, body: unknown) => {
      const r = await ccm('PUT', path, body);
      expect(r.status).toBe(400);
      return r.body.message as string;
    };
    expect(await bad('/api/responsibilities/Dialer_Admin', good)).toBe('key must be 3-64 lower-case letters, digits or dashes, e.g. customer-data');
    expect(await bad('/api/responsibilities/dialer-admin', { ...good, kind: 'everything' })).toMatch(/kind must be one of: machine_room_fire, machine_room_theft, fire_equipment_keeper, information, system/);
    expect(await bad('/api/responsibilities/dialer-admin', { ...good, ownerUserId: 'it' })).toMatch(/ownerUserId must be a user id \(uuid\)/);
    expect(await bad('/api/responsibilities/dialer-admin', { ...good, deputyUserId: it })).toBe('the deputy must be a different person from the owner');
    expect(await bad('/api/responsibilities/dialer-admin', { ...good, deputyUserId: '00000000-0000-4000-8000-000000000000' })).toBe('deputyUserId must be the id of an existing user');
    expect(await bad('/api/responsibilities/dialer-admin', { ...good, name: { en: ' ', zh: '密码' } })).toMatch(/name.en must not be blank/);
    expect(await bad('/api/responsibilities/machine-room-fire', good)).toBe('machine-room-fire is a standard responsibility of kind machine_room_fire');
    expect(await bad('/api/responsibilities/dialer-admin', { ...good, kind: 'machine_room_theft' })).toMatch(/^a machine_room_theft responsibility is the standard one \(machine-room-theft\)/);
    expect(await bad('/api/responsibilities/dialer-admin', { ...good, extra: 1 })).toMatch(/extra should not exist/);
    expect((await ccm('GET', '/api/responsibilities?flagged=maybe')).status).toBe(400);
    expect((await ccm('PUT', '/api/responsibilities/dialer-admin', good)).status).toBe(200);
    // A key keeps its kind.
    expect(await bad('/api/responsibilities/dialer-admin', { ...good, kind: 'information' })).toBe('dialer-admin is already a system responsibility; its kind does not change');
  });

  it('EQ-1, INF-9: a leaver named in the register does not leave until the call center manager has moved every responsibility; a done that moved nothing opens a new hand-over task', async () => {
    const { employeeIds: [employeeId] } = await departmentWithEmployees(s.events, 'handover-dept', 1);
    const leaver = await userWith(s.events, 'theft-owner', ['employee'], { employeeId });
    const [ccm, hr, site] = await Promise.all(['ccmanager', 'hr', 'site'].map((u) => s.as(u)));
    const theft = { kind: 'machine_room_theft', name: { en: 'Machine-room theft prevention', zh: '机房防盗' }, deputyUserId: await idOf('site') };
    expect((await ccm('PUT', '/api/responsibilities/machine-room-theft', { ...theft, ownerUserId: leaver })).status).toBe(200);

    expect((await hr('POST', '/api/offboardings', { employeeId, reason: 'resigned', extraItems: [] })).status).toBe(201);
    const handover = async (after?: string) =>
      until(async () => (await ccm('GET', '/api/tasks?pageSize=200')).body.items.find((t: any) => t.step === 'responsibility_handover' && t.processId === employeeId && t.id !== after), 'hand-over task');
    const first = await handover();
    expect(first).toMatchObject({ kind: 'handover', candidateRole: 'cc_manager', context: { responsibilities: 'machine-room-theft' } });
    const items = await until(async () => {
      const r = (await hr('GET', `/api/offboardings/${employeeId}`)).body;
      return r.items?.length === RETURN_ITEM_KINDS.length && r.items;
    }, 'checklist');
    for (const item of items) {
      const t = await until(async () => (await site('GET', '/api/tasks?pageSize=200')).body.items.find((x: any) => x.step === 'return_item' && x.context.itemId === item.itemId), 'item task');
      expect((await site('POST', `/api/tasks/${t.id}/complete`, { outcome: 'done', data: { status: 'received' } })).status).toBe(200);
    }
    expect((await site('POST', `/api/tasks/${first.id}/complete`, { outcome: 'done' })).status).toBe(404); // not the register's keeper
    // Done, but the register still names the leaver: a second task, and the leaver has not gone.
    expect((await ccm('POST', `/api/tasks/${first.id}/complete`, { outcome: 'done' })).status).toBe(200);
    const second = await handover(first.id);
    expect((await hr('GET', `/api/offboardings/${employeeId}`)).body.state).toBe('running');

    expect((await ccm('PUT', '/api/responsibilities/machine-room-theft', { ...theft, ownerUserId: await idOf('it') })).status).toBe(200);
    expect((await ccm('POST', `/api/tasks/${second.id}/complete`, { outcome: 'done' })).status).toBe(200);
    await until(async () => (await hr('GET', `/api/offboardings/${employeeId}`)).body.state === 'completed', 'offboarding completed');
    const register = (await ccm('GET', '/api/responsibilities')).body.items.find((r: any) => r.key === 'machine-room-theft');
    expect(register).toMatchObject({ owner: { userId: await idOf('it'), active: true }, flags: [] });
  });
});
