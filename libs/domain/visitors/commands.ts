import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { conflict, DomainError, ErrorCode, invalid, notFound } from '../../policy/errors.js';
import type { ClauseId } from '../../policy/clauses.js';
import { text } from '../../policy/text.js';
import {
  ESCORT_ROLES,
  escortSubject,
  maskDocumentNumber,
  normalizeDocumentNumber,
  strangerIncidentSubject,
  visitSubject,
  type VisitorArea,
  type VisitorDocumentType,
} from '../../policy/visitors.js';
import { command } from '../command.js';
import { sendNotification } from '../notifications/notifications.js';
import { encryptVisitorField, newVisitKey } from './crypto.js';
import {
  VisitorEvent as E,
  type StrangerEscortedOut,
  type StrangerReasonRecorded,
  type VisitorCheckedOut,
  type VisitorDocumentRevealed,
  type VisitorEscortChanged,
  type VisitorPersonalDataPurged,
  type VisitorRegistered,
} from './events.js';

/** The actor of the scheduled purge's events. */
export const VISITOR_PURGE_ACTOR = 'system:visitor-purge';

async function activeUser(m: EntityManager, userId: string): Promise<{ displayName: string; roles: string[] } | null> {
  const [u]: { displayName: string; roles: string[] }[] = await m.query(
    `SELECT u.display_name AS "displayName", coalesce(array_agg(r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
       FROM users u LEFT JOIN user_roles r ON r.user_id = u.id WHERE u.id = $1 AND u.active GROUP BY u.id`,
    [userId],
  );
  return u ?? null;
}

const isDesignated = async (m: EntityManager, userId: string): Promise<boolean> =>
  (await m.query(`SELECT 1 FROM visitor_escorts WHERE user_id = $1`, [userId])).length > 0;

export interface RegisterVisitorInput {
  /** The master key (VISITOR_KEY): wraps the visit's new data key. Never stored, logged or emitted. */
  masterKey: Buffer;
  name: string;
  documentType: VisitorDocumentType;
  documentNumber: string;
  organisation: string;
  purpose: string;
  hostUserId: string;
  area: VisitorArea;
  escortUserId: string | null;
  badge: string;
  checkedInAt: string;
}

/**
 * INF-1: security registers a visitor who shows valid identification. INF-4: a machine-room visit needs
 * an escort the call-center manager designated, and since only security registers (visitors.register),
 * no employee brings a non-staff guest in by themselves. The name and the document number are sealed
 * with a key of this visit's own before anything is written; the error messages never repeat them.
 */
export const registerVisitor = command(async (uow, i: RegisterVisitorInput): Promise<{ visitId: string }> => {
  const m = uow.manager;
  const number = normalizeDocumentNumber(i.documentNumber);
  if (number.length < 4) throw invalid('INF-1: documentNumber must be the number on the identity document, at least 4 letters or digits', { fields: { documentNumber: ['length'] } });
  const host = await activeUser(m, i.hostUserId);
  if (!host) throw invalid(`hostUserId ${i.hostUserId} is not an active user: the host is the employee the visitor comes to see`, { fields: { hostUserId: ['unknown'] } });
  if (i.area === 'machine_room') {
    if (!i.escortUserId) throw invalid('INF-4: a machine-room visit needs escortUserId, a manager designated to bring guests into the machine room', { fields: { escortUserId: ['required'] } });
    const escort = await activeUser(m, i.escortUserId);
    if (!escort) throw invalid(`escortUserId ${i.escortUserId} is not an active user`, { fields: { escortUserId: ['unknown'] } });
    if (!(await isDesignated(m, i.escortUserId))) {
      throw conflict(`INF-4: ${escort.displayName} is not a designated machine-room escort; only managers the call-center manager designated may bring guests into the machine room`, {
        fields: { escortUserId: ['not_designated'] },
      });
    }
  } else if (i.escortUserId) {
    throw invalid('escortUserId is for machine-room visits only (area machine_room)', { fields: { escortUserId: ['not_allowed'] } });
  }
  const badge = i.badge.trim();
  if ((await m.query(`SELECT 1 FROM visits WHERE badge = $1 AND checked_out_at IS NULL`, [badge])).length) {
    throw conflict(`badge ${badge} is worn by a visitor inside now: hand out another badge, or check that visitor out first`, { fields: { badge: ['in_use'] } });
  }
  const visitId = randomUUID();
  const { dataKey, wrapped } = newVisitKey(i.masterKey, visitId);
  await m.query(`INSERT INTO visitor_keys (visit_id, wrapped_key, created_at) VALUES ($1, $2, now())`, [visitId, wrapped]);
  const clauses: ClauseId[] = i.area === 'machine_room' ? ['INF-1', 'INF-4'] : i.area === 'rest_room' ? ['INF-1', 'INF-5'] : ['INF-1'];
  await uow.emit<VisitorRegistered>({
    subject: visitSubject(visitId),
    type: E.Registered,
    payload: {
      visitId,
      nameSealed: encryptVisitorField(dataKey, visitId, 'name', i.name.trim()),
      documentType: i.documentType,
      documentMasked: maskDocumentNumber(number),
      documentSealed: encryptVisitorField(dataKey, visitId, 'documentNumber', number),
      organisation: i.organisation.trim(),
      purpose: i.purpose.trim(),
      hostUserId: i.hostUserId,
      area: i.area,
      escortUserId: i.escortUserId,
      badge,
      checkedInAt: i.checkedInAt,
    },
    clauses,
  });
  dataKey.fill(0);
  return { visitId };
});

