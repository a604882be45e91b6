import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { VISITOR_PURGE_AT, VISITOR_PURGE_WORKFLOW_ID, visitorPurgeScheduleId } from '../../../../libs/policy/visitors.js';

interface Target {
  taskQueue: string;
  timeZone: string;
}

/**
 * The daily purge of visitors' expired personal data (PIPL), as a Temporal Schedule like the recurring
 * duties' (apps/api/src/duties/duty-schedules.ts). No arguments: the payload codec binds a payload to one
 * workflow id and each run's id is new; the retention period is the worker's setting
 * (VISITOR_RETENTION_DAYS). Overlap SKIP: a run still going makes the next day's unnecessary.
 */
function scheduleOf(t: Target): Omit<ScheduleOptions, 'scheduleId'> & { state: { note: string } } {
  return {
    spec: { calendars: [{ hour: VISITOR_PURGE_AT.hour, minute: VISITOR_PURGE_AT.minute, comment: 'daily visitor personal-data purge' }], timezone: t.timeZone },
    action: { type: 'startWorkflow', workflowType: 'visitorPurgeWorkflow', workflowId: VISITOR_PURGE_WORKFLOW_ID, taskQueue: t.taskQueue, args: [] },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    state: { note: `visitor purge ${JSON.stringify({ at: VISITOR_PURGE_AT, timeZone: t.timeZone, taskQueue: t.taskQueue })}` },
  };
}

/** Creates the schedule, or updates it when its time, time zone or queue changed. Idempotent across replicas. */
export async function reconcileVisitorPurgeSchedule(client: Client, t: Target): Promise<'created' | 'updated' | 'unchanged'> {
  const scheduleId = visitorPurgeScheduleId(t.taskQueue);
  const desired = scheduleOf(t);
  try {
    await client.schedule.create({ scheduleId, ...desired });
    return 'created';
  } catch (e) {
    if (!(e instanceof ScheduleAlreadyRunning)) throw e;
  }
  const handle = client.schedule.getHandle(scheduleId);
  if ((await handle.describe()).state.note === desired.state.note) return 'unchanged';
  await handle.update((prev) => ({ ...desired, state: { ...desired.state, paused: prev.state.paused } }));
  return 'updated';
}
