import { ApplicationFailure, condition, getExternalWorkflowHandle, proxyActivities, setHandler } from '@temporalio/workflow';
import type { MediaActivities } from '../activities/media.activities.js';
import { PERMANENT_ERROR_TYPES } from '../libs/policy/errors.js';
import { MEDIA_CHECK_DUE_MS, mediaLoanSubject, type LoanSettledArgs, type MediaLoanInput, type MediaLoanState, type ReturnMediaArgs } from '../libs/policy/media.js';
import { loanOnChecklistSignal, loanSettledSignal, mediaLoanStatusQuery, returnMediaUpdate } from '../libs/policy/messages.js';
import { isRefusedPayload } from '../libs/policy/trust.js';
import type { QuarantineDisposition } from '../libs/policy/offboarding.js';
import type { TaskContext } from '../libs/policy/tasks.js';
import { text } from '../libs/policy/text.js';
import { TITLES } from '../libs/policy/titles.js';
import { acts, applies, keyOf } from './activities.js';
import { HumanTasks } from './human-task.js';
import { QUARANTINE_REVIEW_PATCH, quarantineDisposal } from './quarantine.js';
import { refuseUnauthenticatedInput, unauthenticated } from './update-stamps.js';

/** The loan's own steps (activities/media.activities.ts), with the same retry rules as every other database step. */
const mediaActs = proxyActivities<MediaActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: PERMANENT_ERROR_TYPES },
});

export interface MediaLoanOutcome {
  loanId: string;
  result: 'clean' | QuarantineDisposition | 'cancelled';
}

const refuse = (type: string, message: string): never => {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
};

/**
 * INF-6: one machine-room disk, CD, USB drive or tape lent to a named person. The API has recorded the loan
 * and starts this workflow, which waits for the return (an Update the API sends, received by someone other
 * than the borrower). Past the due time the loan is flagged overdue and the borrower, the lender and the
 * machine-room managers are told, once; it goes on waiting. Back, the item waits for IT's virus check (a
 * task the borrower may not decide): clean closes the loan; infected quarantines it (workflows/quarantine.ts,
 * the same path as a leaver's infected disk) and the loan stays open until IT records it cleaned or destroyed
 * and security has reviewed it (both tasks at once; neither for the borrower).
 */
