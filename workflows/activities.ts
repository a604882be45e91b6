import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ProcessActivities } from '../activities/types.js';
import { PERMANENT_ERROR_TYPES } from '../libs/policy/errors.js';

/**
 * Every activity is a short database transaction. Transient failures (database restarting, worker
 * killed) are retried without limit, since a security process must not stop half way; a DomainError is a
 * permanent refusal and fails at once. Idempotency keys make the retries safe. The start-to-close
 * timeout is how long a step waits before it is retried elsewhere when its worker dies mid-step.
 */
export const acts = proxyActivities<ProcessActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: PERMANENT_ERROR_TYPES },
});

/** The idempotency key of one activity call: the workflow id and a step name unique within the run. */
export const keyOf = (...step: (string | number)[]): string => [workflowInfo().workflowId, ...step].join(':');

/**
 * Webhook deliveries (SYS-1, INF-6, AID-2): exponential back-off (1 s, 3 s, 9 s, … at most an hour
 * apart). No attempt limit here: the activity itself dead-letters on its WEBHOOK_MAX_ATTEMPTS-th try
 * (a setting the workflow never sees) and then resolves, so the workflow goes on.
 */
export const hookActs = proxyActivities<Pick<ProcessActivities, 'deliverWebhook'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 3, maximumInterval: '1 hour', nonRetryableErrorTypes: PERMANENT_ERROR_TYPES },
});
