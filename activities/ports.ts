/**
 * What the workflows need from the directory and agent-ID domain, behind small interfaces:
 * activities/domain-ports.ts implements them with the domain commands, tests may record calls instead.
 * Each call runs one idempotent command: the same idempotency key always returns the first result (no
 * second agent ID on a retry).
 */
export interface CommandContext {
  actor: string;
  idempotencyKey: string;
}

export interface AgentIdPort {
  /** AID-1: the next free standard ID, assigned atomically; an employee holding one keeps it. */
  assignNextStandardId(ctx: CommandContext, employeeId: string): Promise<{ agentId: string }>;
  suspendIdOf(ctx: CommandContext, employeeId: string): Promise<{ agentId: string | null }>;
  /** AID-1: a retired ID is never issued again. */
  retireIdOf(ctx: CommandContext, employeeId: string): Promise<{ agentId: string | null }>;
  /** AID-2, INF-12: a privileged ID held by the call center manager, lent to one person for a window. */
  /** `now` is the workflow's clock at enablement, so the window is judged by the same time the workflow keeps. */
  checkOutPrivilegedId(ctx: CommandContext, req: { employeeId: string; until: string; now: string }): Promise<{ agentId: string }>;
  checkInPrivilegedId(ctx: CommandContext, req: { agentId: string; reason: 'returned' | 'expired' }): Promise<void>;
}

export interface EmployeePort {
  setStatus(ctx: CommandContext, employeeId: string, status: 'active' | 'leaving' | 'left', reason?: string): Promise<void>;
}
