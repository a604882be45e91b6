import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { dutyAssignmentWorkflowId } from '../../libs/policy/duties.js';
import { hazardWorkflowId } from '../../libs/policy/hazards.js';
import { dutyOccurrenceWorkflow } from '../../workflows/index.js';
import { createTimeSkippingEnv } from '../support/temporal.js';
import { decide, eventually, openTask, person, refusal, withWorker } from '../support/workflow-harness.js';

const agent1 = person('agent1', ['employee']);
const agent2 = person('agent2', ['employee']);
const site = person('site1', ['site_manager']);

// A time-skipping server per test: with child workflows of an earlier test in its history, the server's
// skipped clock was seen to stall a later test's env.sleep.
let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await createTimeSkippingEnv();
});
afterEach(async () => env?.teardown());

/** The child of one agent's part (the occurrence and the agent's user id). */
const occurrences = new Map<string, string>();
const part = (occurrence: { workflowId: string }, userId: string) => env.client.workflow.getHandle(dutyAssignmentWorkflowId(occurrences.get(occurrence.workflowId)!, userId));
/** The id of an agent's open task of `step`, once the occurrence has started that agent's part. */
const partTask = async (occurrence: { workflowId: string }, userId: string, step: string) => {
  await eventually(async () => part(occurrence, userId).describe().then(() => true, () => false), `the part of ${userId}`);
  return openTask(part(occurrence, userId), step);
};

describe('per-agent duties (time-skipping server)', () => {
  it('EQ-4: each active agent gets an end-of-work check of their own; one done late makes the day late; a hazard one could not fix goes to the managers at once', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const day = await env.client.workflow.start(dutyOccurrenceWorkflow, { taskQueue, workflowId: `duty-${randomUUID()}`, args: [{ dutyId: 'agent_equipment_check', date: '2026-12-14' }] });
      occurrences.set(day.workflowId, 'agent_equipment_check:2026-12-14');
      const first = await partTask(day, 'agent1', 'agent_equipment_check');
      const second = await partTask(day, 'agent2', 'agent_equipment_check');
      expect(fake.inputs('openTask').map((i) => [i.task.kind, i.task.assigneeUserId])).toEqual(
        expect.arrayContaining([
          ['equipment_check', 'agent1'],
          ['equipment_check', 'agent2'],
        ]),
      );
      // One agent's check is theirs alone.
      expect(await refusal(decide(part(day, 'agent1'), first, agent2, 'done', { data: { equipmentOk: true } }))).toBe('FORBIDDEN');
      await decide(part(day, 'agent1'), first, agent1, 'done', { data: { equipmentOk: true } });
      await env.sleep('61 minutes');
      await eventually(async () => fake.inputs('recordDutyLate').length === 1, 'the day recorded late');
      await decide(part(day, 'agent2'), second, agent2, 'done', { data: { equipmentOk: false, hazard: 'monitor power cable hot to the touch' }, comment: 'could not fix it' });
      await expect(day.result()).resolves.toMatchObject({ result: 'completed', late: true, occurrenceId: 'agent_equipment_check:2026-12-14' });
      expect(fake.inputs('recordDutyAssignment')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ userId: 'agent1', state: 'completed', late: false }),
          expect.objectContaining({ userId: 'agent2', state: 'completed', late: true, data: expect.objectContaining({ hazard: 'monitor power cable hot to the touch' }) }),
        ]),
      );
      expect(fake.inputs('recordDutyCompleted')).toEqual([expect.objectContaining({ late: true, data: { agents: 2, late: ['agent2'], missed: [] } })]);
      // EQ-4: the hazard is the managers' now, open until fixed.
      const hazard = env.client.workflow.getHandle(hazardWorkflowId('agent_equipment_check:2026-12-14:agent2'));
      const fix = await openTask(hazard, 'fix');
      expect(fake.inputs('reportHazard')).toEqual([expect.objectContaining({ reportedBy: 'agent2', clauses: ['EQ-4'] })]);
      await decide(hazard, fix, site, 'done', { data: { fixed: true, howFixed: 'cable replaced' } });
      await expect(hazard.result()).resolves.toMatchObject({ fixedBy: 'site1' });
    });
  });

  it('INF-11: each agent hands in the notes and the on-site manager confirms; a receipt confirmed after the due time is late for both; an agent who never hands in is missed', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const day = await env.client.workflow.start(dutyOccurrenceWorkflow, { taskQueue, workflowId: `duty-${randomUUID()}`, args: [{ dutyId: 'notes_handin', date: '2026-12-15' }] });
      occurrences.set(day.workflowId, 'notes_handin:2026-12-15');
      const handIn = await partTask(day, 'agent1', 'notes_handin');
      await partTask(day, 'agent2', 'notes_handin');
      await decide(part(day, 'agent1'), handIn, agent1, 'done', { data: { handedIn: true, sheets: '3 sheets' } });
      const receipt = await partTask(day, 'agent1', 'receipt');
      expect(fake.inputs('openTask').find((i) => i.task.kind === 'notes_receipt')!.task).toMatchObject({ candidate: { role: 'site_manager' } });
      // Handed in on time, but nobody has confirmed it by the due time.
      await env.sleep('61 minutes');
      await eventually(async () => fake.inputs('recordDutyLate').length === 1, 'late');
      await decide(part(day, 'agent1'), receipt, site, 'done', { data: { received: true } });
      await expect(part(day, 'agent1').result()).resolves.toEqual({ userId: 'agent1', state: 'completed', late: true, confirmedBy: 'site1' });
      // agent2 never hands in: missed at the deadline, and with it the day.
      await env.sleep('25 hours');
      await expect(day.result()).resolves.toMatchObject({ result: 'missed', late: true });
      expect(fake.inputs('recordDutyAssignment')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ userId: 'agent1', state: 'completed', late: true, confirmedBy: 'site1' }),
          expect.objectContaining({ userId: 'agent2', state: 'missed', late: true, confirmedBy: null }),
        ]),
      );
      expect(fake.inputs('recordDutyMissed')).toHaveLength(1);
    });
  });

  it('INF-11: an agent may not confirm the receipt of their own notes', async () => {
    await withWorker(env, async (taskQueue) => {
      const day = await env.client.workflow.start(dutyOccurrenceWorkflow, { taskQueue, workflowId: `duty-${randomUUID()}`, args: [{ dutyId: 'notes_handin', date: '2026-12-16' }] });
      occurrences.set(day.workflowId, 'notes_handin:2026-12-16');
      const own = part(day, 'agent1');
      await decide(own, await partTask(day, 'agent1', 'notes_handin'), agent1, 'done', { data: { handedIn: true } });
      const receipt = await openTask(own, 'receipt');
      const selfConfirm = person('agent1', ['employee', 'site_manager']);
      expect(await refusal(decide(own, receipt, selfConfirm, 'done', { data: { received: true } }))).toBe('SEPARATION_OF_DUTIES');
      await day.terminate('test over');
    });
  });
});
