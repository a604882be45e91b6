import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

/**
 * How one activity attempt ended: completed; failed for good (a non-retryable error, the retry policy's
 * last attempt, or one of its non-retryable error types); retried (Temporal will try again, unless the
 * schedule-to-close timeout runs out first, which the attempt cannot know); cancelled.
 */
export type ActivityOutcome = 'completed' | 'failed' | 'retried' | 'cancelled';

export function outcomeOf(error: unknown, info: Pick<Context['info'], 'attempt' | 'retryPolicy'>): ActivityOutcome {
  if (error instanceof CancelledFailure) return 'cancelled';
  const type = error instanceof ApplicationFailure ? error.type : (error as Error | undefined)?.name;
  const policy = info.retryPolicy;
  if (error instanceof ApplicationFailure && error.nonRetryable) return 'failed';
  if (type && policy?.nonRetryableErrorTypes?.includes(type)) return 'failed';
  if (policy?.maximumAttempts && info.attempt >= policy.maximumAttempts) return 'failed';
  return 'retried';
}

/**
 * An activity interceptor that reports each attempt's outcome by activity type (local activities too:
 * the interceptor sees both), for the worker's metrics. The activity's result or error passes through
 * untouched.
 */
export function activityOutcomeInterceptor(report: (activityType: string, outcome: ActivityOutcome) => void): ActivityInterceptorsFactory {
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        try {
          const result = await next(input);
          report(ctx.info.activityType, 'completed');
          return result;
        } catch (e) {
          report(ctx.info.activityType, outcomeOf(e, ctx.info));
          throw e;
        }
      },
    },
  });
}
