import type { VisitorArea, VisitorDocumentType } from '../../policy/visitors.js';

/**
 * Visitors' events. A visit's stream is `visit:<id>`; a designation `visitor-escort:<userId>`; a stranger
 * found in the machine room `stranger-incident:<id>`. No payload carries a visitor's name or document
 * number in clear: `nameSealed` and `documentSealed` are ciphertext under the visit's own key
 * (libs/domain/visitors/crypto.ts), `documentMasked` its last four characters.
 */
export const VisitorEvent = {
  Registered: 'visitor.registered',
  CheckedOut: 'visitor.checked_out',
  PersonalDataPurged: 'visitor.personal_data_purged',
  DocumentRevealed: 'visitor.document_revealed',
  EscortDesignated: 'visitor.escort_designated',
  EscortRevoked: 'visitor.escort_revoked',
  StrangerEscortedOut: 'visitor.stranger_escorted_out',
  StrangerReasonRecorded: 'visitor.stranger_reason_recorded',
} as const;

export interface VisitorRegistered {
  visitId: string;
  nameSealed: string;
  documentType: VisitorDocumentType;
  documentMasked: string;
  documentSealed: string;
  organisation: string;
  purpose: string;
  hostUserId: string;
  area: VisitorArea;
  escortUserId: string | null;
  badge: string;
  checkedInAt: string;
}

export interface VisitorCheckedOut {
  visitId: string;
  checkedOutAt: string;
}

/** The visit's key was deleted: its sealed name and document number are unreadable from now on. */
export interface VisitorPersonalDataPurged {
  visitId: string;
  retentionDays: number;
  /** Visits that ended before this instant were due. */
  cutoff: string;
}

export interface VisitorEscortChanged {
  userId: string;
}

export interface StrangerEscortedOut {
  incidentId: string;
  foundAt: string;
}

export interface StrangerReasonRecorded {
  incidentId: string;
  reason: string;
}

/** Someone read a visit's full document number (PIPL: every read of the clear number is on the record). */
export interface VisitorDocumentRevealed {
  visitId: string;
  reason: string;
}
