import type { Client } from '@temporalio/client';
import { DUTIES, dutyScheduleId } from '../../libs/policy/duties.js';

/**
 * Deletes the duty schedules an API on a test's own task queue created at boot (one per built-in duty)
 * and the ones the test named, by id: the schedule listing is eventually consistent, so it is not asked.
 */
export async function deleteDutySchedules(client: Client, taskQueue: string, more: string[] = []): Promise<void> {
  for (const id of [...Object.keys(DUTIES), ...more]) await client.schedule.getHandle(dutyScheduleId(taskQueue, id)).delete().catch(() => undefined);
}
