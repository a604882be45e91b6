import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { days } from '../../libs/policy/durations.js';
import { DEFAULT_RULES_SETTINGS, rulesAcknowledgementWorkflowId, type RulesAcknowledgementInput } from '../../libs/policy/rules.js';
import { rulesAcknowledgementWorkflow } from '../../workflows/index.js';
import { createFakeActivities, RULES } from '../support/fake-activities.js';
import { createTimeSkippingEnv } from '../support/temporal.js';
import { decide, eventually, person, refusal, withWorker } from '../support/workflow-harness.js';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(async () => env?.teardown());

describe('yearly rules acknowledgement workflow (time-skipping server)', () => {
  it('EQ-5, SYS-3, SYS-4, AID-1: acknowledged with the text version and hash by the employee alone, overdue escalated to their supervisor, and asked again a year later', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const employeeId = `emp-${randomUUID()}`;
      const input: RulesAcknowledgementInput = { employeeId, employeeUserId: 'newhire1', departmentId: 'dep-1', settings: DEFAULT_RULES_SETTINGS };
      const handle = await env.client.workflow.start(rulesAcknowledgementWorkflow, { taskQueue, workflowId: rulesAcknowledgementWorkflowId(employeeId), args: [input] });
      const tasksOf = () => fake.inputs('openTask').filter((i) => i.task.step === 'rules_acknowledgement' && i.task.processKey === employeeId).map((i) => i.task);
      const first = await eventually(async () => tasksOf()[0], 'the first acknowledgement task');
      expect(first).toMatchObject({ kind: 'rules_acknowledgement', assigneeUserId: 'newhire1', expected: { rulesVersion: RULES.version, textHash: RULES.textHash }, title: { en: expect.stringMatching(/^EQ-5, SYS-3, SYS-4, AID-1: /) } });

      const me = person('newhire1', ['employee'], 'dep-1');
      const data = { rulesVersion: RULES.version, textHash: RULES.textHash, rulesAcknowledged: true };
      expect(await refusal(decide(handle, first.taskId, person('sup1', ['supervisor'], 'dep-1'), 'done', { data }))).toBe('FORBIDDEN'); // nobody acknowledges for them
      expect(await refusal(decide(handle, first.taskId, me, 'done', { data: { ...data, textHash: 'f'.repeat(64) } }))).toBe('VALIDATION_FAILED'); // another text
      expect(await refusal(decide(handle, first.taskId, me, 'done', { data: { rulesVersion: RULES.version, textHash: RULES.textHash } }))).toBe('VALIDATION_FAILED'); // not confirmed

      // Overdue: at its due time the task escalates to the department's supervisor (their inbox shows it).
      await env.sleep(DEFAULT_RULES_SETTINGS.dueMs + 1000);
      await eventually(async () => fake.inputs('escalateTask').find((i) => i.taskId === first.taskId), 'escalation');
      expect(fake.inputs('escalateTask').find((i) => i.taskId === first.taskId)).toMatchObject({ escalation: { role: 'supervisor', departmentId: 'dep-1' } });

      await decide(handle, first.taskId, me, 'done', { data });
      const recorded = await eventually(async () => fake.inputs('recordRulesAcknowledgement' as never)[0] as any, 'acknowledgement recorded');
      expect(recorded).toMatchObject({ employeeId, userId: 'newhire1', version: RULES.version, textHash: RULES.textHash });
      expect(Date.parse(recorded.nextDueAt) - Date.parse(recorded.acknowledgedAt)).toBe(days(365));

      // Nothing more is asked within the year; a year later a new task opens.
      await env.sleep(days(300));
      expect(tasksOf()).toHaveLength(1);
      await env.sleep(days(66));
      const second = await eventually(async () => tasksOf()[1], 'the next year task');
      expect(second.taskId).not.toBe(first.taskId);
      expect(second.assigneeUserId).toBe('newhire1');
      await handle.terminate();
      expect(fake.duplicateKeys()).toEqual([]);
    });
  });

  it('EQ-5, SYS-3, SYS-4, AID-1: started with the onboarding, the cycle asks nothing while the hire is pending, asks once they are active, and ends for a leaver', async () => {
    let employee: 'pending' | 'active' | 'gone' = 'pending';
    const fake = createFakeActivities();
    Object.assign(fake.acts, { rulesCycle: async () => ({ ...RULES, employee }) });
    await withWorker(env, async (taskQueue) => {
      const employeeId = `emp-${randomUUID()}`;
      const input: RulesAcknowledgementInput = { employeeId, employeeUserId: 'newhire2', departmentId: 'dep-1', settings: DEFAULT_RULES_SETTINGS };
      const handle = await env.client.workflow.start(rulesAcknowledgementWorkflow, { taskQueue, workflowId: rulesAcknowledgementWorkflowId(employeeId), args: [input] });
      await env.sleep(days(2));
      expect(fake.inputs('openTask')).toEqual([]);
      employee = 'active';
      await env.sleep(days(1));
      const task = await eventually(async () => fake.inputs('openTask')[0]?.task, 'asked once active');
      await decide(handle, task.taskId, person('newhire2', ['employee'], 'dep-1'), 'done', { data: { rulesVersion: RULES.version, textHash: RULES.textHash, rulesAcknowledged: true } });
      employee = 'gone';
      await env.sleep(days(366));
      await expect(handle.result()).resolves.toBeUndefined();
      expect(fake.inputs('openTask')).toHaveLength(1);
    }, fake);
  });
});
