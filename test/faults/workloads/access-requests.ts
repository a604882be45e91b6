/**
 * External-network access requests through HTTP (SYS-1): an agent asks, their supervisor reviews,
 * leadership signs, IT enables; the grant is active, then the requester revokes it early (the load
 * cannot wait for the one-hour minimum window to expire). Without a directory to take the member out,
 * IT switches it off by hand on the removal task the request holds, which ends the workflow.
 *
 * Each submission carries an Idempotency-Key (workloads/start.ts), from which the API derives the
 * request id; a request submitted twice would show as a workflow the load did not start.
 */
import { accessRequestWorkflowId } from '../../../libs/policy/index.js';
import { keyedAccessRequestId } from '../../../libs/domain/keyed-id.js';
import { act, FLOW_WAIT_MS, waitUntil } from './inbox.js';
import { startKeyed } from './start.js';
import { runItems, type RoundResult, type Workload, type WorkloadContext } from './types.js';

interface AccessRequest {
  id: string;
  status: string;
  enforcedBy: 'directory' | 'webhook' | 'manual' | null;
  justification: string;
  workflowId: string;
}

const REQUESTERS = ['agent1', 'agent2'];

export class AccessRequestWorkload implements Workload {
  readonly name = 'access-requests';
  /** Submit, three decisions, active, revoke, ended, switched off. */
  readonly stepsPerItem = 8;
  readonly users = [...REQUESTERS, 'supervisor', 'leader', 'it'];

  async prepare(): Promise<void> {}

  async round(ctx: WorkloadContext, round: number, n: number, onStep: () => void): Promise<RoundResult> {
    return runItems(n, (i, track) => this.item(ctx, REQUESTERS[i % REQUESTERS.length], `access-${ctx.runId}-r${round}-${i}`, track, onStep));
  }

  private async item(ctx: WorkloadContext, requester: string, key: string, track: (workflowId: string) => void, onStep: () => void): Promise<void> {
    // The request id follows from (requester, key): its workflow is tracked before the first attempt,
    // so even one whose starting call got no answer is checked (it must complete like the others).
    const requestId = keyedAccessRequestId(await ctx.sessions.userId(requester), key);
    track(accessRequestWorkflowId(requestId));
    const justification = `Fault load ${key}`;
    const req = await startKeyed<AccessRequest>(ctx, requester, '/api/access-requests', { kind: 'external_network', justification, durationMinutes: 60 }, key, `submit "${justification}"`);
    if (req.id !== requestId) throw new Error(`submit "${justification}": answered request ${req.id}, not ${requestId} (the Idempotency-Key was not honoured)`);
    onStep();
    for (const [user, step] of [['supervisor', 'supervisor_review'], ['leader', 'leadership_signoff'], ['it', 'it_enable']] as const) {
      await act(ctx, user, req.id, step);
      onStep();
    }
    await waitUntil<AccessRequest, true>(ctx, requester, `/api/access-requests/${req.id}`, (r) => r.status === 'active', `grant of ${req.id} active`);
    onStep();
    await this.revoke(ctx, requester, req.id);
    onStep();
    const ended = await waitUntil<AccessRequest, AccessRequest>(ctx, requester, `/api/access-requests/${req.id}`, (r) => (r.status === 'revoked' ? r : undefined), `request ${req.id} revoked`);
    onStep();
    // SYS-1: without a directory (the run starts one only for the rounds that need it), IT switches the
    // ended grant off by hand, on the task its request holds until then.
    if (ended.enforcedBy === 'manual') await act(ctx, 'it', req.id, 'it_disable');
    onStep();
  }

  /** Revoking twice is harmless: a lost answer followed by 409 "already ended" is success. */
  private async revoke(ctx: WorkloadContext, requester: string, id: string): Promise<void> {
    const r = await ctx.sessions.as(requester, 'POST', `/api/access-requests/${id}/revoke`, { body: { reason: 'fault load: no longer needed' }, retryForMs: FLOW_WAIT_MS });
    if (r.status !== 200 && r.status !== 201 && r.status !== 409) throw new Error(`revoke ${id}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  }
}
