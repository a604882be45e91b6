import { ScheduleNotFoundError, type Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { reconcileDutySchedules, type ScheduledDuty } from '../apps/api/src/duties/duty-schedules.js';
import { dutyScheduleId } from '../libs/policy/duties.js';
import { connectDevServer } from './support/temporal.js';
import { eventually } from './support/workflow-harness.js';

/*
 * The duties' Temporal Schedules against the real dev server: what the API does at boot, run directly
 * with definitions of the test's own on a task queue of its own.
 */

let env: TestWorkflowEnvironment;
let client: Client;
beforeAll(async () => {
  env = await connectDevServer({ custodian: true });
  client = env.client;
});
afterAll(async () => env?.teardown());

const duty = (id: string, at: ScheduledDuty['cadence']['at']): ScheduledDuty => ({ id, cadence: { every: 'working_day', at } });
const listed = async (scheduleId: string) => {
  for await (const s of client.schedule.list()) if (s.scheduleId === scheduleId) return true;
  return false;
};

describe('duty schedules brought in line with their definitions at boot (real Temporal dev server)', () => {
  it('EQ-6: a duty gets a daily schedule in the call center time zone; a changed definition updates it; a removed one is deleted', async () => {
    const taskQueue = `duties-${randomUUID()}`;
    const target = { taskQueue, timeZone: 'Asia/Shanghai' };
    const a = dutyScheduleId(taskQueue, 'power_off');
    const b = dutyScheduleId(taskQueue, 'door_check');
    // Another deployment's queue whose name starts like this one's: its schedules are not ours to delete.
    const other = { taskQueue: `${taskQueue}-x`, timeZone: 'Asia/Shanghai' };
    const theirs = dutyScheduleId(other.taskQueue, 'power_off');

    expect(await reconcileDutySchedules(client, [duty('power_off', '18:00'), duty('door_check', '07:30')], target)).toEqual({ created: [a, b], updated: [], deleted: [], unchanged: [] });
    expect(await reconcileDutySchedules(client, [duty('power_off', '18:00')], other)).toMatchObject({ created: [theirs] });
    const created = await client.schedule.getHandle(a).describe();
    expect(created.spec).toMatchObject({ calendars: [{ hour: [{ start: 18, end: 18 }], minute: [{ start: 0, end: 0 }] }], timezone: 'Asia/Shanghai' });
    expect(created.action).toMatchObject({ type: 'startWorkflow', workflowType: 'dutyOccurrenceWorkflow', workflowId: 'duty-power_off', taskQueue, args: [] });
    expect(created.policies.overlap).toBe('ALLOW_ALL');

    // A second boot with the same definitions changes nothing.
    expect(await reconcileDutySchedules(client, [duty('power_off', '18:00'), duty('door_check', '07:30')], target)).toEqual({ created: [], updated: [], deleted: [], unchanged: [a, b] });

    // The listing is eventually consistent: the removal below must find door_check in it.
    await eventually(async () => (await listed(b)) && (await listed(theirs)), 'schedules listed');
    expect(await reconcileDutySchedules(client, [duty('power_off', '18:30')], target)).toEqual({ created: [], updated: [a], deleted: [b], unchanged: [] });
    expect((await client.schedule.getHandle(a).describe()).spec).toMatchObject({ calendars: [{ hour: [{ start: 18 }], minute: [{ start: 30, end: 30 }] }] });
    await expect(client.schedule.getHandle(b).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    await expect(client.schedule.getHandle(theirs).describe()).resolves.toMatchObject({ scheduleId: theirs });

    await client.schedule.getHandle(a).delete();
    await client.schedule.getHandle(theirs).delete();
  });
});
