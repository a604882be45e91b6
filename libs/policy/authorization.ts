import type { Role } from './roles.js';

/**
 * Who may read and do what: the one table behind the API's route rules (`@Allow`), the read models'
 * scopes (who reads every record of a kind instead of only their own or their department's), the web
 * app's menus (through `GET /api/me` permissions) and the authorization matrix test.
 *
 * Route rules answer "may this person call this at all"; the object rules (own record, department,
 * task eligibility, separation of duties) apply on top, in the services and the workflows. The auditor
 * reads everything and writes nothing (libs/policy/access.ts `rolesSatisfy`), so the auditor appears
 * here only on reading permissions.
 */
export const AUTHORIZATION = {
  directory: {
    /** Reads every department, employee and user (others: their own, a supervisor their departments). */
    readAll: ['hr', 'cc_manager', 'auditor', 'id_admin'],
    /** Creates and changes departments, employees and accounts (privileged changes need a second person). */
    manage: ['hr', 'cc_manager'],
  },
  accountChanges: {
    /** Reads every account-change request (the requester reads their own). */
    readAll: ['hr', 'cc_manager', 'auditor'],
  },
  onboarding: {
    readAll: ['hr', 'cc_manager'],
    /** Starts an onboarding: agreements (INF-10), agent ID (INF-12). */
    start: ['hr'],
  },
  offboarding: {
    readAll: ['hr', 'cc_manager'],
    /** Starts an offboarding and adds items to the leaver's checklist (INF-13). */
    start: ['hr'],
  },
  accessRequests: {
    /** Reads every access request (others: their own, a supervisor their departments). */
    readAll: ['it', 'cc_manager', 'leadership'],
    /** The emergency cut-off of all external network access (SYS-5). */
    cutOff: ['it', 'cc_manager'],
  },
  tasks: {
    /** Reads every task, not only the ones they may act on. */
    readAll: ['auditor', 'cc_manager'],
    /** Hands a task to another eligible person (within the task's own rule, libs/policy/task-rules.ts). */
    reassign: ['supervisor', 'leadership', 'cc_manager'],
  },
  agentIds: {
    read: ['id_admin', 'cc_manager', 'auditor'],
    /** Adds ranges, assigns, suspends and retires agent IDs (INF-12, AID-1). */
    manage: ['id_admin'],
    /** Takes back a privileged ID lent under a grant that ended (AID-2). */
    checkIn: ['cc_manager', 'id_admin'],
  },
  audit: {
    /** The hash-chained audit trail, its verification and exports (INF-9). */
    read: ['auditor', 'hr', 'cc_manager'],
  },
  enforcement: {
    /** What the directory and proxy enforce now, drift, and deliveries to other systems. */
    read: ['it', 'cc_manager', 'auditor'],
    reconcile: ['it', 'cc_manager'],
    redeliver: ['it'],
  },
  calendar: {
    /** Keeps the working-day calendar: holidays and make-up working days (调休) per year. Everyone signed in reads it. */
    manage: ['cc_manager'],
  },
  duties: {
    /** Reads the recurring duties' occurrences: done, late, missed (EQ-6). The owners act on them through their tasks. */
    read: ['cc_manager', 'site_manager', 'auditor'],
    /** Defines, changes, pauses and deletes the recurring duties (EQ-1: the call center manager leads machine-room safety). */
    manage: ['cc_manager'],
  },
  hazards: {
    /** Reads the hazards and their age (EQ-2, EQ-4): the machine-room managers who remove them, those who oversee them, the auditor. */
    read: ['site_manager', 'cc_manager', 'supervisor', 'auditor'],
    /** Reports a hazard at once (EQ-4): every working person; the auditor changes nothing. */
    report: ['employee', 'supervisor', 'leadership', 'it', 'cc_manager', 'site_manager', 'id_admin', 'hr', 'security'],
  },
  visitors: {
    /**
     * Reads visits (with the visitor's name while it is kept), who is inside now, the CSV export, the
     * designated escorts and the stranger incidents. Security runs the desk (INF-1), the call-center
     * manager owns machine-room safety (EQ-1, INF-3, INF-4), the auditor checks. Nobody else: a visit
     * belongs to no department, and a visitor's personal data is read by as few people as the work needs
     * (PIPL), so supervisors, hosts and agents do not read the register.
     */
    read: ['security', 'cc_manager', 'auditor'],
    /** Registers a visitor and checks them out (INF-1); only security staff, so no employee brings a guest in by themselves (INF-4). */
    register: ['security'],
    /**
     * Reads a visit's full identity-document number, with a reason that is recorded (PIPL: the number is
     * otherwise shown masked to everyone). Security only, who took it down.
     */
    revealDocument: ['security'],
    /** Records a stranger found in the machine room: escorted out first, then asked why (INF-3). */
    reportStranger: ['security'],
    /** Keeps the list of managers designated to escort guests into the machine room (INF-4). */
    designateEscorts: ['cc_manager'],
  },
  mail: {
    /** Reads the mail the SMTP server refused for good (bounces), to fix an address or the server. */
    readFailures: ['cc_manager', 'it'],
  },
  responsibilities: {
    /** Reads the named owners register and its flags (EQ-1, EQ-3, INF-9). */
    read: ['cc_manager', 'leadership', 'site_manager', 'hr', 'auditor'],
    /** Names owners and deputies: the call center manager leads machine-room safety (EQ-1). */
    manage: ['cc_manager'],
  },
  rules: {
    /** Reads everyone's yearly rules acknowledgement and who is overdue (EQ-5, SYS-3, SYS-4, AID-1). */
    read: ['hr', 'cc_manager', 'auditor'],
  },
  computers: {
    /** Reads the machine-room computer inventory, its lock checks and the grants shown on each (INF-6). */
    read: ['it', 'cc_manager', 'site_manager', 'auditor'],
    /** Registers computers and records lock checks: the computer-maintenance staff (INF-6). */
    manage: ['it'],
  },
  assessment: {
    /**
     * The assessment report (policy preamble: compliance per person and per department) and its exports.
     * Everyone who works here reads it: a supervisor for the departments they work in or lead, anyone else
     * without readAll their own record only.
     */
    read: ['employee', 'supervisor', 'leadership', 'it', 'cc_manager', 'site_manager', 'id_admin', 'hr', 'security', 'auditor'],
    /** Reads every department and person: the call center manager, who leads, and the auditor, who assesses. */
    readAll: ['cc_manager', 'auditor'],
  },
  media: {
    /** Reads the lending register of machine-room media: items, loans, overdue and quarantined ones (INF-6). Security hears of every infected one. */
    read: ['it', 'site_manager', 'cc_manager', 'security', 'auditor'],
    /** Registers items, lends them to a named person and records their return: the machine-room managers and IT, who keep the media (INF-6, INF-13). */
    lend: ['it', 'site_manager'],
    /** Records the virus check of a returned item and deals with a quarantined one: the computer-maintenance staff (INF-6). */
    virusCheck: ['it'],
  },
  temporalCodec: {
    /** Decodes Custodian's encrypted Temporal payloads for the Temporal CLI and Web UI. */
    decode: ['it', 'auditor'],
  },
} as const satisfies Record<string, Record<string, readonly Role[]>>;

type Table = typeof AUTHORIZATION;
/** A permission's name, e.g. `agentIds.manage`. */
export type Permission = { [A in keyof Table]: `${A & string}.${keyof Table[A] & string}` }[keyof Table];

export const PERMISSIONS = Object.entries(AUTHORIZATION).flatMap(([area, actions]) => Object.keys(actions).map((a) => `${area}.${a}` as Permission));

/** The roles a permission lists. */
export function rolesFor(p: Permission): readonly Role[] {
  const [area, action] = p.split('.') as [keyof Table, string];
  return (AUTHORIZATION[area] as Record<string, readonly Role[]>)[action];
}

/**
 * The permissions a person holds through their roles. The auditor's count only where the auditor is
 * listed (reading permissions).
 */
export const permissionsOf = (roles: readonly Role[]): Permission[] => PERMISSIONS.filter((p) => rolesFor(p).some((r) => roles.includes(r)));
