import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { DUTY_SCHEDULE_PREFIX, dutyRunWorkflowIdPrefix, dutyScheduleId, parseLocalTime, type DutyDefinition } from '../../../../libs/policy/duties.js';

/** What of a definition its schedule carries: the id, and when it fires. */
export type ScheduledDuty = Pick<DutyDefinition, 'cadence'> & { id: string };

export interface DutyScheduleChanges {
  created: string[];
  updated: string[];
  deleted: string[];
  unchanged: string[];
}

interface Target {
  taskQueue: string;
  timeZone: string;
}

/**
 * The schedule of one duty. It fires every day at the local time: whether a date is a working day is the
 * calendar's answer at run time (a weekend can be a make-up working day, 调休), read by the workflow's
 * first activity. Overlap ALLOW_ALL: Friday's occurrence stays open until Monday's start (its deadline),
 * and Saturday's and Sunday's firings must still run to find out whether they are working days.
 * The state note records the definition it was made from, so a changed definition is seen at boot.
 */
function scheduleOf(duty: ScheduledDuty, t: Target): Omit<ScheduleOptions, 'scheduleId'> & { state: { note: string } } {
  const { hour, minute } = parseLocalTime(duty.cadence.at);
  return {
    spec: { calendars: [{ hour, minute, comment: `every day at ${duty.cadence.at}; the workflow skips days off` }], timezone: t.timeZone },
    // No arguments: the payload codec binds a payload to one workflow id, and each run's id is new.
    action: { type: 'startWorkflow', workflowType: 'dutyOccurrenceWorkflow', workflowId: dutyRunWorkflowIdPrefix(duty.id), taskQueue: t.taskQueue, args: [] },
    policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL, catchupWindow: '1 hour' },
    state: { note: `duty definition ${JSON.stringify({ at: duty.cadence.at, timeZone: t.timeZone, taskQueue: t.taskQueue })}` },
  };
}

const DUTY_ID_SHAPE = /^[a-z0-9_]+$/;

/** The ids of this deployment's duty schedules Temporal knows (its listing is eventually consistent). */
async function existingIds(client: Client, taskQueue: string): Promise<string[]> {
  const ids: string[] = [];
  const prefix = DUTY_SCHEDULE_PREFIX(taskQueue);
  // A duty id has no dash, so another task queue's schedules (custodian-duty-<queue>-x-<duty>) never match.
  for await (const s of client.schedule.list()) if (s.scheduleId.startsWith(prefix) && DUTY_ID_SHAPE.test(s.scheduleId.slice(prefix.length))) ids.push(s.scheduleId);
  return ids;
}

/**
 * Brings the duties' Temporal Schedules in line with their definitions (EQ-6 and the duties after it):
 * creates the missing ones, updates those whose definition changed, deletes those whose definition is
 * gone. Run by every API replica at boot; each step is idempotent, so replicas racing agree.
 */
export async function reconcileDutySchedules(client: Client, duties: readonly ScheduledDuty[], t: Target): Promise<DutyScheduleChanges> {
  const changes: DutyScheduleChanges = { created: [], updated: [], deleted: [], unchanged: [] };
  const wanted = new Set<string>();
  for (const duty of duties) {
    const scheduleId = dutyScheduleId(t.taskQueue, duty.id);
    wanted.add(scheduleId);
    const desired = scheduleOf(duty, t);
    try {
      await client.schedule.create({ scheduleId, ...desired });
      changes.created.push(scheduleId);
      continue;
    } catch (e) {
      if (!(e instanceof ScheduleAlreadyRunning)) throw e;
    }
    const handle = client.schedule.getHandle(scheduleId);
    const now = await handle.describe();
    if (now.state.note === desired.state.note) {
      changes.unchanged.push(scheduleId);
      continue;
    }
    await handle.update((prev) => ({ ...desired, state: { ...desired.state, paused: prev.state.paused } }));
    changes.updated.push(scheduleId);
  }
  for (const scheduleId of await existingIds(client, t.taskQueue)) {
    if (wanted.has(scheduleId)) continue;
    try {
      await client.schedule.getHandle(scheduleId).delete();
      changes.deleted.push(scheduleId);
    } catch (e) {
      if (!(e instanceof ScheduleNotFoundError)) throw e; // another replica deleted it first
    }
  }
  return changes;
}
