import { getExternalWorkflowHandle, sleep } from '@temporalio/workflow';
import { revokeSignal } from '../libs/policy/messages.js';
import { REVOKE_TIMEOUT_MS } from '../libs/policy/offboarding.js';
import { accessRequestWorkflowId } from '../libs/policy/workflow-ids.js';
import { acts, applies, keyOf } from './activities.js';

/**
 * Tells every running access workflow of the leaver to revoke now, then waits until the read model shows
 * none of their requests open, so the return checklist starts only after access is gone. Each access
 * workflow revokes its own grant (one writer per grant); this asks and checks. A workflow that is gone
 * (terminated or failed: the signal cannot be delivered) or has not revoked within `timeoutMs` cannot
 * hold the offboarding forever: the offboarding then closes that request itself, grant revoked, in the
 * domain (SYS-1, INF-6, AID-2). The patch keeps offboardings already in this loop replaying as they ran.
 */
export async function revokeAllAccess(userId: string, by: string, checkEveryMs: number, timeoutMs = REVOKE_TIMEOUT_MS): Promise<string[]> {
  const bounded = applies('offboarding-closes-abandoned-access');
  const giveUpAt = Date.now() + timeoutMs;
  const signalled: string[] = [];
  const closeDirectly = (requestId: string, why: string) =>
    acts.closeAbandonedAccessRequest({ key: keyOf('access', requestId, 'closed'), requestId, reason: 'revoked', by, comment: `offboarding: ${why}` });
  for (;;) {
    const open = await acts.listOpenAccessRequests({ userId });
    if (open.length === 0) return signalled;
    for (const requestId of open.filter((id) => !signalled.includes(id))) {
      signalled.push(requestId);
      try {
        await getExternalWorkflowHandle(accessRequestWorkflowId(requestId)).signal(revokeSignal, { by, reason: 'offboarding' });
      } catch {
        // Closed or never there. A workflow that finished normally has marked its request ended (the
        // command below then changes nothing); one that was terminated or failed never will.
        if (bounded) await closeDirectly(requestId, 'the workflow of the request is no longer running');
      }
    }
    if (bounded && Date.now() >= giveUpAt) {
      for (const requestId of open) await closeDirectly(requestId, `the workflow of the request did not revoke within ${Math.round(timeoutMs / 1000)} s`);
      continue;
    }
    await sleep(checkEveryMs);
  }
}
