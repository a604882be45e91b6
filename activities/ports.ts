/**
 * What the workflows need from the directory and agent-ID domain (issue 3), behind small interfaces so
 * the activities can be built and tested before that code is wired in. Each call runs one idempotent
 * command: the same idempotency key always returns the first result (no second agent ID on a retry).
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
  checkOutPrivilegedId(ctx: CommandContext, req: { holderUserId: string; requestId: string; until: string }): Promise<{ agentId: string }>;
  checkInPrivilegedId(ctx: CommandContext, req: { agentId: string; requestId: string }): Promise<void>;
}

export interface EmployeePort {
  setStatus(ctx: CommandContext, employeeId: string, status: 'active' | 'leaving' | 'left'): Promise<void>;
}

/**
 * Until the domain core is wired, calls fail with an ordinary (retryable) error: workflows wait at that
 * step and continue once a worker with the real implementation runs, instead of failing for good.
 */
function notWired<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_t, method) => async () => {
      throw new Error(`${name}.${String(method)} is not wired into this worker yet (domain core, issue 3)`);
    },
  });
}

export const unwiredAgentIds = (): AgentIdPort => notWired<AgentIdPort>('AgentIdPort');
export const unwiredEmployees = (): EmployeePort => notWired<EmployeePort>('EmployeePort');
