import type { QuarantineDisposition } from './offboarding.js';
import type { OpenTaskSummary } from './process.js';
import type { UpdateStamp } from './trust.js';

/**
 * The lending register of machine-room media (INF-6, INF-13): the disks, CDs, USB drives and tapes that
 * belong to the machine room. Outside media may not be brought in, so what is used there is lent from
 * here: the machine-room managers (`site_manager`) or IT register an item and lend it to a named person
 * with a due date and a purpose, and record its return; IT virus-checks every returned item. An infected
 * one is not received: it is quarantined, IT and security are told, and the loan stays open until IT
 * records it cleaned or destroyed (the same treatment as an infected carrier on a leaver's checklist).
 * Pure data shared by the API, the workflow and the tests.
 */
export const MEDIA_KINDS = ['disk', 'cd', 'usb_drive', 'tape'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** An item is available, out on a loan, quarantined (infected, waiting for IT) or destroyed (never lent again). */
export const MEDIA_ITEM_STATES = ['available', 'lent', 'quarantined', 'destroyed'] as const;
export type MediaItemState = (typeof MEDIA_ITEM_STATES)[number];

/** A loan is out, back and waiting for its virus check, quarantined (infected) or closed. */
export const MEDIA_LOAN_STATES = ['out', 'virus_check', 'quarantined', 'closed'] as const;
export type MediaLoanState = (typeof MEDIA_LOAN_STATES)[number];

export const MEDIA_TEXT_MAX = 200;
/** The longest loan: a medium that stays out longer is a medium nobody watches. */
export const MEDIA_LOAN_MAX_DAYS = 90;
/** How long IT has for the virus check and for dealing with a quarantined item before the call-center manager is told. */
export const MEDIA_CHECK_DUE_MS = 24 * 3_600_000;

export const mediaItemSubject = (itemId: string): string => `media:${itemId}`;
export const mediaLoanSubject = (loanId: string): string => `media-loan:${loanId}`;
export const mediaLoanWorkflowId = (loanId: string): string => `media-loan-${loanId}`;

/** What the loan's workflow is started with (the API has recorded the loan already). */
export interface MediaLoanInput {
  loanId: string;
  itemId: string;
  label: string;
  kind: MediaKind;
  borrowerUserId: string;
  lentBy: string;
  /** ISO time the item is due back: past it the loan is flagged overdue and the people concerned are told. */
  dueAt: string;
  purpose: string;
}

/** The return, as the API sends it to the loan's workflow: who received it (never the borrower). */
export interface ReturnMediaArgs extends Partial<UpdateStamp> {
  loanId: string;
  by: string;
  note: string | null;
}

/**
 * INF-13: a leaver's open loan on their return checklist. The offboarding tells the loan's workflow which
 * checklist item it is (so the loan reports back when it closes) and, once the on-site manager has
 * received it on the checklist, who received it: the loan records that return and runs its own virus
 * check and quarantine (INF-6), so the medium's return is recorded once, by the lending register.
 */
export interface LoanOnChecklistArgs {
  offboardingWorkflowId: string;
  itemId: string;
  /** Who received it on the checklist; null while it is only listed. */
  returnedBy: string | null;
}

/** INF-13, INF-6: the loan's workflow tells the checklist how the loan ended. */
export interface LoanSettledArgs {
  itemId: string;
  loanId: string;
  result: 'clean' | QuarantineDisposition;
  returnedBy: string;
  virusCheckedBy: string;
  disposedBy: string | null;
  note: string | null;
  securityReview: { by: string; heldAt: string; sealNumber: string | null; comment: string | null } | null;
}

/** A leaver's loan not yet closed, as the offboarding finds it when it starts (INF-13). */
export interface OpenLoan {
  loanId: string;
  label: string;
  kind: MediaKind;
  state: MediaLoanState;
  workflowId: string;
}

/** The loan's workflow as its status query shows it. */
export interface MediaLoanStatus {
  loanId: string;
  state: MediaLoanState;
  overdue: boolean;
  openTasks: OpenTaskSummary[];
}