export async function mediaLoanWorkflow(input: MediaLoanInput): Promise<MediaLoanOutcome> {
  refuseUnauthenticatedInput(input);
  const tasks = new HumanTasks('media_loan', input.loanId);
  const subject = mediaLoanSubject(input.loanId);
  let state: MediaLoanState = 'out';
  let overdue = false;
  /** Set by the return's handler (which runs on replay too, unlike its validator), before its write. */
  let receiving = false;
  let returned = false;
  /** INF-13: the borrower is leaving and this loan is an item of their return checklist (set only by that signal). */
  let checklist: { workflowId: string; itemId: string } | null = null;
  /** Who received it on the leaver's checklist, when it came back that way rather than through the register. */
  let receivedOnChecklist: string | null = null;
  let returnedBy: string | null = null;

  // INF-13: the offboarding lists the loan on the checklist and, once the on-site manager has received it
  // there, says by whom: that is this loan's return (recorded once, below), never by the borrower. A loan
  // already returned ignores the second return. Old runs never receive it, so their commands are unchanged.
  setHandler(loanOnChecklistSignal, (a) => {
    if (isRefusedPayload(a) || typeof a?.offboardingWorkflowId !== 'string' || typeof a.itemId !== 'string') return;
    checklist = { workflowId: a.offboardingWorkflowId, itemId: a.itemId };
    if (typeof a.returnedBy === 'string' && a.returnedBy !== input.borrowerUserId && !receiving) {
      receiving = true;
      receivedOnChecklist = a.returnedBy;
      state = 'virus_check';
    }
  });
  /** Tells the leaver's checklist how the loan ended (a checklist already gone has nothing to wait for). */
  const tellChecklist = async (r: Omit<LoanSettledArgs, 'itemId' | 'loanId' | 'returnedBy'>) => {
    if (!checklist) return;
    await getExternalWorkflowHandle(checklist.workflowId)
      .signal(loanSettledSignal, { itemId: checklist.itemId, loanId: input.loanId, returnedBy: returnedBy ?? '', ...r })
      .catch(() => undefined);
  };

  setHandler(mediaLoanStatusQuery, () => ({ loanId: input.loanId, state, overdue, openTasks: tasks.openTasks() }));
  setHandler(
    returnMediaUpdate,
    async (a: ReturnMediaArgs) => {
      tasks.stamps.remember(a);
      receiving = true; // a second return sent meanwhile is refused by the validator
      state = 'virus_check';
      // The write happens here (a remote activity, after the Update is accepted), so the caller's next read sees it.
      await mediaActs.recordMediaReturned({ key: keyOf('returned'), loanId: input.loanId, by: a.by, note: a.note ?? null });
      returnedBy = a.by;
      returned = true;
      return { loanId: input.loanId, returned: true as const };
    },
    {
      validator: (a: ReturnMediaArgs) => {
        const forged = unauthenticated(a) ?? tasks.stamps.check(a);
        if (forged) refuse(forged.code, forged.message);
        if (receiving) refuse('ALREADY_DECIDED', 'this medium has already been returned');
        if (typeof a.by !== 'string' || a.loanId !== input.loanId) refuse('VALIDATION_FAILED', 'loanId (this loan) and by are required');
        if (a.by === input.borrowerUserId) refuse('SEPARATION_OF_DUTIES', 'you borrowed this medium; another keeper must receive it back (INF-6)');
      },
    },
  );

  // Out until returned; at the due time flagged once and the people concerned told, then still waiting.
  if (!(await condition(() => receiving, Math.max(1, Date.parse(input.dueAt) - Date.now())))) {
    overdue = true;
    await mediaActs.recordLoanOverdue({ key: keyOf('overdue'), loanId: input.loanId, dueAt: input.dueAt });
    await acts.notify({
      key: keyOf('notify', 'overdue'), subject,
      recipients: [{ userId: input.borrowerUserId }, { userId: input.lentBy }, { role: 'site_manager', departmentId: null }],
      title: TITLES.mediaOverdue(input.label), body: TITLES.mediaOverdueBody,
    });
  }
  await condition(() => returned || receivedOnChecklist !== null);
  if (!returned && receivedOnChecklist) {
    await mediaActs.recordMediaReturned({ key: keyOf('returned'), loanId: input.loanId, by: receivedOnChecklist, note: 'received on the leaver\'s return checklist (INF-13)' });
    returnedBy = receivedOnChecklist;
    returned = true;
  }

  const context: TaskContext = {
    subjectUserId: input.borrowerUserId, subjectEmployeeId: null, requestedBy: input.lentBy,
    summary: text(`Returned machine-room medium: ${input.label} (lent for: ${input.purpose})`, `归还的机房介质：${input.label}（借用用途：${input.purpose}）`),
    details: { loanId: input.loanId, itemId: input.itemId, label: input.label, kind: input.kind },
  };
  const scan = await tasks.run({
    step: 'virus_check', kind: 'virus_check', title: TITLES.mediaVirusCheck(input.label), candidate: { role: 'it', departmentId: null },
    escalation: { role: 'cc_manager', departmentId: null, mayDecide: false }, dueInMs: MEDIA_CHECK_DUE_MS,
    excluded: [{ userId: input.borrowerUserId, reason: 'borrower' }], context,
  });
  if (scan.outcome !== 'done' || !scan.decidedBy) return { loanId: input.loanId, result: 'cancelled' };
  const result = scan.data.result === 'infected' ? 'infected' : 'clean';
  await mediaActs.recordMediaVirusCheck({ key: keyOf('virus_check'), loanId: input.loanId, by: scan.decidedBy, result });
  if (result === 'clean') {
    state = 'closed';
    await tellChecklist({ result: 'clean', virusCheckedBy: scan.decidedBy, disposedBy: null, note: null, securityReview: null });
    return { loanId: input.loanId, result: 'clean' };
  }
  state = 'quarantined';
  // INF-6: security's own task beside IT's. Patched: loans recorded before it replay with IT's task alone. This
  // workflow runs no local activities (it never calls beginRun), so asking here, where the path starts, is safe.
  const securityReview = applies(QUARANTINE_REVIEW_PATCH);
  const disposal = await quarantineDisposal(tasks, {
    key: [input.loanId], subject, label: input.label, body: securityReview ? TITLES.quarantinedLoanReviewBody : TITLES.quarantinedLoanBody, dueInMs: MEDIA_CHECK_DUE_MS, context,
    titles: { notice: TITLES.mediaQuarantined(input.label), task: TITLES.mediaQuarantineDisposal(input.label), review: TITLES.mediaQuarantineReview(input.label) },
    securityReview,
    excluded: [{ userId: input.borrowerUserId, reason: 'borrower' }], // nor does the borrower record their infected medium cleaned
  });
  if (!disposal.by) return { loanId: input.loanId, result: 'cancelled' };
  await mediaActs.recordMediaDisposal({ key: keyOf('disposal'), loanId: input.loanId, by: disposal.by, disposition: disposal.disposition, note: disposal.comment });
  state = 'closed';
  await tellChecklist({ result: disposal.disposition, virusCheckedBy: scan.decidedBy, disposedBy: disposal.by, note: disposal.comment, securityReview: disposal.review });
  return { loanId: input.loanId, result: disposal.disposition };
}
