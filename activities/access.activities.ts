import { closeAbandonedAccessRequest } from '../libs/domain/access/abandoned.js';
import { activateGrant, activateGrantAndTell, endGrant, endGrantForRemoval, extendGrant, openAccessRequest, submitAccessRequest } from '../libs/domain/access/access.js';
import { openAccessRequestIdsOf } from '../libs/read-models/access-requests.js';
import { invalid } from '../libs/policy/errors.js';
import type { EventStore } from '../libs/domain/events/event-store.js';
import type { AgentIdPort } from './ports.js';
import type { AccessActivities, EndGrantInput } from './types.js';

/** A privileged ID is lent to an employee record (AID-2); the API only accepts such requests from staff. */
function employeeOf(g: { holderEmployeeId: string | null; requestId: string }): string {
  if (!g.holderEmployeeId) throw invalid(`access request ${g.requestId}: a special agent ID can only be lent to an employee`);
  return g.holderEmployeeId;
}

/** The request's end as finishAndTell takes it: the process's end, and the notice sent with it. */
const withItsNotice = ({ notify, ...finished }: NonNullable<EndGrantInput['finish']>) => ({ finished, notify });

/**
 * Access requests and grants (SYS-1, INF-6, INF-12). A special agent-ID grant checks a privileged ID out
 * before it is recorded and back in when it ends; both calls carry derived keys, so a retry between the
 * two transactions neither lends a second ID nor loses the check-in.
 */
export function createAccessActivities(events: EventStore, agentIds: AgentIdPort): AccessActivities {
  return {
    submitAccessRequest: async ({ key, ...p }) => submitAccessRequest(events, { idempotencyKey: key }, p),

    openAccessRequest: async ({ key, ...opened }) => openAccessRequest(events, { idempotencyKey: key }, opened),

    activateGrant: async ({ key, step, notify, ...g }) => {
      const resource =
        g.kind === 'special_agent_id'
          ? (await agentIds.checkOutPrivilegedId({ actor: g.enabledBy, idempotencyKey: `${key}:checkout` }, { employeeId: employeeOf(g), until: g.expiresAt, now: g.startsAt })).agentId
          : null;
      if (!step && !notify) return activateGrant(events, { idempotencyKey: key }, { ...g, resource });
      return activateGrantAndTell(events, { idempotencyKey: key }, { grant: { ...g, resource }, ...(step ? { step: { ...step, detail: step.detail ?? {} } } : {}), ...(notify ? { notify } : {}) });
    },

    extendGrant: async ({ key, grantId, expiresAt, approvedBy }) => {
      await extendGrant(events, { idempotencyKey: key }, { grantId, expiresAt, approvedBy });
    },

    endGrant: async ({ key, grantId, reason, by, comment, removalTask, finish }) => {
      if (finish && !removalTask) throw invalid('endGrant: finish is written with a removal task only');
      const ended = removalTask
        ? await endGrantForRemoval(events, { idempotencyKey: key }, { grantId, reason, by, comment, removalTask, ...(finish ? { finish: withItsNotice(finish) } : {}) })
        : await endGrant(events, { idempotencyKey: key }, { grantId, reason, by, comment });
      const reasonOfCheckIn = reason === 'expired' ? 'expired' : 'returned';
      if (ended?.resource) await agentIds.checkInPrivilegedId({ actor: by, idempotencyKey: `${key}:checkin` }, { agentId: ended.resource, reason: reasonOfCheckIn });
    },

    listOpenAccessRequests: async ({ userId }) => openAccessRequestIdsOf(events.dataSource, userId),

    closeAbandonedAccessRequest: async ({ key, requestId, reason, by, comment }) => {
      const closed = await closeAbandonedAccessRequest(events, { actor: { id: by }, idempotencyKey: key }, { requestId, reason, by, comment });
      if (closed?.resource) await agentIds.checkInPrivilegedId({ actor: by, idempotencyKey: `${key}:checkin` }, { agentId: closed.resource, reason: 'returned' });
      return { closed: closed !== null };
    },
  };
}
