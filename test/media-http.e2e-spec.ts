import { randomUUID } from 'node:crypto';
import { TASK_FORMS } from '../libs/policy/index.js';
import { userWith } from './support/directory.js';
import { startProcessStack, until, type ProcessStack } from './support/process-stack.js';

/*
 * The lending register of machine-room media (INF-6) through the whole system: lent over HTTP, a
 * mediaLoanWorkflow per loan on the real dev server, the return as an Update, IT's virus check and the
 * quarantine disposal as the loan's tasks (the same quarantine path as a leaver's infected disk).
 */

let s: ProcessStack;
beforeAll(async () => {
  s = await startProcessStack();
});
afterAll(async () => s?.close());

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const idOf = async (username: string): Promise<string> => (await s.db.dataSource.query(`SELECT id FROM users WHERE username = $1`, [username]))[0].id;
const eventsOf = async (loanId: string): Promise<string[]> =>
  (await s.db.dataSource.query(`SELECT type FROM event_log WHERE subject = $1 ORDER BY seq`, [`media-loan:${loanId}`])).map((r: { type: string }) => r.type);

async function register(label: string, kind = 'disk'): Promise<string> {
  const site = await s.as('site');
  const r = await site('POST', '/api/media', { label, kind, room: 'Machine room 1' });
  expect(r.status).toBe(201);
  return r.body.itemId;
}

