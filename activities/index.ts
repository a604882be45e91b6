import type { DataSource } from 'typeorm';
import type { EventStore } from '../libs/domain/events/event-store.js';
import type { IpRange } from '../libs/domain/onboarding/ip-plan.js';
import type { EnforcementSettings } from '../libs/enforcement/directory-config.js';
import type { WebhookSettings } from '../libs/enforcement/webhook-config.js';
import { createDomainPorts } from './domain-ports.js';
import { createMediaActivities } from './media.activities.js';
import { createProcessActivities } from './process.activities.js';
import type { AgentIdPort, EmployeePort } from './ports.js';

/** What every activity factory may depend on. Injected, never imported, so tests can supply real or fake. */
export interface ActivityDeps {
  dataSource: DataSource;
  events: EventStore;
  /** Stand-ins for the agent-ID and directory domain; the real commands by default. */
  agentIds?: AgentIdPort;
  employees?: EmployeePort;
  /** SYS-2: the central workstation IP plan (WORKSTATION_IP_RANGE). */
  ipPlan: IpRange;
  /** The directory that enforces grants (LDAP_* settings); absent: IT enables every kind by hand. */
  enforcement?: EnforcementSettings | null;
  /** Signed webhooks per kind (WEBHOOK_* settings); absent: kinds without a directory are disabled by IT. */
  webhooks?: WebhookSettings | null;
  /** The call center's time zone (DEFAULT_TIME_ZONE): it decides a duty's date, due time and deadline. */
  timeZone?: string;
}

/**
 * All activities, built from their dependencies (samples-typescript `activities-dependency-injection`).
 * Workflows type their proxies with the ProcessActivities interface (activities/types.ts).
 */
export function createActivities(deps: ActivityDeps) {
  const real = createDomainPorts(deps.events);
  return {
    ...createProcessActivities({ ...deps, agentIds: deps.agentIds ?? real.agentIds, employees: deps.employees ?? real.employees }),
    ...createMediaActivities(deps.events), // INF-6: the media loans' own steps (workflows/media-loan.workflow.ts)
  };
}

export type Activities = ReturnType<typeof createActivities>;
