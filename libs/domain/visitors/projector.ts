import type { Projector } from '../events/projector.js';
import type { ProjectedEvent } from '../events/types.js';
import {
  VisitorEvent as E,
  type StrangerEscortedOut,
  type StrangerReasonRecorded,
  type VisitorCheckedOut,
  type VisitorEscortChanged,
  type VisitorPersonalDataPurged,
  type VisitorRegistered,
} from './events.js';

/** The visitor register, the designated escorts and the stranger incidents (visitor_keys is not projected). */
export const visitorsProjector: Projector = {
  name: 'visitors',
  tables: ['visits', 'visitor_escorts', 'stranger_incidents'],
  handlers: {
    [E.Registered]: async (m, e: ProjectedEvent<VisitorRegistered>) => {
      const p = e.payload;
      await m.query(
        `INSERT INTO visits (id, name_sealed, document_type, document_masked, document_sealed, organisation, purpose, host_user_id, area, escort_user_id, badge, registered_by, checked_in_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [p.visitId, p.nameSealed, p.documentType, p.documentMasked, p.documentSealed, p.organisation, p.purpose, p.hostUserId, p.area, p.escortUserId, p.badge, e.actor, p.checkedInAt],
      );
    },
    [E.CheckedOut]: async (m, e: ProjectedEvent<VisitorCheckedOut>) => {
      await m.query(`UPDATE visits SET checked_out_at = $2, checked_out_by = $3 WHERE id = $1`, [e.payload.visitId, e.payload.checkedOutAt, e.actor]);
    },
    [E.PersonalDataPurged]: async (m, e: ProjectedEvent<VisitorPersonalDataPurged>) => {
      await m.query(`UPDATE visits SET name_sealed = NULL, document_sealed = NULL, purged_at = $2 WHERE id = $1`, [e.payload.visitId, e.occurredAt]);
    },
    [E.EscortDesignated]: async (m, e: ProjectedEvent<VisitorEscortChanged>) => {
      await m.query(`INSERT INTO visitor_escorts (user_id, designated_by, designated_at) VALUES ($1, $2, $3) ON CONFLICT (user_id) DO NOTHING`, [e.payload.userId, e.actor, e.occurredAt]);
    },
    [E.EscortRevoked]: async (m, e: ProjectedEvent<VisitorEscortChanged>) => {
      await m.query(`DELETE FROM visitor_escorts WHERE user_id = $1`, [e.payload.userId]);
    },
    [E.StrangerEscortedOut]: async (m, e: ProjectedEvent<StrangerEscortedOut>) => {
      await m.query(`INSERT INTO stranger_incidents (id, found_at, escorted_out_at, reason, recorded_by, recorded_at) VALUES ($1, $2, $3, '', $4, $3)`, [
        e.payload.incidentId,
        e.payload.foundAt,
        e.occurredAt,
        e.actor,
      ]);
    },
    [E.StrangerReasonRecorded]: async (m, e: ProjectedEvent<StrangerReasonRecorded>) => {
      await m.query(`UPDATE stranger_incidents SET reason = $2, recorded_at = $3 WHERE id = $1`, [e.payload.incidentId, e.payload.reason, e.occurredAt]);
    },
  },
};
