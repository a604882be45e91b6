import { assignAgentId, assignNextStandardId } from '../libs/domain/agent-ids/commands.js';
import { createEmployee } from '../libs/domain/directory/employees.js';
import { RETURN_ITEM_KINDS, TASK_FORMS } from '../libs/policy/index.js';
import { updateDepartment } from '../libs/domain/directory/departments.js';
import { call } from './support/api.js';
import { departmentWithEmployees, userWith } from './support/directory.js';
import { startProcessStack, until, type ProcessStack } from './support/process-stack.js';

let s: ProcessStack;
beforeAll(async () => {
  s = await startProcessStack();
});
afterAll(async () => s?.close());

const admin = { actor: { id: 'system:test' } };

describe('offboarding over HTTP (real dev server, real worker)', () => {
  it('INF-13, INF-11(5), AID-1: access is revoked before the checklist, the ID is retired only when every item is settled, and never issued again', async () => {
    const [hr, agent2, sup, it, site, ccm] = await Promise.all(['hr', 'agent2', 'supervisor', 'it', 'site', 'ccmanager'].map((u) => s.as(u)));
    const me = (await agent2('GET', '/api/me')).body;
    const employeeId: string = me.employee.id;
    const agentId: string = me.agentId.code;

    // agent2 holds an active USB unlock (INF-6).
    const usb = (await agent2('POST', '/api/access-requests', { kind: 'usb_media', justification: 'export call recordings', durationMinutes: 600 })).body;
    const review = await until(async () => (await sup('GET', '/api/tasks')).body.items.find((t: any) => t.processId === usb.id), 'usb review');
    await sup('POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve' });
    const unlock = await until(async () => (await it('GET', '/api/tasks')).body.items.find((t: any) => t.processId === usb.id), 'usb unlock');
    await it('POST', `/api/tasks/${unlock.id}/complete`, { outcome: 'done' });
    await until(async () => (await agent2('GET', `/api/access-requests/${usb.id}`)).body.status === 'active', 'usb active');

    const started = await hr('POST', '/api/offboardings', { employeeId, reason: 'resigned', extraItems: [{ label: 'Headset case' }] });
    expect(started.status).toBe(201);
    expect((await hr('POST', '/api/offboardings', { employeeId, reason: 'again', extraItems: [] })).status).toBe(409);

    // The checklist starts only after the grant is gone and the ID suspended.
    const items = await until(async () => {
      const r = (await hr('GET', `/api/offboardings/${employeeId}`)).body;
      return r.items.length === RETURN_ITEM_KINDS.length + 1 && r.items;
    }, 'checklist');
    // The leaver's own account is locked by now (INF-13, AID-1): the supervisor who reviewed it reads it.
    expect((await sup('GET', `/api/access-requests/${usb.id}`)).body).toMatchObject({ status: 'revoked' });
    const [{ state }] = await s.db.dataSource.query(`SELECT state FROM agent_ids WHERE code = $1`, [agentId]);
    expect(state).toBe('suspended');
    const [{ first_item }] = await s.db.dataSource.query(`SELECT min(seq) AS first_item FROM event_log WHERE type = 'return_item.listed'`);
    const [{ revoked_at }] = await s.db.dataSource.query(`SELECT max(seq) AS revoked_at FROM event_log WHERE type = 'grant.ended'`);
    expect(Number(revoked_at)).toBeLessThan(Number(first_item));

    const added = await hr('POST', `/api/offboardings/${employeeId}/items`, { label: 'Visitor badge' });
    expect(added.status).toBe(201);
    const all = added.body.items;
    expect(all).toHaveLength(items.length + 1);

    const taskFor = (itemId: string, step = 'return_item') =>
      until(async () => (await site('GET', '/api/tasks?pageSize=200')).body.items.find((t: any) => t.step === step && t.context.itemId === itemId), `${step} ${itemId}`);
    const notes = all.find((i: any) => i.kind === 'notes');
    for (const item of all.filter((i: any) => i !== notes)) {
      expect((await site('POST', `/api/tasks/${(await taskFor(item.itemId)).id}/complete`, { outcome: 'done', data: { status: 'received' } })).status).toBe(200);
    }
    // The task declares its form (the web app renders and pre-checks from it); the API refuses what the form refuses.
    const notesTask = await taskFor(notes.itemId);
    expect(notesTask.form).toEqual(TASK_FORMS.return_item);
    const disk = await site('POST', `/api/tasks/${notesTask.id}/complete`, { outcome: 'done', data: { status: 'missing', machineRoomDisk: true }, comment: 'lost' });
    expect([disk.status, disk.body.code, disk.body.message]).toEqual([400, 'VALIDATION_FAILED', 'data.machineRoomDisk is a field only when status is "received"']);
    expect((await site('POST', `/api/tasks/${notesTask.id}/complete`, { outcome: 'done', data: { status: 'missing' } })).body.message).toBe('a comment is required when status is "missing"');
    await site('POST', `/api/tasks/${notesTask.id}/complete`, { outcome: 'done', data: { status: 'missing' }, comment: 'one notebook lost' });
    // A missing item keeps the offboarding open until the call center manager signs it off.
    expect((await hr('GET', `/api/offboardings/${employeeId}`)).body.state).toBe('running');
    const signoff = await until(async () => (await ccm('GET', '/api/tasks')).body.items.find((t: any) => t.step === 'missing_signoff'), 'sign-off');
    expect((await ccm('POST', `/api/tasks/${signoff.id}/complete`, { outcome: 'approve', comment: 'written off' })).status).toBe(200);

    const done = await until(async () => {
      const r = (await hr('GET', `/api/offboardings/${employeeId}`)).body;
      return r.state === 'completed' && r;
    }, 'offboarding completed');
    expect(done).toMatchObject({ stage: 'left', reason: 'resigned', agentId });
    expect(done.items.find((i: any) => i.kind === 'notes')).toMatchObject({ state: 'missing_signed_off', note: 'one notebook lost', signedOffBy: expect.any(String) });
    expect(done.items.every((i: any) => i.checkedBy)).toBe(true);
    // INF-13: the final report names who checked each item and who signed off the missing one.
    expect(done.items.every((i: any) => typeof i.checkedByName === 'string' && i.checkedByName.length > 0)).toBe(true);
    expect(done.items.find((i: any) => i.kind === 'notes').signedOffByName).toEqual(expect.any(String));
    expect((await hr('POST', `/api/offboardings/${employeeId}/items`, { label: 'late' })).status).toBe(409);

    // AID-1: the retired ID is never issued to anyone else.
    const [{ state: finalState }] = await s.db.dataSource.query(`SELECT state FROM agent_ids WHERE code = $1`, [agentId]);
    expect(finalState).toBe('retired');
    const [{ status }] = await s.db.dataSource.query(`SELECT status FROM employees WHERE id = $1`, [employeeId]);
    expect(status).toBe('left');
    const [dept] = (await hr('GET', '/api/departments')).body.items;
    const { id: newcomer } = await createEmployee(s.events, admin, { departmentId: dept.id, fullName: 'Newcomer' });
    await expect(assignAgentId(s.events, admin, { code: agentId, employeeId: newcomer })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(assignNextStandardId(s.events, admin, { employeeId: newcomer })).resolves.not.toMatchObject({ code: agentId });
  });

  it('INF-13, AID-1: a leaver is out at once (no sign-in, old tokens refused, hr/it/supervisor roles ended), the department they supervised is handed to HR, and the workflow repeat writes no second event', async () => {
    const { departmentId, employeeIds: [employeeId] } = await departmentWithEmployees(s.events, 'leaver-dept', 1);
    const leaverId = await userWith(s.events, 'leaver1', ['hr', 'it', 'supervisor'], { employeeId });
    await updateDepartment(s.events, admin, { departmentId, supervisorUserId: leaverId });
    const session = (await call(s.api.baseUrl, null, 'POST', '/api/auth/login', { username: 'leaver1', password: 'demo-password' })).body;
    expect((await call(s.api.baseUrl, session.accessToken, 'GET', '/api/users')).status).toBe(200); // hr power, before

    const hr = await s.as('hr');
    expect((await hr('POST', '/api/offboardings', { employeeId, reason: 'dismissed', extraItems: [] })).status).toBe(201);
    // At once, when HR's request returns: not when the workflow gets round to it.
    expect((await call(s.api.baseUrl, session.accessToken, 'GET', '/api/users')).status).toBe(401);
    expect((await call(s.api.baseUrl, null, 'POST', '/api/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
    expect((await call(s.api.baseUrl, null, 'POST', '/api/auth/login', { username: 'leaver1', password: 'demo-password' })).status).toBe(401);
    expect(await s.db.dataSource.query(`SELECT role FROM user_roles WHERE user_id = $1`, [leaverId])).toEqual([]);
    const [{ supervisor_user_id }] = await s.db.dataSource.query(`SELECT supervisor_user_id FROM departments WHERE id = $1`, [departmentId]);
    expect(supervisor_user_id).toBeNull();
    const notes = (await hr('GET', '/api/notifications')).body.items.filter((n: any) => n.subject === `offboarding:${employeeId}`);
    expect(notes).toHaveLength(1);
    expect(notes[0].body.en).toMatch(/leaver-dept/);
    // A reactivation by mistake would not bring the power back: the roles are gone.
    // The workflow's own first step ran (the checklist comes after it) and changed nothing.
    await until(async () => (await hr('GET', `/api/offboardings/${employeeId}`)).body.items?.length > 0, 'checklist');
    const types: { type: string }[] = await s.db.dataSource.query(`SELECT type FROM event_log WHERE subject = $1 ORDER BY seq`, [`user:${leaverId}`]);
    expect(types.filter((t) => t.type === 'user.deactivated')).toHaveLength(1);
    expect(types.filter((t) => t.type === 'user.roles_set')).toHaveLength(1);
    expect(await s.db.dataSource.query(`SELECT 1 FROM event_log WHERE type = 'notification.sent' AND subject = $1 AND payload->'title'->>'en' LIKE '%hand them on%'`, [`offboarding:${employeeId}`])).toHaveLength(1);
  });
});
