import { setTimeout as delay } from 'node:timers/promises';
import { DomainError, ErrorCode } from '../../../../libs/policy/errors.js';

/**
 * After starting a workflow, waits (briefly) until its first activity has written the read model, so a
 * POST can answer with the record a GET would return. A worker that is down turns this into a 503 with
 * the id to fetch later; the workflow itself is started and will proceed when a worker runs.
 */
export async function untilRecorded<T>(read: () => Promise<T>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await read();
    } catch (e) {
      if (!(e instanceof DomainError && e.code === ErrorCode.NotFound)) throw e;
      if (Date.now() > deadline) throw new DomainError(ErrorCode.Unavailable, `${what} was started but is not recorded yet (is a worker running?); fetch it again shortly`);
    }
    await delay(100);
  }
}
