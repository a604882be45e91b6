import type { AccessKind } from '../libs/policy/access-request.js';
import { acts, keyOf } from './activities.js';
import { refuseUnauthenticatedInput } from './update-stamps.js';

/**
 * SYS-5: empties the kind's managed group in one directory operation, members without a grant too, and
 * says how many it removed. A workflow (not a call from the API) so the change is retried until the
 * directory confirms, and recorded once.
 */
export async function accessGroupCutOffWorkflow(input: { kind: AccessKind; by: string; reason: string }): Promise<{ connected: boolean; removed: number }> {
  refuseUnauthenticatedInput(input);
  return acts.emptyAccessGroup({ key: keyOf('emptied'), kind: input.kind, by: input.by, reason: input.reason });
}

/**
 * Compares every managed group with the active grants (run by a Temporal Schedule every RECONCILE_EVERY,
 * and on demand from the IT console). Drift is corrected or only reported, and written to the trail. The
 * Schedule starts it without arguments (its payloads could not be bound to the run's workflow id): the
 * worker's RECONCILE_MODE applies and the system is the actor. A run started without the payload key gets
 * nothing more than that scheduled run would do.
 */
export async function reconcileDirectoryWorkflow(input?: { mode?: 'correct' | 'report'; by?: string }): Promise<{ found: number; corrected: number }> {
  if (input !== undefined) refuseUnauthenticatedInput(input);
  return acts.reconcileDirectory({ key: keyOf('reconciled'), mode: input?.mode, by: input?.by ?? 'system:reconcile' });
}
