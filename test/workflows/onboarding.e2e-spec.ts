import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { days, hours, onboardingWorkflowId, type OnboardingInput, type OnboardingStatus } from '../../libs/policy/index.js';
import { onboardingWorkflow } from '../../workflows/index.js';
import { AGREEMENT, DEP1, onboardingInput } from '../support/process-inputs.js';
import { createTimeSkippingEnv } from '../support/temporal.js';
import { decide, eventually, openTask, person, refusal, status, withWorker } from '../support/workflow-harness.js';

const hr = person('hr1', ['hr']);
const it1 = person('it1', ['it']);
const signature = { agreementVersion: AGREEMENT.version, textHash: AGREEMENT.textHash };

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(async () => env?.teardown());

const start = (taskQueue: string, input: OnboardingInput) =>
  env.client.workflow.start(onboardingWorkflow, { taskQueue, workflowId: onboardingWorkflowId(input.employeeId), args: [input] });

describe('onboarding workflow (time-skipping server)', () => {
  it('INF-10, INF-11, AID-1, INF-7, SYS-2, EQ-3: agreement signed with version and text hash, one agent ID, IT setup with a planned IP, fire-safety acknowledged, active', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const input = onboardingInput();
      const employee = person(input.employeeUserId, ['employee'], DEP1);
      const handle = await start(taskQueue, input);

      const agreement = await openTask(handle, 'agreement');
      await expect(refusal(decide(handle, agreement, hr, 'done', { data: signature }))).resolves.toBe('FORBIDDEN'); // nobody signs for the employee
      await expect(refusal(decide(handle, agreement, employee, 'done', { data: { ...signature, agreementVersion: '2025-01' } }))).resolves.toBe('VALIDATION_FAILED');
      await expect(refusal(decide(handle, agreement, employee, 'done', { data: { agreementVersion: AGREEMENT.version } }))).resolves.toBe('VALIDATION_FAILED');
      await decide(handle, agreement, employee, 'done', { data: signature });

      const setup = await openTask(handle, 'it_setup');
      await expect(refusal(decide(handle, setup, it1, 'done', { data: { emailAccount: 'new@corp.example' } }))).resolves.toBe('VALIDATION_FAILED');
      await decide(handle, setup, it1, 'done', { data: { emailAccount: 'new@corp.example', driveAccount: 'new' } });
      await decide(handle, await openTask(handle, 'fire_safety'), employee, 'done', { data: { acknowledged: true } });

      await expect(handle.result()).resolves.toEqual({ employeeId: input.employeeId, state: 'active', agentId: 'A1001', workstationIp: '10.20.0.10' });
      expect(fake.inputs('recordAgreementSignature')).toEqual([expect.objectContaining({ employeeId: input.employeeId, userId: input.employeeUserId, agreement: AGREEMENT })]);
      expect(fake.inputs('assignStandardAgentId')).toHaveLength(1);
      expect(fake.inputs('openTask').map((i) => i.task.step)).toEqual(['agreement', 'it_setup', 'fire_safety']);
      expect(fake.inputs('openTask')[1].task.context.details).toMatchObject({ agentId: 'A1001', workstationIp: '10.20.0.10' });
      // Order of the steps: signed, then the ID, then the IP and IT, then active.
      const at = (n: Parameters<typeof fake.indexOf>[0]) => fake.indexOf(n);
      expect(at('recordAgreementSignature')).toBeLessThan(at('assignStandardAgentId'));
      expect(at('assignStandardAgentId')).toBeLessThan(at('allocateWorkstationIp'));
      expect(fake.inputs('setEmployeeStatus')).toEqual([expect.objectContaining({ status: 'active' })]);
      expect(fake.inputs('recordStep').map((s) => s.step)).toEqual(['agreement', 'agent_id', 'it_setup', 'fire_safety', 'active']);
      expect(fake.duplicateKeys()).toEqual([]);
    });
  });

  it('INF-10: an unsigned agreement escalates to HR after the configured days; at the deadline the onboarding is cancelled and the pending hire withdrawn (no agent ID)', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const input = onboardingInput({ settings: { agreementEscalateAfterMs: days(5), agreementDeadlineMs: days(20), taskDueMs: days(2) } });
      const handle = await start(taskQueue, input);
      const agreement = await openTask(handle, 'agreement');
      await env.sleep(days(4));
      expect(fake.inputs('escalateTask')).toEqual([]);
      await env.sleep(days(1) + hours(1));
      await eventually(async () => (await status<OnboardingStatus>(handle)).openTasks[0]?.escalated, 'escalation to HR');
      expect(fake.inputs('escalateTask')).toEqual([expect.objectContaining({ taskId: agreement, escalation: { role: 'hr', departmentId: null } })]);
      await expect(refusal(decide(handle, agreement, hr, 'done', { data: signature }))).resolves.toBe('FORBIDDEN'); // HR is told, not allowed to sign

      await env.sleep(days(15));
      await expect(handle.result()).resolves.toMatchObject({ state: 'cancelled', agentId: null });
      expect(fake.inputs('assignStandardAgentId')).toEqual([]);
      expect(fake.inputs('closeTask')).toEqual([expect.objectContaining({ taskId: agreement, status: 'expired' })]);
      expect(fake.inputs('withdrawPendingEmployee')).toEqual([expect.objectContaining({ employeeId: input.employeeId, reason: expect.stringContaining('INF-10') })]);
      expect(fake.inputs('allocateWorkstationIp')).toEqual([]);
      expect(fake.inputs('finishProcess')).toEqual([expect.objectContaining({ state: 'cancelled', stage: 'cancelled' })]);
    });
  });
});
