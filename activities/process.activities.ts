import type { EventStore } from '../libs/domain/events/event-store.js';
import type { IpRange } from '../libs/domain/onboarding/ip-plan.js';
import { applyAccountChange, closeAccountChange, recordAccountChangeRequest } from '../libs/domain/directory/account-changes.js';
import { finishProcess, recordProcessStep, startProcess } from '../libs/domain/processes/processes.js';
import { listReturnItem, updateReturnItem } from '../libs/domain/returns/return-items.js';
import type { EnforcementSettings } from '../libs/enforcement/directory-config.js';
import type { WebhookSettings } from '../libs/enforcement/webhook-config.js';
import { createAccessActivities } from './access.activities.js';
import { finishAndTell } from '../libs/domain/access/access.js';
import { createEnforcementActivities } from './enforcement.activities.js';
import { createWebhookActivities } from './webhook.activities.js';
import { createPeopleActivities } from './people.activities.js';
import type { AgentIdPort, EmployeePort } from './ports.js';
import { createTaskActivities } from './tasks.activities.js';
import { createDutyActivities, DEFAULT_DUTY_TIME_ZONE } from './duties.activities.js';
import { createResponsibilityActivities } from './responsibilities.activities.js';
import { createRulesActivities } from './rules.activities.js';
import type { ProcessActivities } from './types.js';

export interface ProcessActivityDeps {
  events: EventStore;
  /** The agent-ID and directory domain: activities/domain-ports.ts, or stand-ins in tests. */
  agentIds: AgentIdPort;
  employees: EmployeePort;
  /** The central workstation IP plan (SYS-2). */
  ipPlan: IpRange;
  /** The directory that enforces grants; null or absent: every kind is enabled by hand. */
  enforcement?: EnforcementSettings | null;
  /** Signed webhooks for kinds without a directory; null or absent: those kinds are disabled by IT's hand. */
  webhooks?: WebhookSettings | null;
  /** DEFAULT_TIME_ZONE, for the recurring duties. */
  timeZone?: string;
}

/** Every activity the onboarding, offboarding and access-request workflows call. */
export function createProcessActivities(deps: ProcessActivityDeps): ProcessActivities {
  const { events } = deps;
  const { enforces, ...enforcement } = createEnforcementActivities(events, deps.enforcement ?? null);
  const webhooks = createWebhookActivities(events, deps.webhooks ?? null);
  return {
    ...createTaskActivities(events),
    ...createResponsibilityActivities(events), // EQ-1, INF-9: the offboarding's hand-over (workflows/responsibility-handover.ts)
    ...createRulesActivities(events), // EQ-5, SYS-3, SYS-4, AID-1: the yearly rules (workflows/rules-acknowledgement.workflow.ts)
    ...createDutyActivities(events, deps.timeZone ?? DEFAULT_DUTY_TIME_ZONE),
    ...createAccessActivities(events, deps.agentIds),
    ...enforcement,
    ...webhooks,
    grantRoute: async ({ kind }) => (enforces(kind) ? 'directory' : webhooks.grantConnector({ kind })),
    ...createPeopleActivities(events, deps.agentIds, deps.employees, deps.ipPlan),
    startProcess: async ({ key, ...p }) => startProcess(events, { idempotencyKey: key }, p),
    recordStep: async ({ key, process, processKey, step, state, by, detail }) => recordProcessStep(events, { idempotencyKey: key }, { process, processKey, step, state, by, detail: detail ?? {} }),
    finishProcess: async ({ key, notify, ...p }) => (notify ? finishAndTell(events, { idempotencyKey: key }, { finished: p, notify }) : finishProcess(events, { idempotencyKey: key }, p)),
    listReturnItem: async ({ key, ...p }) => listReturnItem(events, { idempotencyKey: key }, p),
    recordReturnItem: async ({ key, virusCheck, ...p }) => updateReturnItem(events, { idempotencyKey: key }, { ...p, virusCheck: virusCheck ?? null }),
    recordAccountChangeRequest: async ({ key, ...p }) => recordAccountChangeRequest(events, { idempotencyKey: key }, p),
    applyAccountChange: async ({ key, ...p }) => applyAccountChange(events, { idempotencyKey: key }, p),
    closeAccountChange: async ({ key, ...p }) => closeAccountChange(events, { idempotencyKey: key }, p),
  };
}