/** INF-1: the visitor leaves and hands the badge back. Checking out twice is refused (409), saying when. */
export const checkOutVisitor = command(async (uow, i: { visitId: string; checkedOutAt: string }): Promise<{ visitId: string; checkedOutAt: string }> => {
  const [v]: { checkedInAt: Date; checkedOutAt: Date | null }[] = await uow.manager.query(
    `SELECT checked_in_at AS "checkedInAt", checked_out_at AS "checkedOutAt" FROM visits WHERE id = $1 FOR UPDATE`,
    [i.visitId],
  );
  if (!v) throw notFound('visit', i.visitId);
  if (v.checkedOutAt) throw conflict(`this visitor was already checked out at ${v.checkedOutAt.toISOString()}`);
  if (new Date(i.checkedOutAt) < v.checkedInAt) throw invalid(`checkedOutAt must not be before the time in (${v.checkedInAt.toISOString()})`, { fields: { checkedOutAt: ['before_check_in'] } });
  await uow.emit<VisitorCheckedOut>({ subject: visitSubject(i.visitId), type: E.CheckedOut, payload: { visitId: i.visitId, checkedOutAt: i.checkedOutAt }, clauses: ['INF-1'] });
  return { visitId: i.visitId, checkedOutAt: i.checkedOutAt };
});

/**
 * Crypto-shredding of one visit (PIPL): deletes its data key and records that it did. Idempotent: a visit
 * already purged, or whose key is gone, emits nothing. The visit itself (organisation, host, times, the
 * masked number) stays in the register and the trail.
 */
export const purgeVisit = command(
  async (uow, i: { visitId: string; retentionDays: number; cutoff: string }): Promise<{ purged: boolean }> => {
    const [v]: { purgedAt: Date | null }[] = await uow.manager.query(`SELECT purged_at AS "purgedAt" FROM visits WHERE id = $1 FOR UPDATE`, [i.visitId]);
    if (!v || v.purgedAt) return { purged: false };
    await uow.manager.query(`DELETE FROM visitor_keys WHERE visit_id = $1`, [i.visitId]);
    await uow.emit<VisitorPersonalDataPurged>({ subject: visitSubject(i.visitId), type: E.PersonalDataPurged, payload: i, clauses: ['INF-1'] });
    return { purged: true };
  },
  { actor: () => VISITOR_PURGE_ACTOR, translateErrors: false },
);

/**
 * PIPL: the full document number is read only with a stated reason, and the read is recorded (the
 * reason, never the number). Refused once the visit was purged: there is nothing left to read.
 */
