import type { AgentIdKind } from '../../db/rows.js';

/** Every transition of an agent ID is an event on the stream `agent-id:<code>` (AID-1, AID-2, INF-12). */
export const AgentIdEvent = {
  Created: 'agent_id.created',
  Assigned: 'agent_id.assigned',
  CustodianAssigned: 'agent_id.custodian_assigned',
  Suspended: 'agent_id.suspended',
  Retired: 'agent_id.retired',
  CheckedOut: 'agent_id.checked_out',
  CheckedIn: 'agent_id.checked_in',
} as const;

export interface AgentIdCreated {
  code: string;
  kind: AgentIdKind;
}
export interface AgentIdAssigned {
  code: string;
  kind: AgentIdKind;
  employeeId: string;
  holdingId: string;
}
export interface AgentIdCustodianAssigned {
  code: string;
  custodianUserId: string;
}
export interface AgentIdSuspended {
  code: string;
  reason: string | null;
}
export interface AgentIdRetired {
  code: string;
  /** The holding this ends, if the ID was held. */
  holdingId: string | null;
  reason: string | null;
}
export interface AgentIdCheckedOut {
  code: string;
  employeeId: string;
  until: string;
  holdingId: string;
}
export interface AgentIdCheckedIn {
  code: string;
  employeeId: string;
  holdingId: string;
  reason: 'returned' | 'expired' | 'holder_suspended' | 'retired';
}

export const agentIdSubject = (code: string) => `agent-id:${code}`;
