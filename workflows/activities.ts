import { patched, proxyActivities, proxyLocalActivities, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import type { ProcessActivities } from '../activities/types.js';
import { PERMANENT_ERROR_TYPES } from '../libs/policy/errors.js';

/**
 * Every activity is a short database transaction. Transient failures (database restarting, worker
 * killed) are retried without limit, since a security process must not stop half way; a DomainError is a
 * permanent refusal and fails at once. Idempotency keys make the retries safe. The start-to-close
 * timeout is how long a step waits before it is retried elsewhere when its worker dies mid-step.
 */
const retry: ActivityOptions['retry'] = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: PERMANENT_ERROR_TYPES };
const remote = proxyActivities<ProcessActivities>({ startToCloseTimeout: '15 seconds', retry });

/**
 * The same activities run as local activities: inside the workflow task that asks for them, on the worker
 * that holds the workflow, with no task-queue round trip and one marker in history instead of the
 * scheduled / started / completed events and the workflow task that follows. The idempotency keys are the
 * same, so a local activity that is run again (its worker died before the workflow task completed, and
 * another worker replays up to it) still writes once and returns its first result.
 * Retries back off exactly as the remote ones; back-offs up to the local retry threshold wait inside the
 * worker (the workflow task is kept alive by heartbeats), longer ones as a durable timer.
 */
const local = proxyLocalActivities<ProcessActivities>({ startToCloseTimeout: '15 seconds', retry, localRetryThreshold: '1 minute' });

/**
 * Activities that reach another system (the directory), which may be slow or down for long: they stay
 * remote, with their own timeouts and retries visible in history.
 */
const REMOTE_ONLY: ReadonlySet<string> = new Set<keyof ProcessActivities>(['provisionGrant', 'deprovisionGrant', 'emptyAccessGroup', 'reconcileDirectory', 'deprovisionPerson', 'deliverWebhook']);

/** Patched: runs recorded before database steps were local activities replay them as remote ones. */
export const LOCAL_DB_STEPS_PATCH = 'database-steps-as-local-activities';

/**
 * The activities a workflow calls: database steps local (from the first one a run takes after this
 * version), the rest remote. The choice is made per call and is deterministic: patched() is recorded once
 * per run and answers the same on every replay.
 */
export const acts: ProcessActivities = new Proxy(remote, {
  get: (_target, name: string) => (REMOTE_ONLY.has(name) || !patched(LOCAL_DB_STEPS_PATCH) ? remote : local)[name as keyof ProcessActivities],
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
