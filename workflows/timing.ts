import { condition } from '@temporalio/workflow';

/**
 * Waits until `done()` holds or the workflow clock reaches `at` (epoch ms; null = no timer). Durable:
 * the timer lives in Temporal, so a 30-day wait survives worker restarts and costs nothing meanwhile.
 */
export async function waitUntil(done: () => boolean, at: number | null): Promise<void> {
  if (at === null) return condition(done);
  const ms = at - Date.now();
  if (ms > 0) await condition(done, ms);
}
