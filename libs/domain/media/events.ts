import type { MediaKind } from '../../policy/media.js';
import type { QuarantineDisposition } from '../../policy/offboarding.js';

/**
 * Every change to the lending register of machine-room media (INF-6): an item's on `media:<item>`, a
 * loan's on `media-loan:<loan>` (the stream its workflow's tasks write to as well).
 */
export const MediaEvent = {
  Registered: 'media.registered',
  Lent: 'media.lent',
  /** The loan's workflow could not be started: the loan is withdrawn, the item available again. */
  LendWithdrawn: 'media.lend_withdrawn',
  Overdue: 'media.loan_overdue',
  Returned: 'media.returned',
  VirusChecked: 'media.virus_checked',
  Disposed: 'media.disposed',
} as const;

/** An item in the register: its label, kind and the room it belongs to. The actor registered it. */
export interface MediaRegistered {
  itemId: string;
  label: string;
  kind: MediaKind;
  room: string;
}

/** The item lent to a named person by the actor, due back at dueAt, for this purpose. */
export interface MediaLent {
  loanId: string;
  itemId: string;
  borrowerUserId: string;
  dueAt: string;
  purpose: string;
  workflowId: string;
}

export interface MediaLendWithdrawn {
  loanId: string;
  itemId: string;
  reason: string;
}

/** The due time passed with the item still out (the loan's workflow, at its timer). */
export interface MediaLoanOverdue {
  loanId: string;
  itemId: string;
  dueAt: string;
}

/** The item is back, received by `by` (never the borrower); it waits for IT's virus check. */
export interface MediaReturned {
  loanId: string;
  itemId: string;
  by: string;
  note: string | null;
}

/** IT's virus check: clean closes the loan; infected quarantines the item and keeps the loan open. */
export interface MediaVirusChecked {
  loanId: string;
  itemId: string;
  by: string;
  result: 'clean' | 'infected';
}

/** IT dealt with the quarantined item: cleaned (available again) or destroyed; the loan closes. */
export interface MediaDisposed {
  loanId: string;
  itemId: string;
  by: string;
  disposition: QuarantineDisposition;
  note: string | null;
}
