import { assignNextStandardId, checkInPrivilegedId, checkOutPrivilegedId, retireIdOf, suspendIdOf } from '../libs/domain/agent-ids/commands.js';
import { changeEmployeeStatus } from '../libs/domain/directory/employees.js';
import type { EventStore, ExecuteOptions } from '../libs/domain/events/event-store.js';
import type { AgentIdPort, CommandContext, EmployeePort } from './ports.js';

const asOptions = (ctx: CommandContext): ExecuteOptions => ({ actor: { id: ctx.actor }, idempotencyKey: ctx.idempotencyKey });

/** The agent-ID and directory commands of the domain core behind the ports the activities use. */
export function createDomainPorts(events: EventStore): { agentIds: AgentIdPort; employees: EmployeePort } {
  return {
    agentIds: {
      assignNextStandardId: async (ctx, employeeId) => ({ agentId: (await assignNextStandardId(events, asOptions(ctx), { employeeId })).code }),
      suspendIdOf: async (ctx, employeeId) => {
        const r = await suspendIdOf(events, asOptions(ctx), { employeeId, reason: 'offboarding' });
        return { agentId: r.codes[0] ?? null };
      },
      retireIdOf: async (ctx, employeeId) => {
        const r = await retireIdOf(events, asOptions(ctx), { employeeId, reason: 'offboarding complete' });
        return { agentId: r.codes[0] ?? null };
      },
      checkOutPrivilegedId: async (ctx, req) => ({ agentId: (await checkOutPrivilegedId(events, asOptions(ctx), req)).code }),
      checkInPrivilegedId: async (ctx, req) => {
        await checkInPrivilegedId(events, asOptions(ctx), { code: req.agentId, reason: req.reason });
      },
    },
    employees: {
      setStatus: async (ctx, employeeId, to, reason) => {
        await changeEmployeeStatus(events, asOptions(ctx), { employeeId, to, reason });
      },
    },
  };
}
