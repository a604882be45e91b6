/**
 * Onboardings through HTTP: HR starts one for a new hire, who signs the agreement
 * (INF-10), IT sets up the accounts (INF-7, SYS-2), the new hire acknowledges the fire-safety briefing
 * (EQ-3), and the onboarding completes with one standard agent ID assigned (AID-1).
 *
 * Starting creates the employee and their account, then the workflow; the Idempotency-Key makes a
 * retry after a lost answer return that same employee and workflow (workloads/start.ts).
 */
import { onboardingWorkflowId, rulesAcknowledgementWorkflowId } from '../../../libs/policy/index.js';
import { addStandardIds } from './agent-ids.js';
import { act, FLOW_WAIT_MS, waitUntil } from './inbox.js';
import { startKeyed } from './start.js';
import { runItems, type RoundResult, type Workload, type WorkloadContext } from './types.js';

const PASSWORD = 'fault-load-password';

interface Onboarding {
  employeeId: string;
  workflowId: string;
  state: string;
  agentId: string | null;
}

export class OnboardingWorkload implements Workload {
  readonly name = 'onboarding';
  /** Start, three tasks, completion. */
  readonly stepsPerItem = 5;
  readonly users = ['hr', 'it', 'idadmin'];
  private departmentId = '';

  async prepare(ctx: WorkloadContext, totalItems: number): Promise<void> {
    const r = await ctx.sessions.as<{ items: { id: string; code: string }[] }>('hr', 'GET', '/api/departments', { retryForMs: FLOW_WAIT_MS });
    this.departmentId = (r.body.items.find((d) => d.code === 'outbound-1') ?? r.body.items[0]).id;
    // Each new hire takes a standard agent ID: the full run's 10 rounds of 12 outran the demo pool.
    await addStandardIds(ctx, 'FLO', totalItems);
  }

  async round(ctx: WorkloadContext, round: number, n: number, onStep: () => void): Promise<RoundResult> {
    const r = await runItems(n, (i, track) => this.item(ctx, round, i, track, onStep));
    // EQ-5, SYS-3, SYS-4, AID-1: each hire's yearly rules cycle starts with the onboarding and runs on by design.
    const prefix = onboardingWorkflowId('');
    return { ...r, longRunning: r.workflowIds.filter((id) => id.startsWith(prefix)).map((id) => rulesAcknowledgementWorkflowId(id.slice(prefix.length))) };
  }

  /** Resolves to the new employee, who must hold exactly one standard agent ID. */
  private async item(ctx: WorkloadContext, round: number, i: number, track: (workflowId: string) => void, onStep: () => void): Promise<string> {
    const username = `flt${ctx.runId}r${round}n${i}`;
    const fullName = `Fault hire ${ctx.runId} r${round} #${i}`;
    ctx.sessions.remember(username, PASSWORD);
    const started = await this.start(ctx, fullName, username, `onboard-${ctx.runId}-r${round}-${i}`, track);
    track(started.workflowId);
    onStep();
    const id = started.employeeId;
    for (const [user, step] of [[username, 'agreement'], ['it', 'it_setup'], [username, 'fire_safety']] as const) {
      await act(ctx, user, id, step);
      onStep();
    }
    const done = await waitUntil<Onboarding, Onboarding>(ctx, 'hr', `/api/onboardings/${id}`, (o) => o.state !== 'running' && o, `onboarding of ${id}`);
    if (done.state !== 'completed' || !done.agentId) throw new Error(`onboarding of ${id} ended ${done.state} with agent ID ${done.agentId}`);
    onStep();
    return id;
  }

  /**
   * Started with an Idempotency-Key, so a retry after a lost answer gets the employee (and workflow)
   * the first attempt created. Should it never answer, the employee is looked up by their unique
   * name, so the workflow an attempt did start is still tracked (and reported, not ignored).
   */
  private async start(ctx: WorkloadContext, fullName: string, username: string, key: string, track: (workflowId: string) => void): Promise<Onboarding> {
    try {
      return await startKeyed<Onboarding>(ctx, 'hr', '/api/onboardings', { fullName, username, password: PASSWORD, departmentId: this.departmentId }, key, `start the onboarding of ${fullName}`);
    } catch (e) {
      const id = await this.findEmployee(ctx, fullName).catch(() => undefined);
      if (id) track(onboardingWorkflowId(id));
      throw e;
    }
  }

  private async findEmployee(ctx: WorkloadContext, fullName: string): Promise<string | undefined> {
    const r = await ctx.sessions.as<{ items: { id: string; fullName: string }[] }>('hr', 'GET', `/api/employees?q=${encodeURIComponent(fullName)}`, { retryForMs: FLOW_WAIT_MS });
    if (r.status !== 200) throw new Error(`look up ${fullName}: ${r.status}`);
    return r.body.items.find((e) => e.fullName === fullName)?.id;
  }
}
