/**
 * Steady small traffic from many users — a preference change (a transaction that appends to the
 * event log) and reads — so that a fault always finds transactions in flight: a PostgreSQL shutdown
 * cuts some of them in the middle, which is where wrong status codes come from.
 */
import { expectStatus } from '../http.js';
import type { RoundResult, Workload, WorkloadContext } from './types.js';

const USERS = ['agent1', 'agent2', 'supervisor', 'leader', 'it', 'ccmanager', 'site', 'security'];
const ITERATIONS = 6;
const RETRY_MS = 120_000;

export class ChatterWorkload implements Workload {
  readonly name = 'chatter';
  readonly stepsPerItem = ITERATIONS * 2;
  readonly users = USERS;

  async prepare(): Promise<void> {}

  async round(ctx: WorkloadContext, _round: number, n: number, onStep: () => void): Promise<RoundResult> {
    await Promise.all(Array.from({ length: n }, (_, i) => this.loop(ctx, USERS[i % USERS.length], onStep)));
    return { workflowIds: [], employeesWithAgentId: [], completed: n };
  }

  private async loop(ctx: WorkloadContext, user: string, onStep: () => void): Promise<void> {
    for (let i = 0; i < ITERATIONS; i++) {
      const locale = i % 2 === 0 ? 'en' : 'zh-CN';
      expectStatus(await ctx.sessions.as(user, 'PATCH', '/api/me', { body: { locale }, retryForMs: RETRY_MS }), `${user} sets locale ${locale}`, 200);
      onStep();
      expectStatus(await ctx.sessions.as(user, 'GET', '/api/me', { retryForMs: RETRY_MS }), `${user} reads own profile`, 200);
      onStep();
    }
  }
}
