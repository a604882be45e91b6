/**
 * External-network access requests through HTTP (SYS-1): an agent asks, their supervisor reviews,
 * leadership signs, IT enables; the grant is active, then the requester revokes it early, which ends
 * the workflow (the load cannot wait for the one-hour minimum window to expire).
 *
 * Submitting is not idempotent (the API picks the request id), so after a lost answer the requester
 * looks for their request by its unique justification before submitting again; when the API said the
 * request was started but not recorded yet (no worker running), it waits for it to show instead.
 */
import { NoAnswer, type ApiResponse } from '../http.js';
import { act, FLOW_WAIT_MS, waitUntil } from './inbox.js';
import type { RoundResult, Workload, WorkloadContext } from './types.js';

interface AccessRequest {
  id: string;
  status: string;
  justification: string;
  workflowId: string;
}

const REQUESTERS = ['agent1', 'agent2'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class AccessRequestWorkload implements Workload {
  readonly name = 'access-requests';
  /** Submit, three decisions, active, revoke, ended. */
  readonly stepsPerItem = 7;
  readonly users = [...REQUESTERS, 'supervisor', 'leader', 'it'];

  async prepare(): Promise<void> {}

  async round(ctx: WorkloadContext, round: number, n: number, onStep: () => void): Promise<RoundResult> {
    const done = await Promise.all(Array.from({ length: n }, (_, i) => this.item(ctx, REQUESTERS[i % REQUESTERS.length], `Fault load ${ctx.runId} r${round} #${i + 1}`, onStep)));
    return { workflowIds: done, employeesWithAgentId: [], completed: done.length };
  }

  private async item(ctx: WorkloadContext, requester: string, justification: string, onStep: () => void): Promise<string> {
    const req = await this.submit(ctx, requester, justification);
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
    return req.workflowId;
  }

  private async submit(ctx: WorkloadContext, requester: string, justification: string): Promise<AccessRequest> {
    const deadline = Date.now() + FLOW_WAIT_MS;
    for (;;) {
      let r: ApiResponse<AccessRequest & { message?: string }> | undefined;
      let lost = false;
      try {
        r = await ctx.sessions.once<AccessRequest & { message?: string }>(requester, 'POST', '/api/access-requests', { kind: 'external_network', justification, durationMinutes: 60 });
      } catch (e) {
        if (!(e instanceof NoAnswer)) throw e;
        lost = !e.refused; // refused: it never reached the API
      }
      if (r?.status === 201) return r.body;
      if (r && r.status !== 503) throw new Error(`submit "${justification}": ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      // Started but not recorded (the workflow's first step waits for a worker), or the answer was lost.
      const maybeStarted = lost || /not recorded yet/.test(String(r?.body?.message));
      const found = await this.find(ctx, requester, justification, maybeStarted ? 60_000 : 0);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`could not submit "${justification}" within ${FLOW_WAIT_MS / 1000} s`);
      await sleep(1000);
    }
  }

  /** The requester's own request with this justification, waiting up to waitMs for it to be recorded. */
  private async find(ctx: WorkloadContext, requester: string, justification: string, waitMs: number): Promise<AccessRequest | undefined> {
    const until = Date.now() + waitMs;
    for (;;) {
      const r = await ctx.sessions.as<{ items: AccessRequest[] }>(requester, 'GET', '/api/access-requests?kind=external_network&pageSize=100', { retryForMs: FLOW_WAIT_MS });
      const found = r.status === 200 ? r.body.items.find((x) => x.justification === justification) : undefined;
      if (found || Date.now() >= until) return found;
      await sleep(1000);
    }
  }

  /** Revoking twice is harmless: a lost answer followed by 409 "already ended" is success. */
  private async revoke(ctx: WorkloadContext, requester: string, id: string): Promise<void> {
    const r = await ctx.sessions.as(requester, 'POST', `/api/access-requests/${id}/revoke`, { body: { reason: 'fault load: no longer needed' }, retryForMs: FLOW_WAIT_MS });
    if (r.status !== 200 && r.status !== 201 && r.status !== 409) throw new Error(`revoke ${id}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  }
}
