import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type CalendarSpec, type Client, type DayOfWeek, type ScheduleOptions } from '@temporalio/client';
import { DUTY_ID_SHAPE, DUTY_SCHEDULE_PREFIX, dutyRunWorkflowIdPrefix, dutyScheduleId, parseLocalTime, type DutyCadence } from '../../../../libs/policy/duties.js';

/** What of a definition its schedule carries: the id, when it fires, and whether it is paused. */
export interface ScheduledDuty {
  id: string;
  cadence: DutyCadence;
  paused?: boolean;
}

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

/** ISO weekday (1 Monday … 7 Sunday) to Temporal's names. */
const WEEKDAYS: DayOfWeek[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/** The calendar a cadence fires on. A working-day duty fires every day: the workflow asks the calendar. */
function calendarOf(c: DutyCadence): CalendarSpec {
  const { hour, minute } = parseLocalTime(c.at);
  switch (c.every) {
    case 'week':
      return { dayOfWeek: WEEKDAYS[c.weekday - 1]!, hour, minute, comment: `every ${WEEKDAYS[c.weekday - 1]} at ${c.at}; the workflow skips days off` };
    case 'month':
      return { dayOfMonth: c.day, hour, minute, comment: `day ${c.day} of every month at ${c.at}; the workflow skips days off` };
    default:
      return { hour, minute, comment: `every day at ${c.at}; the workflow skips days off` };
  }
}

/**
 * The schedule of one duty. Whether a date is a working day is the calendar's answer at run time (a
 * weekend can be a make-up working day, 调休), read by the workflow's first activity. Overlap ALLOW_ALL:
 * Friday's occurrence stays open until Monday's start (its deadline), and Saturday's and Sunday's firings
 * must still run to find out whether they are working days. The state note records the definition it was
 * made from, so a changed definition is seen at boot and on every change.
 */
function scheduleOf(duty: ScheduledDuty, t: Target): Omit<ScheduleOptions, 'scheduleId'> & { state: { note: string; paused: boolean } } {
  return {
    spec: { calendars: [calendarOf(duty.cadence)], timezone: t.timeZone },
    // No arguments: the payload codec binds a payload to one workflow id, and each run's id is new.
    action: { type: 'startWorkflow', workflowType: 'dutyOccurrenceWorkflow', workflowId: dutyRunWorkflowIdPrefix(duty.id), taskQueue: t.taskQueue, args: [] },
    policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL, catchupWindow: '1 hour' },
    state: { note: noteOf(duty, t), paused: duty.paused ?? false },
  };
}

/** The note of a working-day duty at `at` keeps its old shape, so schedules made before cadences had kinds are not rewritten. */
const noteOf = (duty: ScheduledDuty, t: Target): string => {
  const { at, ...rest } = duty.cadence;
  const cadence = rest.every === 'working_day' ? {} : { cadence: rest };
  return `duty definition ${JSON.stringify({ at, ...cadence, timeZone: t.timeZone, taskQueue: t.taskQueue })}`;
};

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
 * creates the missing ones, updates those whose definition changed, pauses and unpauses them as their
 * definitions say, deletes those whose definition is gone. Run by every API replica at boot and after
 * every change of a definition; each step is idempotent, so replicas racing agree.
 * `removals: false` leaves schedules without a definition alone (a change of one duty touches only it).
 */
export async function reconcileDutySchedules(client: Client, duties: readonly ScheduledDuty[], t: Target, opts: { removals?: boolean } = {}): Promise<DutyScheduleChanges> {
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
    if (now.state.note === desired.state.note && now.state.paused === desired.state.paused) {
      changes.unchanged.push(scheduleId);
      continue;
    }
    await handle.update(() => desired);
    changes.updated.push(scheduleId);
  }
  if (opts.removals === false) return changes;
  for (const scheduleId of await existingIds(client, t.taskQueue)) {
    if (wanted.has(scheduleId)) continue;
    if (await deleteDutySchedule(client, scheduleId)) changes.deleted.push(scheduleId);
  }
  return changes;
}

/** Deletes one duty's schedule; false when it was already gone (another replica deleted it first). */
export async function deleteDutySchedule(client: Client, scheduleId: string): Promise<boolean> {
  try {
    await client.schedule.getHandle(scheduleId).delete();
    return true;
  } catch (e) {
    if (!(e instanceof ScheduleNotFoundError)) throw e;
    return false;
  }
}
