import type { Role } from './roles.js';

/**
 * Visitors (docs/policy.md, "visitors"; INF-1, INF-3, INF-4). Pure rules and shapes shared by the
 * domain, the API and the web app.
 *
 * Personal data (PIPL): a visitor's name and identity-document number identify a natural person, so
 * both are stored only encrypted with a key of that visitor's own (libs/domain/visitors/crypto.ts);
 * the document number is shown masked (its last four characters). Organisation, purpose, host, area,
 * times and badge describe the visit, not the person, and stay readable after the purge, so the visit's
 * existence stays in the trail (INF-1 is auditable afterwards).
 */

/**
 * Where a visitor goes: the general area, the machine room (INF-4: with a designated escort), or the rest
 * room kept for outsiders such as job applicants, so that production is not disturbed (INF-5).
 */
export const VISITOR_AREAS = ['general', 'machine_room', 'rest_room'] as const;
export type VisitorArea = (typeof VISITOR_AREAS)[number];

/** The identity documents accepted at the desk (INF-1: "valid identification"). */
export const VISITOR_DOCUMENT_TYPES = ['resident_id', 'passport', 'hk_macau_permit', 'taiwan_permit', 'foreign_residence_permit', 'other'] as const;
export type VisitorDocumentType = (typeof VISITOR_DOCUMENT_TYPES)[number];

export const VISITOR_LIMITS = {
  name: 100,
  organisation: 200,
  purpose: 500,
  badge: 32,
  documentNumberMin: 4,
  documentNumberMax: 40,
  reason: 1000,
  search: 200,
} as const;

/** Letters, digits and the separators printed on documents; nothing else is a document number. */
export const DOCUMENT_NUMBER_SHAPE = /^[A-Za-z0-9][A-Za-z0-9 -]*$/;

/** Roles a designated escort must hold (INF-4: "managers designated by the company"). */
export const ESCORT_ROLES: readonly Role[] = ['cc_manager', 'site_manager', 'supervisor', 'leadership'];

/** How long personal data is kept after a visit ends (VISITOR_RETENTION_DAYS's default). */
export const DEFAULT_VISITOR_RETENTION_DAYS = 180;

/** The document number as shown: every character but the last four replaced (spaces and dashes dropped). */
export function maskDocumentNumber(raw: string): string {
  const compact = raw.replace(/[\s-]/g, '').toUpperCase();
  return `${'*'.repeat(Math.max(0, compact.length - 4))}${compact.slice(-4)}`;
}

/** The normal form encrypted: upper case, no spaces or dashes, so the same document is the same bytes. */
export const normalizeDocumentNumber = (raw: string): string => raw.replace(/[\s-]/g, '').toUpperCase();

export const visitSubject = (visitId: string) => `visit:${visitId}`;
export const escortSubject = (userId: string) => `visitor-escort:${userId}`;
export const strangerIncidentSubject = (incidentId: string) => `stranger-incident:${incidentId}`;

/** The Temporal Schedule of the purge on one task queue (each deployment keeps its own). */
export const visitorPurgeScheduleId = (taskQueue: string) => `custodian-visitor-purge-${taskQueue}`;
export const VISITOR_PURGE_WORKFLOW_ID = 'visitor-purge';
/** The purge runs daily at this local time (the call center's time zone), when the desk is closed. */
export const VISITOR_PURGE_AT = { hour: 3, minute: 30 } as const;

/** What one purge run did (the workflow's result). */
export interface VisitorPurgeOutcome {
  purged: number;
  cutoff: string;
}
