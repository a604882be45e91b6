import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { hazardWorkflowId } from '../../libs/policy/hazards.js';
import { dutyOccurrenceWorkflow, hazardWorkflow } from '../../workflows/index.js';
import { createTimeSkippingEnv } from '../support/temporal.js';
import { decide, eventually, openTask, person, refusal, status, withWorker } from '../support/workflow-harness.js';

const site = person('site1', ['site_manager']);
const agent = person('agent1', ['employee']);
const allInOrder = { powerOk: true, wiringOk: true, socketsOk: true, plugsOk: true };

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(async () => env?.teardown());

describe('hazards (time-skipping server)', () => {
  it('EQ-2: a hazard written on an inspection goes to the machine-room managers at once and stays open, weeks later too, until one records it fixed', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const inspection = await env.client.workflow.start(dutyOccurrenceWorkflow, { taskQueue, workflowId: `duty-${randomUUID()}`, args: [{ dutyId: 'power_inspection', date: '2026-12-14' }] });
      const checklist = await openTask(inspection, 'power_inspection');
      // Something not in order needs a comment saying what.
      expect(await refusal(decide(inspection, checklist, site, 'done', { data: { ...allInOrder, socketsOk: false } }))).toBe('VALIDATION_FAILED');
      await decide(inspection, checklist, site, 'done', { data: { ...allInOrder, socketsOk: false, hazard: 'socket 4 behind rack B is scorched' }, comment: 'socket 4 scorched, unplugged' });
      await expect(inspection.result()).resolves.toMatchObject({ result: 'completed' });

      // The inspection is done; the hazard lives on as a workflow of its own.
      const hazard = env.client.workflow.getHandle(hazardWorkflowId('power_inspection:2026-12-14'));
      const fix = await openTask(hazard, 'fix');
      expect(fake.inputs('reportHazard')).toEqual([
        expect.objectContaining({ hazardId: 'power_inspection:2026-12-14', description: 'socket 4 behind rack B is scorched', reportedBy: 'site1', dutyId: 'power_inspection', clauses: ['EQ-2'] }),
      ]);
      expect(fake.inputs('openTask').at(-1)!.task).toMatchObject({ process: 'hazard', kind: 'hazard_fix', candidate: { role: 'site_manager' }, deadlineAt: null });

      // No deadline: thirty days on it is open still (escalated to the call-center manager after a day).
      await env.sleep('30 days');
      expect((await status(hazard)).openTasks.map((t) => t.taskId)).toEqual([fix]);
      expect(fake.inputs('escalateTask')).toContainEqual(expect.objectContaining({ taskId: fix, escalation: { role: 'cc_manager', departmentId: null } }));
      expect(fake.inputs('recordHazardFixed')).toEqual([]);

      expect(await refusal(decide(hazard, fix, agent, 'done', { data: { fixed: true, howFixed: 'x' } }))).toBe('FORBIDDEN');
      expect(await refusal(decide(hazard, fix, site, 'done', { data: { fixed: true } }))).toBe('VALIDATION_FAILED');
      await decide(hazard, fix, site, 'done', { data: { fixed: true, howFixed: 'socket replaced by the electrician' } });
      await expect(hazard.result()).resolves.toMatchObject({ hazardId: 'power_inspection:2026-12-14', fixedBy: 'site1' });
      expect(fake.inputs('recordHazardFixed')).toEqual([expect.objectContaining({ hazardId: 'power_inspection:2026-12-14', by: 'site1', howFixed: 'socket replaced by the electrician' })]);
    });
  });

  it('EQ-2: an inspection with everything in order reports no hazard', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const inspection = await env.client.workflow.start(dutyOccurrenceWorkflow, { taskQueue, workflowId: `duty-${randomUUID()}`, args: [{ dutyId: 'power_inspection', date: '2026-12-21' }] });
      await decide(inspection, await openTask(inspection, 'power_inspection'), site, 'done', { data: allInOrder });
      await expect(inspection.result()).resolves.toMatchObject({ result: 'completed' });
      expect(fake.inputs('reportHazard')).toEqual([]);
    });
  });

  it('EQ-4: a hazard an agent reports at once (the API starts the workflow) opens the managers task', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const hazardId = randomUUID();
      const hazard = await env.client.workflow.start(hazardWorkflow, {
        taskQueue,
        workflowId: hazardWorkflowId(hazardId),
        args: [{ hazardId, description: 'headset cable frayed at desk 12', reportedBy: 'agent1', dutyId: null, occurrenceId: null, clauses: ['EQ-4'] }],
      });
      const fix = await openTask(hazard, 'fix');
      await eventually(async () => fake.inputs('reportHazard').length === 1, 'reported');
      expect(fake.inputs('openTask')[0]!.task.title.en).toMatch(/^EQ-4: /);
      await decide(hazard, fix, site, 'done', { data: { fixed: true, howFixed: 'cable replaced' } });
      await expect(hazard.result()).resolves.toMatchObject({ fixedBy: 'site1' });
    });
  });

  it('EQ-7: a door or window found not secure goes to general affairs (security) as a task of its own, open until remedied', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const check = await env.client.workflow.start(dutyOccurrenceWorkflow, { taskQueue, workflowId: `duty-${randomUUID()}`, args: [{ dutyId: 'doors_windows', date: '2026-12-15' }] });
      await decide(check, await openTask(check, 'doors_windows'), site, 'done', { data: { secure: false, visitorNoticePosted: true }, comment: 'window latch of room 2 broken' });
      await expect(check.result()).resolves.toMatchObject({ result: 'completed' });
      const anomaly = env.client.workflow.getHandle(hazardWorkflowId('doors_windows:2026-12-15'));
      const task = await openTask(anomaly, 'fix');
      expect(fake.inputs('openTask').at(-1)!.task).toMatchObject({ kind: 'hazard_fix', candidate: { role: 'security', departmentId: null }, title: { en: 'EQ-7: door or window anomaly, to remedy' } });
      expect(fake.inputs('reportHazard')).toEqual([expect.objectContaining({ description: 'window latch of room 2 broken', clauses: ['EQ-7', 'INF-2'], to: 'security' })]);
      expect(await refusal(decide(anomaly, task, site, 'done', { data: { fixed: true, howFixed: 'x' } }))).toBe('FORBIDDEN');
      await decide(anomaly, task, person('guard1', ['security']), 'done', { data: { fixed: true, howFixed: 'latch replaced' } });
      await expect(anomaly.result()).resolves.toMatchObject({ fixedBy: 'guard1' });
    });
  });

  it('INF-2: the no-entry notice for visitors missing outside the machine room is an anomaly for general affairs (security), described on the check', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const check = await env.client.workflow.start(dutyOccurrenceWorkflow, { taskQueue, workflowId: `duty-${randomUUID()}`, args: [{ dutyId: 'doors_windows', date: '2026-12-16' }] });
      const taskId = await openTask(check, 'doors_windows');
      // Doors and windows in order, the notice not: the check must say what is wrong.
      expect(await refusal(decide(check, taskId, site, 'done', { data: { secure: true, visitorNoticePosted: false } }))).toBe('VALIDATION_FAILED');
      expect(await refusal(decide(check, taskId, site, 'done', { data: { secure: true } }))).toBe('VALIDATION_FAILED'); // the notice is asked every time
      await decide(check, taskId, site, 'done', { data: { secure: true, visitorNoticePosted: false }, comment: 'notice torn off the door' });
      await expect(check.result()).resolves.toMatchObject({ result: 'completed' });
      const anomaly = env.client.workflow.getHandle(hazardWorkflowId('doors_windows:2026-12-16'));
      await openTask(anomaly, 'fix');
      expect(fake.inputs('reportHazard')).toEqual([expect.objectContaining({ description: 'notice torn off the door', clauses: ['EQ-7', 'INF-2'], to: 'security' })]);
      await decide(anomaly, await openTask(anomaly, 'fix'), person('guard1', ['security']), 'done', { data: { fixed: true, howFixed: 'new notice posted' } });
      await expect(anomaly.result()).resolves.toMatchObject({ fixedBy: 'guard1' });
    });
  });
});
