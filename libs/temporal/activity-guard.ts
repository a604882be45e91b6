import { ApplicationFailure } from '@temporalio/common';
import { anyRefusedPayload, REFUSED_PAYLOAD_MESSAGE } from '../policy/trust.js';

/**
 * Every activity refuses an argument the payload codec could not authenticate (libs/policy/trust.ts),
 * before it touches the database: non-retryable, so the workflow sees the refusal at once instead of
 * retrying a forged call.
 */
export function guardActivities<T extends object>(activities: T): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [
      name,
      typeof fn !== 'function'
        ? fn
        : function guarded(this: unknown, ...args: unknown[]) {
            if (anyRefusedPayload(args)) throw ApplicationFailure.create({ type: 'UNAUTHENTICATED_PAYLOAD', message: REFUSED_PAYLOAD_MESSAGE, nonRetryable: true });
            return (fn as (...a: unknown[]) => unknown).apply(this, args);
          },
    ]),
  ) as T;
}
