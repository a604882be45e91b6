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
 * Remote always:
 * - the steps that reach another system (the directory, webhooks), which may be slow or down for long,
 *   with their own timeouts and retries visible in history;
 * - the first write an Update causes (a decision, an assignment, an item HR adds). An Update is durable only
 *   once the workflow task that accepts it completes; if the Temporal server restarts before that, the
 *   Update is gone. A local activity in that task would already have committed its write, leaving the
 *   inbox ahead of the workflow (a decided task the workflow still waits for). Scheduled remotely, the
 *   write happens only after the acceptance is in history. Everything else a workflow task does follows
 *   from history (the start, a timer, a signal, an activity's result), so a lost task is re-run the same
 *   way and its local writes are repeated under the same keys.
 */
const REMOTE_ONLY: ReadonlySet<string> = new Set<keyof ProcessActivities>([
  'provisionGrant', 'deprovisionGrant', 'emptyAccessGroup', 'reconcileDirectory', 'deprovisionPerson', 'deliverWebhook',
  'recordDecision', 'recordAssignment', 'listReturnItem',
]);

/** Patched: runs recorded before database steps were local activities replay them as remote ones. */
export const LOCAL_DB_STEPS_PATCH = 'database-steps-as-local-activities';

/** Where a run keeps its choices: the workflow's own global scope (the SDK gives each workflow its own). */
const LOCAL_STEPS = Symbol.for('custodian.localDatabaseSteps');
const NEWER_PATCHES = Symbol.for('custodian.newerPatches');
type RunGlobals = { [LOCAL_STEPS]?: boolean; [NEWER_PATCHES]?: ReadonlyMap<string, boolean> };
const run = (): RunGlobals => globalThis as RunGlobals;

/**
 * Called first by every workflow that runs database steps: decides, once per run and in its first
 * workflow task, whether its database steps are local activities (runs started on this version) or
 * remote ones (runs recorded before it, replaying or resumed). The patches a workflow gains after this
 * version are passed as `newer` and asked for here too: a local activity that outlasts most of a
 * workflow-task timeout splits the task, and a patch first asked for after it would, on replay, be looked
 * for one task too early. Asked for here, every marker sits in the first task, where replay finds it.
 */
export function beginRun(newer: readonly string[] = []): void {
  const local = patched(LOCAL_DB_STEPS_PATCH);
  run()[LOCAL_STEPS] = local;
  // Older runs ask for newer patches where their code does, as they did when they ran.
  run()[NEWER_PATCHES] = new Map(local ? newer.map((id) => [id, patched(id)]) : []);
}

/** Whether this run does its database steps locally (started on this version; decided in beginRun). */
export const localSteps = (): boolean => run()[LOCAL_STEPS] === true;

/**
 * Whether the run takes the code path a patch introduced. A run on this version takes every patch older
 * than the local database steps (implied by its one marker: no marker each) and the newer ones as decided
 * in beginRun; a run recorded before it asks Temporal, as it always did.
 */
export function applies(patchId: string): boolean {
  const decided = run()[NEWER_PATCHES]?.get(patchId);
  if (decided !== undefined) return decided;
  return localSteps() || patched(patchId);
}

/**
 * The activities a workflow calls: database steps local when the run chose so (beginRun), the rest
 * remote. A workflow that never called beginRun runs everything remotely.
 */
export const acts: ProcessActivities = new Proxy(remote, {
  get: (_target, name: string) => (localSteps() && !REMOTE_ONLY.has(name) ? local : remote)[name as keyof ProcessActivities],
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
