import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { mediaLoanWorkflowId, type MediaLoanInput } from '../../libs/policy/media.js';
import { returnMediaUpdate } from '../../libs/policy/messages.js';
import { mediaLoanWorkflow } from '../../workflows/index.js';
import { createTimeSkippingEnv, updateStamp } from '../support/temporal.js';
import { decide, openTask, person, refusal, status, withWorker } from '../support/workflow-harness.js';

const it1 = person('it1', ['it']);
const it2 = person('it2', ['it']);
const sec1 = person('sec1', ['security']);

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(async () => env?.teardown());

async function lend(taskQueue: string, borrowerUserId: string, dueInMs: number) {
  const loanId = randomUUID();
  const input: MediaLoanInput = {
    loanId, itemId: randomUUID(), label: 'MR-DISK-03', kind: 'disk', borrowerUserId, lentBy: 'site1',
    dueAt: new Date((await env.currentTimeMs()) + dueInMs).toISOString(), purpose: 'dialler update',
  };
  return { loanId, handle: await env.client.workflow.start(mediaLoanWorkflow, { taskQueue, workflowId: mediaLoanWorkflowId(loanId), args: [input] }) };
}
const giveBack = async (handle: Awaited<ReturnType<typeof lend>>['handle'], loanId: string, by: string) =>
  handle.executeUpdate(returnMediaUpdate, { args: [{ loanId, by, note: null, ...(await updateStamp()) }] });

describe('media loans (time-skipping server)', () => {
  it('INF-6: a loan still out at its due time is flagged overdue once and the people concerned told; it waits on, weeks later too, until returned', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const { loanId, handle } = await lend(taskQueue, 'agent1', 48 * 3_600_000);
      await env.sleep('47 hours');
      expect(fake.inputs('recordLoanOverdue')).toEqual([]);
      await env.sleep('30 days');
      expect(await status(handle)).toMatchObject({ state: 'out', overdue: true, openTasks: [] });
      expect(fake.inputs('recordLoanOverdue')).toEqual([expect.objectContaining({ loanId })]);
      expect(fake.inputs('notify')).toEqual([
        expect.objectContaining({ recipients: [{ userId: 'agent1' }, { userId: 'site1' }, { role: 'site_manager', departmentId: null }], title: expect.objectContaining({ en: 'INF-6: The lent machine-room medium "MR-DISK-03" is overdue' }) }),
      ]);
      // Not from the borrower; then once.
      expect(await refusal(giveBack(handle, loanId, 'agent1'))).toBe('SEPARATION_OF_DUTIES');
      await giveBack(handle, loanId, 'site1');
      expect(await refusal(giveBack(handle, loanId, 'site1'))).toBe('ALREADY_DECIDED');
      await decide(handle, await openTask(handle, 'virus_check'), it1, 'done', { data: { result: 'clean' } });
      await expect(handle.result()).resolves.toEqual({ loanId, result: 'clean' });
      expect(fake.inputs('recordMediaVirusCheck')).toEqual([expect.objectContaining({ loanId, by: 'it1', result: 'clean' })]);
    });
  });

  it('INF-6: infected on return: quarantined through the shared path (IT and security told, a task each at once), open until IT records it cleaned and security has reviewed it; the borrower may neither check it nor record it cleaned', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const { loanId, handle } = await lend(taskQueue, 'it1', 24 * 3_600_000);
      await giveBack(handle, loanId, 'site1');
      const scan = await openTask(handle, 'virus_check');
      expect(fake.inputs('openTask').at(-1)!.task).toMatchObject({ process: 'media_loan', kind: 'virus_check', candidate: { role: 'it' }, excluded: [{ userId: 'it1', reason: 'borrower' }] });
      expect(await refusal(decide(handle, scan, it1, 'done', { data: { result: 'clean' } }))).toBe('SEPARATION_OF_DUTIES');
      await decide(handle, scan, it2, 'done', { data: { result: 'infected' } });
      const disposal = await openTask(handle, 'quarantine_disposal');
      expect(await status(handle)).toMatchObject({ state: 'quarantined' });
      expect(fake.inputs('notify').at(-1)).toMatchObject({ subject: `media-loan:${loanId}`, recipients: [{ role: 'it', departmentId: null }, { role: 'security', departmentId: null }] });
      const review = await openTask(handle, 'quarantine_review');
      await env.sleep('10 days');
      expect((await status(handle)).openTasks.map((t) => t.taskId)).toEqual([disposal, review]);
      expect(fake.inputs('escalateTask')).toContainEqual(expect.objectContaining({ taskId: disposal, escalation: { role: 'cc_manager', departmentId: null } }));
      expect(fake.inputs('escalateTask')).toContainEqual(expect.objectContaining({ taskId: review, escalation: { role: 'cc_manager', departmentId: null } }));
      expect(await refusal(decide(handle, disposal, it1, 'done', { data: { disposition: 'cleaned' } }))).toBe('SEPARATION_OF_DUTIES');
      expect(await refusal(decide(handle, review, it2, 'done', { data: { heldAt: 'rack 2' } }))).toBe('FORBIDDEN'); // not security
      // Security reviews first; the loan still waits for IT.
      await decide(handle, review, sec1, 'done', { data: { heldAt: 'security office safe' } });
      expect(await status(handle)).toMatchObject({ state: 'quarantined' });
      expect(fake.inputs('recordMediaDisposal')).toEqual([]);
      await decide(handle, disposal, it2, 'done', { data: { disposition: 'cleaned' }, comment: 'rescanned after wipe' });
      await expect(handle.result()).resolves.toEqual({ loanId, result: 'cleaned' });
      expect(fake.inputs('recordMediaDisposal')).toEqual([expect.objectContaining({ loanId, by: 'it2', disposition: 'cleaned', note: 'rescanned after wipe' })]);
    });
  });

  it('INF-6: a security person who borrowed the infected medium may not review its quarantine', async () => {
    await withWorker(env, async (taskQueue) => {
      const { loanId, handle } = await lend(taskQueue, 'sec1', 24 * 3_600_000);
      await giveBack(handle, loanId, 'site1');
      await decide(handle, await openTask(handle, 'virus_check'), it1, 'done', { data: { result: 'infected' } });
      const review = await openTask(handle, 'quarantine_review');
      expect(await refusal(decide(handle, review, sec1, 'done', { data: { heldAt: 'my desk' } }))).toBe('SEPARATION_OF_DUTIES');
      await decide(handle, review, person('sec2', ['security']), 'done', { data: { heldAt: 'security office safe', sealNumber: 'S-7' } });
      await decide(handle, await openTask(handle, 'quarantine_disposal'), it1, 'done', { data: { disposition: 'destroyed' } });
      await expect(handle.result()).resolves.toEqual({ loanId, result: 'destroyed' });
    });
  });
});
