import { AGENT_IDS, AGENT_ID_HOLDINGS } from '../../db/rows.js';
import { insertRows, updateRows } from '../../db/sql.js';
import type { Projector } from '../events/projector.js';
import type { ProjectedEvent } from '../events/types.js';
import {
  AgentIdEvent as E,
  type AgentIdAssigned,
  type AgentIdCheckedIn,
  type AgentIdCheckedOut,
  type AgentIdCreated,
  type AgentIdCustodianAssigned,
  type AgentIdRetired,
  type AgentIdSuspended,
} from './events.js';

const at = (e: { occurredAt: string }) => new Date(e.occurredAt);

/** The agent-ID pool and its holdings history. The database's constraints and triggers back every row. */
export const agentIdsProjector: Projector = {
  name: 'agent-ids',
  tables: ['agent_id_holdings', 'agent_ids'],
  handlers: {
    [E.Created]: async (m, e: ProjectedEvent<AgentIdCreated>) => {
      await insertRows(m, AGENT_IDS, [{ code: e.payload.code, kind: e.payload.kind, state: 'available', createdAt: at(e), updatedAt: at(e) }]);
    },
    [E.Assigned]: async (m, e: ProjectedEvent<AgentIdAssigned>) => {
      const p = e.payload;
      await updateRows(m, AGENT_IDS, { code: p.code }, { state: 'assigned', holderEmployeeId: p.employeeId, updatedAt: at(e) });
      await insertRows(m, AGENT_ID_HOLDINGS, [{ id: p.holdingId, code: p.code, employeeId: p.employeeId, purpose: 'assignment', startedAt: at(e) }]);
    },
    [E.CustodianAssigned]: async (m, e: ProjectedEvent<AgentIdCustodianAssigned>) => {
      await updateRows(m, AGENT_IDS, { code: e.payload.code }, { state: 'assigned', custodianUserId: e.payload.custodianUserId, updatedAt: at(e) });
    },
    [E.Suspended]: async (m, e: ProjectedEvent<AgentIdSuspended>) => {
      await updateRows(m, AGENT_IDS, { code: e.payload.code }, { state: 'suspended', updatedAt: at(e) });
    },
    [E.Retired]: async (m, e: ProjectedEvent<AgentIdRetired>) => {
      const p = e.payload;
      if (p.holdingId) await updateRows(m, AGENT_ID_HOLDINGS, { id: p.holdingId }, { endedAt: at(e), endReason: 'retired' });
      await updateRows(m, AGENT_IDS, { code: p.code }, { state: 'retired', holderEmployeeId: null, custodianUserId: null, retiredAt: at(e), updatedAt: at(e) });
    },
    [E.CheckedOut]: async (m, e: ProjectedEvent<AgentIdCheckedOut>) => {
      const p = e.payload;
      await updateRows(m, AGENT_IDS, { code: p.code }, { checkedOutToEmployeeId: p.employeeId, checkedOutUntil: new Date(p.until), updatedAt: at(e) });
      await insertRows(m, AGENT_ID_HOLDINGS, [{ id: p.holdingId, code: p.code, employeeId: p.employeeId, purpose: 'checkout', startedAt: at(e), until: new Date(p.until) }]);
    },
    [E.CheckedIn]: async (m, e: ProjectedEvent<AgentIdCheckedIn>) => {
      const p = e.payload;
      await updateRows(m, AGENT_ID_HOLDINGS, { id: p.holdingId }, { endedAt: at(e), endReason: p.reason });
      await updateRows(m, AGENT_IDS, { code: p.code }, { checkedOutToEmployeeId: null, checkedOutUntil: null, updatedAt: at(e) });
    },
  },
};
