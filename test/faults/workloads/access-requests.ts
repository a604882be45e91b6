/**
 * External-network access requests through HTTP (SYS-1): an agent asks, their supervisor reviews,
 * leadership signs, IT enables; the grant is active, then the requester revokes it early, which ends
 * the workflow (the load cannot wait for the one-hour minimum window to expire).
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
  justification: string;
  workflowId: string;
}

const REQUESTERS = ['agent1', 'agent2'];

export class AccessRequestWorkload implements Workload {
  readonly name = 'access-requests';
  /** Submit, three decisions, active, revoke, ended. */
  readonly stepsPerItem = 7;
  readonly users = [...REQUESTERS, 'supervisor', 'leader', 'it'];

  async prepare(): Promise<void> {}

  async round(ctx: WorkloadContext, round: number, n: number, onStep: () => void): Promise<RoundResult> {
    const r = await runItems(n, (i, track) => this.item(ctx, REQUESTERS[i % REQUESTERS.length], `access-${ctx.runId}-r${round}-${i}`, track, onStep));
    // SYS-1: without a directory or webhook (the run starts a directory only for the rounds that need
    // one), the revoked grant is switched off by IT by hand: its disable task waits for IT by design.
    return { ...r, longRunning: r.workflowIds.map((id) => `${id}:grant-removal`) };
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
    await waitUntil<AccessRequest, true>(ctx, requester, `/api/access-requests/${req.id}`, (r) => r.status === 'revoked', `request ${req.id} revoked`);
    onStep();
  }

  /** Revoking twice is harmless: a lost answer followed by 409 "already ended" is success. */
  private async revoke(ctx: WorkloadContext, requester: string, id: string): Promise<void> {
    const r = await ctx.sessions.as(requester, 'POST', `/api/access-requests/${id}/revoke`, { body: { reason: 'fault load: no longer needed' }, retryForMs: FLOW_WAIT_MS });
    if (r.status !== 200 && r.status !== 201 && r.status !== 409) throw new Error(`revoke ${id}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  }
}
