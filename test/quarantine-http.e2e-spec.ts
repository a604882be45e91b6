import { RETURN_ITEM_KINDS, TASK_FORMS } from '../libs/policy/index.js';
import { departmentWithEmployees, userWith } from './support/directory.js';
import { startProcessStack, until, type Caller, type ProcessStack } from './support/process-stack.js';

let s: ProcessStack;
beforeAll(async () => {
  s = await startProcessStack();
});
afterAll(async () => s?.close());

const tasksOf = async (who: Caller) => (await who('GET', '/api/tasks?pageSize=200')).body.items as any[];

describe('an infected returned disk over HTTP (real dev server, real worker)', () => {
  it('INF-6, INF-13: a returned disk found infected is quarantined, not received; IT and security are told and get a task each, the offboarding stays open until IT records it destroyed and security has reviewed it, by name', async () => {
    const { employeeIds: [employeeId] } = await departmentWithEmployees(s.events, 'quarantine-dept', 1);
    await userWith(s.events, 'leaver-q', ['employee'], { employeeId });
    const [hr, site, it, security, ccm] = await Promise.all(['hr', 'site', 'it', 'security', 'ccmanager'].map((u) => s.as(u)));
    expect((await hr('POST', '/api/offboardings', { employeeId, reason: 'resigned', extraItems: [] })).status).toBe(201);
    const items = await until(async () => {
      const r = (await hr('GET', `/api/offboardings/${employeeId}`)).body;
      return r.items?.length === RETURN_ITEM_KINDS.length && r.items;
    }, 'checklist');
    const taskFor = (itemId: string, step: string, who: Caller = site) =>
      until(async () => (await tasksOf(who)).find((t) => t.step === step && t.context.itemId === itemId), `${step} ${itemId}`);
    const disk = items.find((i: any) => i.kind === 'disks');
    for (const item of items) {
      const data = item === disk ? { status: 'received', machineRoomDisk: true } : { status: 'received' };
      expect((await site('POST', `/api/tasks/${(await taskFor(item.itemId, 'return_item')).id}/complete`, { outcome: 'done', data })).status).toBe(200);
    }
    const scan = await taskFor(disk.itemId, 'virus_check', it);
    expect((await it('POST', `/api/tasks/${scan.id}/complete`, { outcome: 'done', data: { result: 'infected' } })).status).toBe(200);

    // Quarantined: not received, and the offboarding is still running with the agent ID not retired.
    const disposal = await taskFor(disk.itemId, 'quarantine_disposal', it);
    expect(disposal).toMatchObject({ kind: 'quarantine_disposal', form: TASK_FORMS.quarantine_disposal });
    const open = (await hr('GET', `/api/offboardings/${employeeId}`)).body;
    expect(open.state).toBe('running');
    expect(open.items.find((i: any) => i.itemId === disk.itemId)).toMatchObject({ state: 'quarantined', virusCheck: { result: 'infected' }, disposedBy: null });
    expect(open.items.filter((i: any) => i.state === 'received')).toHaveLength(items.length - 1);
    // Security hears of it at once, as IT does.
    const told = (await security('GET', '/api/notifications')).body.items.filter((n: any) => n.subject === `offboarding:${employeeId}`);
    expect(told.map((n: any) => n.title.en)).toEqual([expect.stringMatching(/^INF-6: .*infected and quarantined/)]);

    // Only IT records what was done, and says which: the on-site manager does not see the task (404), the
    // call center manager sees it (the escalation role, EQ-1) but may not decide it (403).
    expect((await site('POST', `/api/tasks/${disposal.id}/complete`, { outcome: 'done', data: { disposition: 'destroyed' } })).status).toBe(404);
    expect((await ccm('POST', `/api/tasks/${disposal.id}/complete`, { outcome: 'done', data: { disposition: 'destroyed' } })).status).toBe(403);
    const vague = await it('POST', `/api/tasks/${disposal.id}/complete`, { outcome: 'done', data: { disposition: 'ignored' } });
    expect([vague.status, vague.body.message]).toEqual([400, 'data.disposition must be one of "cleaned", "destroyed"']);
    expect((await it('POST', `/api/tasks/${disposal.id}/complete`, { outcome: 'done', data: {} })).status).toBe(400);
    expect((await hr('GET', `/api/offboardings/${employeeId}`)).body.state).toBe('running');

    expect((await it('POST', `/api/tasks/${disposal.id}/complete`, { outcome: 'done', data: { disposition: 'destroyed' }, comment: 'drive shredded' })).status).toBe(200);
    // Security has a task of its own (INF-6): until a security person records where the disk is held, the offboarding stays open.
    const review = await taskFor(disk.itemId, 'quarantine_review', security);
    expect(review).toMatchObject({ kind: 'quarantine_review', form: TASK_FORMS.quarantine_review });
    expect((await it('POST', `/api/tasks/${review.id}/complete`, { outcome: 'done', data: { heldAt: 'rack 2' } })).status).toBe(404);
    expect((await ccm('POST', `/api/tasks/${review.id}/complete`, { outcome: 'done', data: { heldAt: 'rack 2' } })).status).toBe(403);
    await until(async () => (await s.db.dataSource.query(`SELECT 1 FROM tasks WHERE id = $1 AND status <> 'open'`, [disposal.id])).length > 0, 'disposal recorded');
    expect((await hr('GET', `/api/offboardings/${employeeId}`)).body.state).toBe('running');
    expect((await security('POST', `/api/tasks/${review.id}/complete`, { outcome: 'done', data: { heldAt: 'Security office safe', sealNumber: 'S-0042' } })).status).toBe(200);
    const done = await until(async () => {
      const r = (await hr('GET', `/api/offboardings/${employeeId}`)).body;
      return r.state === 'completed' && r;
    }, 'offboarding completed');
    const itUser = (await it('GET', '/api/me')).body;
    expect(done.items.find((i: any) => i.itemId === disk.itemId)).toMatchObject({
      state: 'destroyed', virusCheck: { result: 'infected', by: itUser.id }, disposedBy: itUser.id, disposedByName: itUser.displayName, disposalNote: 'drive shredded',
    });
    const [event] = await s.db.dataSource.query(`SELECT clauses FROM event_log WHERE type = 'return_item.updated' AND payload->>'state' = 'destroyed' AND payload->>'itemId' = $1`, [disk.itemId]);
    expect(event.clauses).toEqual(expect.arrayContaining(['INF-6', 'INF-13']));
  });

  it('INF-13, INF-6: a medium the leaver still has on loan is on their return checklist; received there, the loan records the return once and IT checks it through the register; the item and the loan close together', async () => {
    const { employeeIds: [employeeId] } = await departmentWithEmployees(s.events, 'loan-leaver-dept', 1);
    await userWith(s.events, 'leaver-l', ['employee'], { employeeId });
    const [hr, site, it] = await Promise.all(['hr', 'site', 'it'].map((u) => s.as(u)));
    const itemId = (await site('POST', '/api/media', { label: 'MR-DISK-LEAVER', kind: 'disk', room: 'Machine room 1' })).body.itemId;
    const lent = await site('POST', `/api/media/${itemId}/loans`, { borrowerUsername: 'leaver-l', dueAt: new Date(Date.now() + 48 * 3_600_000).toISOString(), purpose: 'Dialler update' });
    expect(lent.status).toBe(201);
    const { loanId } = lent.body;

    expect((await hr('POST', '/api/offboardings', { employeeId, reason: 'resigned', extraItems: [] })).status).toBe(201);
    const items = await until(async () => {
      const r = (await hr('GET', `/api/offboardings/${employeeId}`)).body;
      return r.items?.length === RETURN_ITEM_KINDS.length + 1 && r.items;
    }, 'checklist with the loan');
    const onLoan = items.find((i: any) => i.label === 'MR-DISK-LEAVER');
    expect(onLoan).toMatchObject({ kind: 'disks', state: 'pending' });
    const taskFor = (id: string, step: string) => until(async () => (await tasksOf(site)).find((t) => t.step === step && t.context.itemId === id), `${step} ${id}`);
    const check = await taskFor(onLoan.itemId, 'return_item');
    expect(check.context).toMatchObject({ loanId });
    for (const item of items) expect((await site('POST', `/api/tasks/${(await taskFor(item.itemId, 'return_item')).id}/complete`, { outcome: 'done', data: { status: 'received' } })).status).toBe(200);

    // The register records the return (by the on-site manager) and waits for IT; the checklist waits with it.
    const back = await until(async () => {
      const l = (await site('GET', `/api/media/loans/${loanId}`)).body;
      return l.openTask?.step === 'virus_check' && l;
    }, 'the loan waiting for its virus check');
    expect(back).toMatchObject({ state: 'virus_check', returnedBy: (await site('GET', '/api/me')).body.id });
    expect((await hr('GET', `/api/offboardings/${employeeId}`)).body).toMatchObject({ state: 'running' });
    expect((await it('POST', `/api/media/loans/${loanId}/virus-check`, { result: 'clean' })).status).toBe(200);

    const done = await until(async () => {
      const r = (await hr('GET', `/api/offboardings/${employeeId}`)).body;
      return r.state === 'completed' && r;
    }, 'offboarding completed');
    const itUser = (await it('GET', '/api/me')).body;
    expect(done.items.find((i: any) => i.itemId === onLoan.itemId)).toMatchObject({ state: 'received', virusCheck: { result: 'clean', by: itUser.id } });
    expect((await site('GET', `/api/media/loans/${loanId}`)).body).toMatchObject({ state: 'closed', virusResult: 'clean' });
    const returns = await s.db.dataSource.query(`SELECT count(*)::int AS n FROM event_log WHERE type = 'media.returned' AND subject = $1`, [`media-loan:${loanId}`]);
    expect(returns).toEqual([{ n: 1 }]);
  });
});
