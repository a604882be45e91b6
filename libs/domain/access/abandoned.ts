import { accessRequestSubject, type AccessKind } from '../../policy/index.js';
import { command } from '../command.js';
import { grantEndClauses } from '../processes/process-clauses.js';
import { ProcessEvents, type ProcessFinished } from '../processes/processes.js';
import { TaskEvents, taskSubject, type TaskClosed } from '../tasks/events.js';
import { AccessEvents, type GrantEnded } from './access.js';

export interface CloseAbandonedInput {
  requestId: string;
  /** `revoked` for an offboarding, `emergency_cut_off` for SYS-5. */
  reason: 'revoked' | 'emergency_cut_off';
  by: string;
  comment: string;
}

export interface ClosedAbandoned {
  requestId: string;
  grantId: string | null;
  /** A privileged ID the grant held (AID-2): the caller checks it back in. */
  resource: string | null;
}

/**
 * Closes an access request whose workflow can no longer do it itself: the workflow was terminated or
 * failed, or did not answer within the caller's bound. Normally each request's workflow is the only
 * writer of its grant; this is the fallback that keeps an offboarding (SYS-1, INF-6, AID-2) or an
 * emergency cut-off (SYS-5) from leaving a grant active. In one transaction: the active grant ends, the
 * request's open tasks are cancelled, and the request is finished with the reason. A request already
 * ended is left alone (null), so a workflow that finished meanwhile keeps its own outcome; should a slow
 * workflow wake up later, its own end-grant step finds the grant ended and writes nothing. An activity
 * calls it too: database errors pass through so it retries (command.ts).
 */
export const closeAbandonedAccessRequest = command(
  async (uow, i: CloseAbandonedInput): Promise<ClosedAbandoned | null> => {
    const m = uow.manager;
    const [r]: { status: string; workflow_id: string; kind: AccessKind }[] = await m.query(`SELECT status, workflow_id, kind FROM access_requests WHERE id = $1 FOR UPDATE`, [i.requestId]);
    if (!r || r.status === 'ended') return null;
    const subject = accessRequestSubject(i.requestId);
    // The request's kind, and SYS-5 when it is the emergency cut-off.
    const clauses = grantEndClauses(r.kind, i.reason);
    const [g]: { id: string; resource: string | null }[] = await m.query(`SELECT id, resource FROM grants WHERE request_id = $1 AND status = 'active' FOR UPDATE`, [i.requestId]);
    if (g) {
      const ended: GrantEnded = { grantId: g.id, requestId: i.requestId, resource: g.resource, reason: i.reason, by: i.by, comment: i.comment };
      await uow.emit({ subject, type: AccessEvents.ended, payload: ended, clauses });
    }
    const open: { id: string }[] = await m.query(`SELECT id FROM tasks WHERE workflow_id = $1 AND status = 'open' ORDER BY id FOR UPDATE`, [r.workflow_id]);
    for (const t of open) {
      await uow.emit<TaskClosed>({ subject: taskSubject(t.id), type: TaskEvents.closed, payload: { taskId: t.id, status: 'cancelled', reason: i.comment }, clauses });
    }
    const finished: ProcessFinished = {
      process: 'access_request',
      processKey: i.requestId,
      state: g ? 'completed' : 'cancelled',
      stage: 'ended',
      result: { endReason: i.reason, grantId: g?.id ?? null, closedWithoutWorkflow: true },
    };
    await uow.emit({ subject, type: ProcessEvents.finished, payload: finished, clauses });
    return { requestId: i.requestId, grantId: g?.id ?? null, resource: g?.resource ?? null };
  },
  { translateErrors: false },
);
