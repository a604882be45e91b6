import { CancellationScope, condition, sleep } from '@temporalio/workflow';
import { localSteps } from './activities.js';

/**
 * Waits until `done()` holds or the workflow clock reaches `at` (epoch ms; null = no timer). Durable:
 * the timer lives in Temporal, so a 30-day wait survives worker restarts and costs nothing meanwhile.
 *
 * Every open task of every cached workflow waits here, so its memory counts: a run on this version
 * keeps one timer in a scope of its own and one condition, instead of the SDK's condition-with-timeout
 * (a cancellable scope around a race of the two), about 12 KB less per waiting workflow
 * (`npm run bench`, worker-memory). The commands are the same (a timer started, then cancelled when
 * `done()` came first); older runs keep the SDK's form, whose promise order they recorded.
 */
export async function waitUntil(done: () => boolean, at: number | null): Promise<void> {
  if (at === null) return condition(done);
  const ms = at - Date.now();
  if (ms <= 0) return;
  if (!localSteps()) {
    await condition(done, ms);
    return;
  }
  let fired = false;
  let failure: unknown = null;
  const timer = new CancellationScope();
  timer.run(() => sleep(ms)).then(
    () => void (fired = true),
    (e: unknown) => void (failure = e), // cancelled from outside (the workflow itself is being cancelled), unless by us below
  );
  await condition(() => fired || failure !== null || done());
  if (failure !== null) throw failure;
  if (!fired) timer.cancel();
}
