/**
 * Onboardings through HTTP (issue 4 item 3): HR starts one for a new hire, who signs the agreement
 * (INF-10), IT sets up the accounts (INF-7, SYS-2), the new hire acknowledges the fire-safety briefing
 * (EQ-3), and the onboarding completes with one standard agent ID assigned (AID-1).
 *
 * Starting is not idempotent (it creates the employee and their account, then the workflow), so a
 * lost answer is recovered like a careful client would: find the employee by their unique name, and
 * if their onboarding is not there, start it for the existing employee (`{ employeeId }`).
 */
import { NoAnswer, type ApiResponse } from '../http.js';
import { act, FLOW_WAIT_MS, waitUntil } from './inbox.js';
import type { RoundResult, Workload, WorkloadContext } from './types.js';

const PASSWORD = 'fault-load-password';

interface Onboarding {
  employeeId: string;
  workflowId: string;
  state: string;
  agentId: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class OnboardingWorkload implements Workload {
  readonly name = 'onboarding';
  /** Start, three tasks, completion. */
  readonly stepsPerItem = 5;
  readonly users = ['hr', 'it'];
  private departmentId = '';

  async prepare(ctx: WorkloadContext): Promise<void> {
    const r = await ctx.sessions.as<{ items: { id: string; code: string }[] }>('hr', 'GET', '/api/departments', { retryForMs: FLOW_WAIT_MS });
    this.departmentId = (r.body.items.find((d) => d.code === 'outbound-1') ?? r.body.items[0]).id;
  }

  async round(ctx: WorkloadContext, round: number, n: number, onStep: () => void): Promise<RoundResult> {
    const done = await Promise.all(Array.from({ length: n }, (_, i) => this.item(ctx, round, i + 1, onStep)));
    return { workflowIds: done.map((o) => o.workflowId), employeesWithAgentId: done.map((o) => o.employeeId), completed: done.length };
  }

  private async item(ctx: WorkloadContext, round: number, i: number, onStep: () => void): Promise<Onboarding> {
    const username = `flt${ctx.runId}r${round}n${i}`;
    const fullName = `Fault hire ${ctx.runId} r${round} #${i}`;
    ctx.sessions.remember(username, PASSWORD);
    const started = await this.start(ctx, fullName, username);
    onStep();
    const id = started.employeeId;
    for (const [user, step] of [[username, 'agreement'], ['it', 'it_setup'], [username, 'fire_safety']] as const) {
      await act(ctx, user, id, step);
      onStep();
    }
    const done = await waitUntil<Onboarding, Onboarding>(ctx, 'hr', `/api/onboardings/${id}`, (o) => o.state !== 'running' && o, `onboarding of ${id}`);
    if (done.state !== 'completed' || !done.agentId) throw new Error(`onboarding of ${id} ended ${done.state} with agent ID ${done.agentId}`);
    onStep();
    return done;
  }

  private async start(ctx: WorkloadContext, fullName: string, username: string): Promise<Onboarding> {
    const deadline = Date.now() + FLOW_WAIT_MS;
    for (;;) {
      const existing = await this.findEmployee(ctx, fullName);
      if (existing) return this.ensureStarted(ctx, existing, deadline);
      let r: ApiResponse<Onboarding> | undefined;
      try {
        r = await ctx.sessions.once<Onboarding>('hr', 'POST', '/api/onboardings', { fullName, username, password: PASSWORD, departmentId: this.departmentId });
      } catch (e) {
        if (!(e instanceof NoAnswer)) throw e;
      }
      if (r?.status === 201) return r.body;
      if (r && r.status !== 503) throw new Error(`start onboarding of ${fullName}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      if (Date.now() > deadline) throw new Error(`could not start the onboarding of ${fullName} within ${FLOW_WAIT_MS / 1000} s`);
      await sleep(1000);
    }
  }

  /** The employee exists: their onboarding is there, or is started now (409: it was, but is not recorded yet). */
  private async ensureStarted(ctx: WorkloadContext, employeeId: string, deadline: number): Promise<Onboarding> {
    for (;;) {
      const got = await ctx.sessions.as<Onboarding>('hr', 'GET', `/api/onboardings/${employeeId}`, { retryForMs: FLOW_WAIT_MS });
      if (got.status === 200) return got.body;
      let r: ApiResponse<Onboarding> | undefined;
      try {
        r = await ctx.sessions.once<Onboarding>('hr', 'POST', '/api/onboardings', { employeeId });
      } catch (e) {
        if (!(e instanceof NoAnswer)) throw e;
      }
      if (r?.status === 201) return r.body;
      if (r && ![409, 503].includes(r.status)) throw new Error(`start onboarding of existing ${employeeId}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      if (Date.now() > deadline) throw new Error(`the onboarding of ${employeeId} did not show within ${FLOW_WAIT_MS / 1000} s`);
      await sleep(1000);
    }
  }

  private async findEmployee(ctx: WorkloadContext, fullName: string): Promise<string | undefined> {
    const r = await ctx.sessions.as<{ items: { id: string; fullName: string }[] }>('hr', 'GET', `/api/employees?q=${encodeURIComponent(fullName)}`, { retryForMs: FLOW_WAIT_MS });
    if (r.status !== 200) throw new Error(`look up ${fullName}: ${r.status}`);
    return r.body.items.find((e) => e.fullName === fullName)?.id;
  }
}