describe('the media lending register over HTTP', () => {
  it('INF-6: lent to a named person, returned, virus-checked clean by IT: the loan closes and the item is available again', async () => {
    const [site, it] = await Promise.all(['site', 'it'].map((u) => s.as(u)));
    const itemId = await register('MR-DISK-01');
    const lent = await site('POST', `/api/media/${itemId}/loans`, { borrowerUsername: 'agent1', dueAt: inHours(48), purpose: 'Install the dialler update' });
    expect(lent.status).toBe(201);
    const { loanId } = lent.body;
    expect(lent.body).toMatchObject({ itemId, label: 'MR-DISK-01', kind: 'disk', borrowerUserId: await idOf('agent1'), lentBy: await idOf('site'), state: 'out', overdue: false, purpose: 'Install the dialler update' });
    expect((await it('GET', '/api/media')).body.items).toContainEqual(expect.objectContaining({ itemId, state: 'lent', openLoanId: loanId }));

    // Not checked before it is back.
    expect((await it('POST', `/api/media/loans/${loanId}/virus-check`, { result: 'clean' })).status).toBe(409);
    const back = await site('POST', `/api/media/loans/${loanId}/return`, { note: 'case intact' });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ state: 'virus_check', returnedBy: await idOf('site'), returnNote: 'case intact' });
    expect((await site('POST', `/api/media/loans/${loanId}/return`, {})).status).toBe(409);

    const waiting = await until(async () => ((await it('GET', `/api/media/loans/${loanId}`)).body.openTask?.step === 'virus_check' ? true : null), 'virus check task');
    expect(waiting).toBe(true);
    // The virus check is IT's: the machine-room manager who received it may not record it.
    expect((await site('POST', `/api/media/loans/${loanId}/virus-check`, { result: 'clean' })).status).toBe(403);
    expect((await it('POST', `/api/media/loans/${loanId}/virus-check`, { result: 'clean' })).status).toBe(200);
    const closed = await until(async () => {
      const l = (await it('GET', `/api/media/loans/${loanId}`)).body;
      return l.state === 'closed' ? l : null;
    }, 'closed');
    expect(closed).toMatchObject({ virusResult: 'clean', virusCheckedBy: await idOf('it'), disposition: null, closedAt: expect.any(String), openTask: null });
    expect((await it('GET', '/api/media')).body.items).toContainEqual(expect.objectContaining({ itemId, state: 'available', openLoanId: null }));
    expect(await eventsOf(loanId)).toEqual(expect.arrayContaining(['media.lent', 'media.returned', 'media.virus_checked']));
    expect(await s.db.dataSource.query(`SELECT DISTINCT clauses FROM event_log WHERE subject = $1 AND type LIKE 'media.%'`, [`media-loan:${loanId}`])).toEqual([{ clauses: ['INF-6'] }]);
  });

  it('INF-6: an item returned infected is quarantined, not received: IT and security each get a task; the loan stays open until IT records it destroyed and security has reviewed it; the borrower (a guard) may not review it, nor may IT', async () => {
    await userWith(s.events, 'guard-borrower', ['security']);
    const [site, it, security, borrower] = await Promise.all(['site', 'it', 'security', 'guard-borrower'].map((u) => s.as(u)));
    const itemId = await register('MR-CD-07', 'cd');
    const { loanId } = (await it('POST', `/api/media/${itemId}/loans`, { borrowerUsername: 'guard-borrower', dueAt: inHours(24), purpose: 'Restore the training recordings' })).body;
    await site('POST', `/api/media/loans/${loanId}/return`, {});
    await until(async () => ((await it('GET', `/api/media/loans/${loanId}`)).body.openTask?.step === 'virus_check' ? true : null), 'virus check task');
    expect((await it('POST', `/api/media/loans/${loanId}/virus-check`, { result: 'infected' })).status).toBe(200);

    const quarantined = await until(async () => {
      const l = (await it('GET', `/api/media/loans/${loanId}`)).body;
      return l.state === 'quarantined' && l.openTask?.step === 'quarantine_disposal' ? l : null;
    }, 'quarantined with a disposal task');
    expect(quarantined).toMatchObject({ virusResult: 'infected', closedAt: null });
    expect((await it('GET', '/api/media')).body.items).toContainEqual(expect.objectContaining({ itemId, state: 'quarantined', openLoanId: loanId }));
    // The same treatment as an infected disk on a leaver's checklist: IT's quarantine_disposal task, security told.
    const task = (await it('GET', '/api/tasks?myRoles=true&kind=quarantine_disposal')).body.items.find((t: { processId: string }) => t.processId === loanId);
    expect(task).toMatchObject({ processType: 'media_loan', title: { en: 'INF-6: Clean or destroy the infected returned medium "MR-CD-07" (quarantined)', zh: 'INF-6：清除或销毁已隔离的感染介质“MR-CD-07”' } });
    const told = await s.db.dataSource.query(`SELECT recipient_role FROM notifications WHERE subject = $1 ORDER BY recipient_role`, [`media-loan:${loanId}`]);
    expect(told.map((n: { recipient_role: string }) => n.recipient_role)).toEqual(expect.arrayContaining(['it', 'security']));
    expect((await security('GET', '/api/media')).body.loans).toContainEqual(expect.objectContaining({ loanId, state: 'quarantined' }));

    // Quarantined: it cannot be lent again.
    const again = await site('POST', `/api/media/${itemId}/loans`, { borrowerUsername: 'agent1', dueAt: inHours(24), purpose: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/quarantined/);

    expect((await it('POST', `/api/media/loans/${loanId}/disposal`, { disposition: 'burnt' })).status).toBe(400);
    // Security's own task, beside IT's: decided in the inbox with its declared form.
    const review = await until(async () => (await security('GET', '/api/tasks?myRoles=true&kind=quarantine_review')).body.items.find((t: { processId: string }) => t.processId === loanId), 'security review task');
    expect(review).toMatchObject({ processType: 'media_loan', step: 'quarantine_review', form: TASK_FORMS.quarantine_review, title: { en: expect.stringMatching(/^INF-6: Security review of the quarantined medium "MR-CD-07"/) } });
    const held = { outcome: 'done', data: { heldAt: 'Security office safe', sealNumber: 'S-0107' } };
    const tried = async (who: typeof it) => {
      const r = await who('POST', `/api/tasks/${review.id}/complete`, held);
      return [r.status, r.body.code];
    };
    expect(await tried(borrower)).toEqual([403, 'SEPARATION_OF_DUTIES']); // the borrower, though security
    expect(await tried(it)).toEqual([403, 'FORBIDDEN']); // the lender sees the loan's tasks, but is not security
    expect((await security('POST', `/api/tasks/${review.id}/complete`, { outcome: 'done', data: {} })).status).toBe(400); // where it is held is required

    expect((await it('POST', `/api/media/loans/${loanId}/disposal`, { disposition: 'destroyed', note: 'shredded' })).status).toBe(200);
    // IT is done, security is not: the loan stays open, waiting for the review.
    const reviewing = await until(async () => {
      const l = (await it('GET', `/api/media/loans/${loanId}`)).body;
      return l.openTask?.step === 'quarantine_review' ? l : null;
    }, 'waiting for the review');
    expect(reviewing).toMatchObject({ state: 'quarantined', closedAt: null });
    expect((await it('POST', `/api/media/loans/${loanId}/disposal`, { disposition: 'cleaned' })).status).toBe(409);
    expect((await security('POST', `/api/tasks/${review.id}/complete`, held)).status).toBe(200);
    const closed = await until(async () => {
      const l = (await it('GET', `/api/media/loans/${loanId}`)).body;
      return l.state === 'closed' ? l : null;
    }, 'closed after disposal');
    expect(closed).toMatchObject({ disposition: 'destroyed', disposedBy: await idOf('it'), disposalNote: 'shredded' });
    expect((await it('GET', '/api/media')).body.items).toContainEqual(expect.objectContaining({ itemId, state: 'destroyed', openLoanId: null }));
    expect((await site('POST', `/api/media/${itemId}/loans`, { borrowerUsername: 'agent1', dueAt: inHours(24), purpose: 'x' })).status).toBe(409);
    expect(await eventsOf(loanId)).toEqual(expect.arrayContaining(['media.lent', 'media.returned', 'media.virus_checked', 'media.disposed']));
  });

  it('INF-6: a loan past its due time is flagged overdue by its workflow, and the borrower, the lender and the machine-room managers are told', async () => {
    const site = await s.as('site');
    const itemId = await register('MR-USB-02', 'usb_drive');
    const { loanId } = (await site('POST', `/api/media/${itemId}/loans`, { borrowerUsername: 'agent1', dueAt: new Date(Date.now() + 2_000).toISOString(), purpose: 'Copy the IVR prompts' })).body;
    const flagged = await until(async () => {
      const l = (await site('GET', `/api/media/loans/${loanId}`)).body;
      return l.overdueFlaggedAt ? l : null;
    }, 'flagged overdue');
    expect(flagged).toMatchObject({ state: 'out', overdue: true });
    // The notice is the workflow's next step after the flag.
    const told = await until(async () => {
      const rows = await s.db.dataSource.query(`SELECT recipient_user_id, recipient_role, title_en FROM notifications WHERE subject = $1`, [`media-loan:${loanId}`]);
      return rows.length ? rows : null;
    }, 'overdue notice');
    expect(told).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ recipient_user_id: await idOf('agent1'), title_en: 'INF-6: The lent machine-room medium "MR-USB-02" is overdue' }),
        expect.objectContaining({ recipient_user_id: await idOf('site') }),
        expect.objectContaining({ recipient_role: 'site_manager' }),
      ]),
    );
    // Overdue first in the register; still returnable, then checked as usual.
    expect((await site('GET', '/api/media')).body.loans[0]).toMatchObject({ loanId, overdue: true });
    expect((await site('POST', `/api/media/loans/${loanId}/return`, {})).status).toBe(200);
    expect(await eventsOf(loanId)).toEqual(expect.arrayContaining(['media.lent', 'media.loan_overdue', 'media.returned']));
  });

  it('INF-6 separation of duties and malformed input: nobody lends to themselves or checks what they borrowed; other roles, bad bodies and unknown items are refused with a message', async () => {
    const [site, it, agent1, ccm, auditor] = await Promise.all(['site', 'it', 'agent1', 'ccmanager', 'auditor'].map((u) => s.as(u)));
    const itemId = await register('MR-TAPE-01', 'tape');

    const self = await it('POST', `/api/media/${itemId}/loans`, { borrowerUsername: 'it', dueAt: inHours(24), purpose: 'backup' });
    expect(self.status).toBe(403);
    expect(self.body).toMatchObject({ code: 'SEPARATION_OF_DUTIES', message: expect.stringMatching(/yourself/) });

    // Other departments and roles: an agent, the call-center manager (reads only) and the auditor may not lend or register.
    for (const who of [agent1, ccm, auditor]) {
      expect((await who('POST', `/api/media/${itemId}/loans`, { borrowerUsername: 'agent2', dueAt: inHours(24), purpose: 'x' })).status).toBe(403);
      expect((await who('POST', '/api/media', { label: 'MR-DISK-99', kind: 'disk', room: 'x' })).status).toBe(403);
    }
    expect((await agent1('GET', '/api/media')).status).toBe(403);
    expect((await ccm('GET', '/api/media')).status).toBe(200);

    // Malformed input: 400 with a message saying what to fix.
    for (const body of [
      { label: '  ', kind: 'disk', room: 'x' },
      { label: 'MR-X', kind: 'floppy', room: 'x' },
      { label: 'MR-X', kind: 'disk' },
    ]) {
      const r = await site('POST', '/api/media', body);
      expect(r.status).toBe(400);
      expect(String(r.body.message)).not.toBe('');
    }
    expect((await site('POST', '/api/media', { label: 'mr-tape-01', kind: 'tape', room: 'x' })).status).toBe(409); // a label is used once
    for (const body of [
      { borrowerUsername: 'agent2', dueAt: 'tomorrow', purpose: 'x' },
      { borrowerUsername: 'agent2', dueAt: new Date(Date.now() - 60_000).toISOString(), purpose: 'x' },
      { borrowerUsername: 'agent2', dueAt: inHours(24 * 200), purpose: 'x' },
      { borrowerUsername: 'agent2', dueAt: inHours(24) },
      { borrowerUsername: 'nobody-here', dueAt: inHours(24), purpose: 'x' },
      { dueAt: inHours(24), purpose: 'x' },
    ]) {
      const r = await site('POST', `/api/media/${itemId}/loans`, body);
      expect({ body, status: r.status }).toEqual({ body, status: 400 });
      expect(String(r.body.message)).not.toBe('');
    }
    expect((await site('POST', '/api/media/not-a-uuid/loans', { borrowerUsername: 'agent2', dueAt: inHours(24), purpose: 'x' })).status).toBe(400);
    const unknown = await site('POST', `/api/media/${randomUUID()}/loans`, { borrowerUsername: 'agent2', dueAt: inHours(24), purpose: 'x' });
    expect(unknown.status).toBe(404);
    expect((await site('GET', `/api/media/loans/${randomUUID()}`)).status).toBe(404);
    expect((await site('POST', `/api/media/loans/${randomUUID()}/return`, {})).status).toBe(404);

    // Double lend: 409.
    const first = await site('POST', `/api/media/${itemId}/loans`, { borrowerUsername: 'it', dueAt: inHours(24), purpose: 'restore test' });
    expect(first.status).toBe(201);
    const second = await site('POST', `/api/media/${itemId}/loans`, { borrowerUsername: 'agent2', dueAt: inHours(24), purpose: 'x' });
    expect(second.status).toBe(409);
    expect(second.body.message).toMatch(/out on another loan/);

    // The borrower (here an IT person) neither receives it back nor virus-checks it.
    const loanId = first.body.loanId;
    const ownReturn = await it('POST', `/api/media/loans/${loanId}/return`, {});
    expect(ownReturn.status).toBe(403);
    expect(ownReturn.body.code).toBe('SEPARATION_OF_DUTIES');
    expect((await site('POST', `/api/media/loans/${loanId}/return`, {})).status).toBe(200);
    await until(async () => ((await it('GET', `/api/media/loans/${loanId}`)).body.openTask?.step === 'virus_check' ? true : null), 'virus check task');
    const ownCheck = await it('POST', `/api/media/loans/${loanId}/virus-check`, { result: 'clean' });
    expect(ownCheck.status).toBe(403);
    expect(ownCheck.body).toMatchObject({ code: 'SEPARATION_OF_DUTIES', message: expect.stringMatching(/borrowed/) });
    expect((await site('POST', `/api/media/loans/${loanId}/virus-check`, { result: 'clean' })).status).toBe(403);
    // Another IT person checks it.
    await userWith(s.events, 'it2', ['it']);
    const it2 = await s.as('it2', 'demo-password');
    expect((await it2('POST', `/api/media/loans/${loanId}/virus-check`, { result: 'maybe' })).status).toBe(400);
    expect((await it2('POST', `/api/media/loans/${loanId}/virus-check`, { result: 'clean' })).status).toBe(200);
  });
});