export const recordDocumentRevealed = command(async (uow, i: { visitId: string; reason: string }): Promise<{ wrappedKey: string; documentSealed: string }> => {
  const [v]: { purgedAt: Date | null; documentSealed: string | null; wrappedKey: string | null }[] = await uow.manager.query(
    `SELECT v.purged_at AS "purgedAt", v.document_sealed AS "documentSealed", k.wrapped_key AS "wrappedKey"
       FROM visits v LEFT JOIN visitor_keys k ON k.visit_id = v.id WHERE v.id = $1`,
    [i.visitId],
  );
  if (!v) throw notFound('visit', i.visitId);
  if (v.purgedAt || !v.documentSealed || !v.wrappedKey) throw conflict(`the personal data of this visit was deleted${v.purgedAt ? ` on ${v.purgedAt.toISOString()}` : ''} (retention period over): the document number can no longer be read`);
  await uow.emit<VisitorDocumentRevealed>({ subject: visitSubject(i.visitId), type: E.DocumentRevealed, payload: { visitId: i.visitId, reason: i.reason.trim() }, clauses: ['INF-1'] });
  return { wrappedKey: v.wrappedKey, documentSealed: v.documentSealed };
});

/** INF-4: the call-center manager designates a manager to escort guests into the machine room. Idempotent. */
export const designateEscort = command(async (uow, i: { userId: string }): Promise<{ userId: string; changed: boolean }> => {
  const u = await activeUser(uow.manager, i.userId);
  if (!u) throw notFound('active user', i.userId);
  if (!u.roles.some((r) => (ESCORT_ROLES as readonly string[]).includes(r))) {
    throw invalid(`INF-4: only managers may be designated escorts; ${u.displayName} holds none of the roles ${ESCORT_ROLES.join(', ')}`, { fields: { userId: ['not_a_manager'] } });
  }
  await uow.manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [escortSubject(i.userId)]);
  if (await isDesignated(uow.manager, i.userId)) return { userId: i.userId, changed: false };
  await uow.emit<VisitorEscortChanged>({ subject: escortSubject(i.userId), type: E.EscortDesignated, payload: { userId: i.userId }, clauses: ['INF-4'] });
  return { userId: i.userId, changed: true };
});

/** INF-4: the designation ends; machine-room visits already registered keep their escort. Idempotent. */
export const revokeEscort = command(async (uow, i: { userId: string }): Promise<{ userId: string; changed: boolean }> => {
  await uow.manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [escortSubject(i.userId)]);
  if (!(await isDesignated(uow.manager, i.userId))) return { userId: i.userId, changed: false };
  await uow.emit<VisitorEscortChanged>({ subject: escortSubject(i.userId), type: E.EscortRevoked, payload: { userId: i.userId }, clauses: ['INF-4'] });
  return { userId: i.userId, changed: true };
});

/**
 * INF-3: a stranger found in the machine room is escorted out first and only then asked why they came.
 * Both facts are recorded in that order (two events), and the call-center manager, who owns machine-room
 * safety (EQ-1), is told. The notification names no person and repeats no reason.
 */
export const reportStranger = command(async (uow, i: { escortedOut: boolean; reason: string; foundAt: string }): Promise<{ incidentId: string }> => {
  if (i.escortedOut !== true) throw new DomainError(ErrorCode.Validation, 'INF-3: escort the stranger out of the machine room first, then ask why they came: escortedOut must be true', { fields: { escortedOut: ['must_be_true'] } });
  const incidentId = randomUUID();
  const subject = strangerIncidentSubject(incidentId);
  await uow.emit<StrangerEscortedOut>({ subject, type: E.StrangerEscortedOut, payload: { incidentId, foundAt: i.foundAt }, clauses: ['INF-3'] });
  await uow.emit<StrangerReasonRecorded>({ subject, type: E.StrangerReasonRecorded, payload: { incidentId, reason: i.reason.trim() }, clauses: ['INF-3'] });
  await sendNotification(uow, {
    subject,
    recipients: [{ role: 'cc_manager', departmentId: null }],
    title: text('INF-3: a stranger was found in the machine room', 'INF-3：机房内发现陌生人'),
    body: text(
      `Security escorted a stranger out of the machine room (found ${i.foundAt}) and recorded why they came. See the visitor desk, incidents.`,
      `保安已将机房内的陌生人礼貌请出（发现时间 ${i.foundAt}），并记录了来访原因。详见访客登记台的事件记录。`,
    ),
  });
  return { incidentId };
});
