import { lockLeaverAccount } from '../libs/domain/directory/leavers.js';
import type { EventStore } from '../libs/domain/events/event-store.js';
import { signAgreement } from '../libs/domain/onboarding/agreements.js';
import { allocateWorkstationIp, releaseWorkstationIp, type IpRange } from '../libs/domain/onboarding/ip-plan.js';
import type { AgentIdPort, EmployeePort } from './ports.js';
import type { PeopleActivities } from './types.js';

/** Automatic onboarding/offboarding steps act as the workflow that takes them. */
const ONBOARDING = 'system:onboarding';
const OFFBOARDING = 'system:offboarding';

/**
 * The people side of onboarding and offboarding: agreements (INF-10), agent IDs (AID-1), employee
 * status and the workstation IP plan (SYS-2). The activity key is the command's idempotency key.
 */
export function createPeopleActivities(events: EventStore, agentIds: AgentIdPort, employees: EmployeePort, ipPlan: IpRange): PeopleActivities {
  return {
    recordAgreementSignature: async ({ key, employeeId, userId, agreement, signedAt }) => signAgreement(events, { idempotencyKey: key }, { employeeId, userId, ...agreement, signedAt }),
    assignStandardAgentId: async ({ key, employeeId }) => agentIds.assignNextStandardId({ actor: ONBOARDING, idempotencyKey: key }, employeeId),
    suspendAgentId: async ({ key, employeeId }) => agentIds.suspendIdOf({ actor: OFFBOARDING, idempotencyKey: key }, employeeId),
    lockLeaverAccount: async ({ key, ...input }) => lockLeaverAccount(events, { actor: { id: OFFBOARDING }, idempotencyKey: key }, input),
    retireAgentId: async ({ key, employeeId }) => agentIds.retireIdOf({ actor: OFFBOARDING, idempotencyKey: key }, employeeId),
    setEmployeeStatus: async ({ key, employeeId, status }) =>
      employees.setStatus({ actor: status === 'active' ? ONBOARDING : OFFBOARDING, idempotencyKey: key }, employeeId, status),
    // A hire whose onboarding was cancelled never started: pending → left (the life cycle's end for them).
    withdrawPendingEmployee: async ({ key, employeeId, reason }) => employees.setStatus({ actor: ONBOARDING, idempotencyKey: key }, employeeId, 'left', reason),
    allocateWorkstationIp: async ({ key, employeeId }) => allocateWorkstationIp(events, { actor: { id: ONBOARDING }, idempotencyKey: key }, { employeeId, range: ipPlan }),
    releaseWorkstationIp: async ({ key, employeeId }) => releaseWorkstationIp(events, { actor: { id: ONBOARDING }, idempotencyKey: key }, { employeeId }),
  };
}
