import { createAccessCommands } from '../libs/domain/access/access.js';
import type { EventStore } from '../libs/domain/events/event-store.js';
import type { AgentIdPort } from './ports.js';
import type { AccessActivities } from './types.js';

/**
 * Access requests and grants (SYS-1, INF-6, INF-12). A special agent-ID grant checks a privileged ID out
 * before it is recorded and back in when it ends; both calls carry derived keys, so a retry between the
 * two transactions neither lends a second ID nor loses the check-in.
 */
export function createAccessActivities(events: EventStore, agentIds: AgentIdPort): AccessActivities {
  const access = createAccessCommands(events);
  return {
    submitAccessRequest: async ({ key, ...p }) => access.submit(key, p),

    activateGrant: async ({ key, ...g }) => {
      const resource =
        g.kind === 'special_agent_id'
          ? (await agentIds.checkOutPrivilegedId({ actor: g.enabledBy, idempotencyKey: `${key}:checkout` }, { holderUserId: g.holderUserId, requestId: g.requestId, until: g.expiresAt })).agentId
          : null;
      return access.activate(key, { ...g, resource });
    },

    extendGrant: async ({ key, grantId, expiresAt, approvedBy }) => {
      await access.extend(key, grantId, expiresAt, approvedBy);
    },

    endGrant: async ({ key, grantId, reason, by, comment }) => {
      const ended = await access.end(key, grantId, reason, by, comment);
      if (ended?.resource) await agentIds.checkInPrivilegedId({ actor: by, idempotencyKey: `${key}:checkin` }, { agentId: ended.resource, requestId: ended.requestId });
    },

    listOpenAccessRequests: async ({ userId }) => access.listOpen(userId),
  };
}
