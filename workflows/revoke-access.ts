import { getExternalWorkflowHandle, sleep } from '@temporalio/workflow';
import { accessRequestWorkflowId, revokeSignal } from '../libs/contracts/index.js';
import { acts } from './activities.js';

/**
 * Tells every running access workflow of the leaver to revoke now, then waits until the read model shows
 * none of their requests open, so the return checklist starts only after access is gone. Each access
 * workflow revokes its own grant (one writer per grant); this only asks and checks.
 */
export async function revokeAllAccess(userId: string, by: string, checkEveryMs: number): Promise<string[]> {
  const signalled: string[] = [];
  for (;;) {
    const open = await acts.listOpenAccessRequests({ userId });
    if (open.length === 0) return signalled;
    for (const requestId of open.filter((id) => !signalled.includes(id))) {
      signalled.push(requestId);
      try {
        await getExternalWorkflowHandle(accessRequestWorkflowId(requestId)).signal(revokeSignal, { by, reason: 'offboarding' });
      } catch {
        // Already closed: its last activity marks the request ended, which the next check will see.
      }
    }
    await sleep(checkEveryMs);
  }
}
