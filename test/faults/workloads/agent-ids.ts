/**
 * Agent-ID issuing through HTTP (AID-1): HR registers an employee, the agent-ID administrator issues
 * the next standard ID — every third time twice at once, as a double click would — and reads it back.
 * Both answers must name the same ID, and the ID must be the one the employee holds.
 */
import { expectStatus } from '../http.js';
import { runItems, type RoundResult, type Workload, type WorkloadContext } from './types.js';

/** Patient enough to outlast any single fault of the run (a PostgreSQL restart, a Temporal restart). */
const RETRY_MS = 120_000;

interface Employee {
  id: string;
  fullName: string;
}

/**
 * Enough free standard IDs for every item of every round of a workload that takes one per item (the
 * demo pool has 48, and the onboarding and agent-ID workloads both draw on it); a retried range request
 * skips the codes it already created.
 */
export async function addStandardIds(ctx: WorkloadContext, prefix: string, totalItems: number): Promise<void> {
  for (let from = 1; from <= totalItems + 10; from += 1000) {
    const to = Math.min(from + 999, totalItems + 10);
    const r = await ctx.sessions.as('idadmin', 'POST', '/api/agent-ids/ranges', { body: { prefix, from, to, kind: 'standard' }, retryForMs: RETRY_MS });
    expectStatus(r, `create the load's agent-ID range ${prefix}`, 201);
  }
}

export class AgentIdWorkload implements Workload {
  readonly name = 'agent-ids';
  readonly stepsPerItem = 3;
  readonly users = ['hr', 'idadmin'];
  private departmentId = '';

  async prepare(ctx: WorkloadContext, totalItems: number): Promise<void> {
    const depts = expectStatus(await ctx.sessions.as<{ items: { id: string; code: string }[] }>('hr', 'GET', '/api/departments', { retryForMs: RETRY_MS }), 'list departments', 200);
    const dept = depts.items.find((d) => d.code === 'outbound-1') ?? depts.items[0];
    if (!dept) throw new Error('the demo seed created no department');
    this.departmentId = dept.id;
    await addStandardIds(ctx, 'FLT', totalItems);
  }

  round(ctx: WorkloadContext, round: number, n: number, onStep: () => void): Promise<RoundResult> {
    return runItems(n, (i) => this.item(ctx, `Fault load ${ctx.runId} r${round} #${i}`, i % 3 === 1, onStep));
  }

  private async item(ctx: WorkloadContext, fullName: string, doubleClick: boolean, onStep: () => void): Promise<string> {
    const employee = await this.createEmployee(ctx, fullName);
    onStep();
    const assign = () => ctx.sessions.as<{ code: string; holderEmployeeId: string }>('idadmin', 'POST', '/api/agent-ids/assign-next', { body: { employeeId: employee.id }, retryForMs: RETRY_MS });
    const answers = await Promise.all(doubleClick ? [assign(), assign()] : [assign()]);
    const codes = new Set(answers.map((a) => expectStatus(a, `assign-next for ${employee.id}`, 200).code));
    if (codes.size !== 1) throw new Error(`AID-1: two assign-next calls for one employee answered different IDs: ${[...codes].join(', ')}`);
    onStep();
    const [code] = codes;
    const held = expectStatus(await ctx.sessions.as<{ holderEmployeeId: string | null }>('idadmin', 'GET', `/api/agent-ids/${code}`, { retryForMs: RETRY_MS }), `read ${code}`, 200);
    if (held.holderEmployeeId !== employee.id) throw new Error(`AID-1: ${code} was issued to ${employee.id} but is held by ${held.holderEmployeeId}`);
    onStep();
    return employee.id;
  }

  /** POST /api/employees is not idempotent: before retrying, look the unique name up (the first try may have landed). */
  private async createEmployee(ctx: WorkloadContext, fullName: string): Promise<Employee> {
    const find = async (): Promise<Employee | undefined> => {
      const r = await ctx.sessions.as<{ items: Employee[] }>('hr', 'GET', `/api/employees?q=${encodeURIComponent(fullName)}`);
      if (r.status !== 200) throw new Error(`look-up answered ${r.status}`);
      return r.body.items.find((e) => e.fullName === fullName);
    };
    const r = await ctx.sessions.as<Employee>('hr', 'POST', '/api/employees', { body: { departmentId: this.departmentId, fullName }, retryForMs: RETRY_MS, appliedCheck: find });
    return expectStatus(r, `register ${fullName}`, 200, 201);
  }
}
