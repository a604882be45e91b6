import type { EventStore } from '../libs/domain/events/event-store.js';
import { recordLoanOverdue, recordMediaDisposal, recordMediaReturned, recordMediaVirusCheck } from '../libs/domain/media/commands.js';
import type { QuarantineDisposition } from '../libs/policy/offboarding.js';
import type { MediaLoanView } from '../libs/read-models/media.js';
import { findMediaLoan, openLoansOf } from '../libs/read-models/media.js';
import type { OpenLoan } from '../libs/policy/media.js';
import type { Keyed } from './types.js';

/** INF-6: what a media loan's workflow records (workflows/media-loan.workflow.ts proxies these); each call one transaction, idempotent by its key. */
export interface MediaActivities {
  recordLoanOverdue(i: Keyed & { loanId: string; dueAt: string }): Promise<void>;
  recordMediaReturned(i: Keyed & { loanId: string; by: string; note: string | null }): Promise<void>;
  recordMediaVirusCheck(i: Keyed & { loanId: string; by: string; result: 'clean' | 'infected' }): Promise<void>;
  recordMediaDisposal(i: Keyed & { loanId: string; by: string; disposition: QuarantineDisposition; note: string | null }): Promise<void>;
  /** INF-13: a leaver's loans not yet closed, for their return checklist (a read). */
  leaverLoans(i: { borrowerUserId: string }): Promise<OpenLoan[]>;
  /** INF-13: a loan as the register shows it, for a checklist whose loan workflow has already ended (a read). */
  loanRecord(i: { loanId: string }): Promise<Pick<MediaLoanView, 'state' | 'returnedBy' | 'virusResult' | 'virusCheckedBy' | 'disposition' | 'disposedBy' | 'disposalNote'> | null>;
}

export function createMediaActivities(events: EventStore): MediaActivities {
  return {
    recordLoanOverdue: async ({ key, ...i }) => recordLoanOverdue(events, { idempotencyKey: key }, i),
    recordMediaReturned: async ({ key, ...i }) => recordMediaReturned(events, { idempotencyKey: key }, i),
    recordMediaVirusCheck: async ({ key, ...i }) => recordMediaVirusCheck(events, { idempotencyKey: key }, i),
    recordMediaDisposal: async ({ key, ...i }) => recordMediaDisposal(events, { idempotencyKey: key }, i),
    leaverLoans: async ({ borrowerUserId }) => openLoansOf(events.dataSource, borrowerUserId),
    loanRecord: async ({ loanId }) => {
      const l = await findMediaLoan(events.dataSource, loanId);
      return l && { state: l.state, returnedBy: l.returnedBy, virusResult: l.virusResult, virusCheckedBy: l.virusCheckedBy, disposition: l.disposition, disposedBy: l.disposedBy, disposalNote: l.disposalNote };
    },
  };
}
