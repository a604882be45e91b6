import { localDate } from '../libs/policy/calendar.js';
import { dutyScheduleId, type DutyOutcome } from '../libs/policy/duties.js';
import { dutyOccurrenceWorkflow } from '../workflows/index.js';
import { startProcessStack, until, type ProcessStack } from './support/process-stack.js';
import { deleteDutySchedules } from './support/duty-schedules.js';
import { connectDevServer } from './support/temporal.js';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

/*
 * The power-off check through the whole system: the API (which created the duty's schedule at boot), a
 * worker with the real activities, the real calendar, inbox and read model.
 */

let s: ProcessStack;
let env: TestWorkflowEnvironment;
beforeAll(async () => {
  s = await startProcessStack({ apiEnv: { DUTY_SCHEDULES: 'on' } });
  env = await connectDevServer({ custodian: true });
});
afterAll(async () => {
  // The API's boot created a schedule per seeded duty on this stack's own queue.
  if (env && s) await deleteDutySchedules(env.client, s.taskQueue);
  await env?.teardown();
  await s?.close();
});

describe('recurring duties end to end', () => {
  it('EQ-6: the site manager finds the power-off check in the inbox, answers it, and the duty reads completed', async () => {
    const handle = await env.client.workflow.start(dutyOccurrenceWorkflow, {
      taskQueue: s.taskQueue,
      workflowId: `duty-machine_room_power_off-e2e-${s.taskQueue}`,
      args: [{ dutyId: 'machine_room_power_off', date: '2026-12-07' }],
    });
    const site = await s.as('site');
    const task = await until(async () => (await site('GET', '/api/tasks?myRoles=true&kind=power_off_check')).body.items.find((t: any) => t.processId === 'machine_room_power_off:2026-12-07'), 'power-off task');
    expect(task).toMatchObject({ processType: 'duty', title: { en: expect.stringMatching(/^EQ-6: /) } });
    const detail = (await site('GET', `/api/tasks/${task.id}`)).body;
    expect(detail.form.fields.map((f: { name: string }) => f.name)).toEqual(['powerOff', 'leftRunning']);
    const agent = await s.as('agent1');
    // Not the agent's task: the API does not even say it exists.
    expect((await agent('POST', `/api/tasks/${task.id}/complete`, { outcome: 'done', data: { powerOff: true } })).status).toBe(404);
    expect((await site('POST', `/api/tasks/${task.id}/complete`, { outcome: 'done', data: { powerOff: true } })).status).toBe(200);
    await expect(handle.result()).resolves.toMatchObject<Partial<DutyOutcome>>({ result: 'completed', late: false });
    const day = (await site('GET', '/api/duties?date=2026-12-07')).body;
    expect(day.duties.find((d: { dutyId: string }) => d.dutyId === 'machine_room_power_off').occurrence).toMatchObject({ state: 'completed', late: false, data: { powerOff: true }, workflowId: handle.workflowId });
  });

  it('EQ-6: a firing of the schedule the API created runs today in the call center time zone, as the calendar says', async () => {
    const schedule = env.client.schedule.getHandle(dutyScheduleId(s.taskQueue, 'machine_room_power_off'));
    const today = localDate(new Date(), 'Asia/Shanghai');
    const ccm = await s.as('ccmanager');
    const site = await s.as('site');
    const fire = async () => {
      const before = (await schedule.describe()).info.recentActions.length;
      await schedule.trigger();
      const started = await until(async () => (await schedule.describe()).info.recentActions[before]?.action.workflow, 'the triggered run');
      return env.client.workflow.getHandle(started.workflowId, started.firstExecutionRunId);
    };
    // Today marked a holiday: the firing records nothing.
    expect((await ccm('PUT', `/api/calendar/days/${today}`, { kind: 'holiday', name: { en: 'Test day off', zh: '测试休息日' } })).status).toBe(200);
    const dayOff = await fire();
    await expect(dayOff.result()).resolves.toEqual({ result: 'not_working_day', date: today });
    // A run's id ends in its firing time to the second: the next firing must fall in a later second.
    const firedAt = Date.parse(dayOff.workflowId.slice('duty-machine_room_power_off-'.length));
    await until(async () => Date.now() >= firedAt + 1000, 'a later second');
    expect((await site('GET', `/api/duties?date=${today}`)).body.duties.find((d: { dutyId: string }) => d.dutyId === 'machine_room_power_off').occurrence).toBeNull();
    // Today marked a (make-up) working day: the firing opens the check for the site manager.
    expect((await ccm('PUT', `/api/calendar/days/${today}`, { kind: 'workday', name: { en: 'Test working day', zh: '测试工作日' } })).status).toBe(200);
    const run = await fire();
    const occurrenceId = `machine_room_power_off:${today}`;
    const task = await until(async () => (await site('GET', '/api/tasks?myRoles=true&kind=power_off_check')).body.items.find((t: any) => t.processId === occurrenceId), 'todays task');
    expect((await site('POST', `/api/tasks/${task.id}/complete`, { outcome: 'done', data: { powerOff: true } })).status).toBe(200);
    await expect(run.result()).resolves.toMatchObject({ result: 'completed', occurrenceId });
  });
});
