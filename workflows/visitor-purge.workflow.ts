import { proxyActivities } from '@temporalio/workflow';
import type { VisitorActivities } from '../activities/visitors.activities.js';
import { PERMANENT_ERROR_TYPES } from '../libs/policy/errors.js';
import type { VisitorPurgeOutcome } from '../libs/policy/visitors.js';

/** One transaction per visit inside; a long backlog (a first run after an outage) may take a while. */
const visitorActs = proxyActivities<VisitorActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes', nonRetryableErrorTypes: PERMANENT_ERROR_TYPES },
});

/**
 * The daily purge of visitors' expired personal data (PIPL, INF-1's register kept without the person),
 * started by its Temporal Schedule with no arguments. The time it purges against is the workflow's own
 * (deterministic on replay); the retention period is the worker's setting. Nothing personal passes
 * through Temporal: the activity reads visit ids and deletes keys.
 */
export async function visitorPurgeWorkflow(): Promise<VisitorPurgeOutcome> {
  return visitorActs.purgeExpiredVisitors({ at: new Date().toISOString() });
}
