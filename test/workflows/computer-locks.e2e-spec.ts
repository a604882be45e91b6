import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { dutyOccurrenceWorkflow } from '../../workflows/index.js';
import { createTimeSkippingEnv } from '../support/temporal.js';
import { decide, openTask, person, refusal, withWorker } from '../support/workflow-harness.js';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(async () => env?.teardown());

describe('the monthly re-check of the machine-room computers (time-skipping server)', () => {
  it('INF-6: a built-in duty gives IT a checklist each month; a lock not in place must be described, and the site manager may not answer it', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const handle = await env.client.workflow.start(dutyOccurrenceWorkflow, { taskQueue, workflowId: `duty-${randomUUID()}`, args: [{ dutyId: 'computer_locks', date: '2026-12-01' }] });
      const taskId = await openTask(handle, 'computer_locks');
      expect(fake.inputs('openTask')[0]!.task).toMatchObject({ kind: 'computer_locks_check', candidate: { role: 'it', departmentId: null }, escalation: { role: 'cc_manager' }, title: { en: expect.stringMatching(/^INF-6: /) } });
      const it1 = person('it1', ['it']);
      expect(await refusal(decide(handle, taskId, person('site1', ['site_manager']), 'done', { data: { allInPlace: true } }))).toBe('FORBIDDEN');
      expect(await refusal(decide(handle, taskId, it1, 'done', { data: { allInPlace: false } }))).toBe('VALIDATION_FAILED');
      await decide(handle, taskId, it1, 'done', { data: { allInPlace: false }, comment: 'MR-PC-12 had no BIOS password; set and recorded' });
      await expect(handle.result()).resolves.toMatchObject({ result: 'completed' });
      expect(fake.inputs('recordDutyCompleted')).toEqual([expect.objectContaining({ occurrenceId: 'computer_locks:2026-12-01', by: 'it1', data: { allInPlace: false } })]);
    });
  });
});
