import { type Exclusion, type TaskContext } from '../libs/policy/tasks.js';
import { type QuarantineDisposition } from '../libs/policy/offboarding.js';
import { type LocalizedText } from '../libs/policy/text.js';
import { TITLES } from '../libs/policy/titles.js';
import { acts, keyOf } from './activities.js';
import type { HumanTasks } from './human-task.js';

/** The patch that gave security a task of its own; each caller asks for it (see applies()). */
export const QUARANTINE_REVIEW_PATCH = 'quarantine-security-review';

/** An infected machine-room medium, wherever it came back: a leaver's checklist or the lending register. */
export interface QuarantineSpec {
  /** Makes the notification's key unique within the run (the item and the attempt, or the loan). */
  key: (string | number)[];
  /** The event-log subject the notification is about. */
  subject: string;
  label: string;
  /** What stays open until it is dealt with (the offboarding, the loan). */
  body: LocalizedText;
  /** The notification's and the tasks' titles, when not the leaver's disk ones. */
  titles?: { notice: LocalizedText; task: LocalizedText; review?: LocalizedText };
  /** Who may not deal with it (the borrower of a lent medium, the leaver who returned it). */
  excluded?: Exclusion[];
  dueInMs: number;
  context: TaskContext;
  /** Security gets its own review task (runs on the QUARANTINE_REVIEW_PATCH; older runs only told security). */
  securityReview: boolean;
}

export interface QuarantineOutcome {
  disposition: QuarantineDisposition;
  by: string;
  comment: string | null;
  /** Security's review, when the run has one: who, where the medium is held, its seal. */
  review: { by: string; heldAt: string; sealNumber: string | null; comment: string | null } | null;
}

/**
 * INF-6: an infected medium is quarantined, not received. IT and security are told at once; IT (the
 * computer-maintenance staff who handle media) records it cleaned or destroyed, a named person. Security,
 * who keep outside media out of the machine room (INF-6), gets a task of its own in parallel: a named
 * security person records where the medium is held and its seal. Whatever waits for it cannot close
 * before both are done. Overdue, each task escalates to the call-center manager, who leads machine-room
 * safety (EQ-1). One path for every infected return, so both places treat it alike.
 */
export async function quarantineDisposal(tasks: HumanTasks, q: QuarantineSpec): Promise<QuarantineOutcome> {
  const security = { role: 'security' as const, departmentId: null };
  const escalation = { role: 'cc_manager' as const, departmentId: null, mayDecide: false };
  const excluded = q.excluded ? { excluded: q.excluded } : {};
  await acts.notify({
    key: keyOf('notify', 'quarantined', ...q.key), subject: q.subject,
    recipients: [{ role: 'it', departmentId: null }, security], title: q.titles?.notice ?? TITLES.quarantined(q.label), body: q.body,
  });
  const disposing = tasks.run({
    step: 'quarantine_disposal', kind: 'quarantine_disposal', title: q.titles?.task ?? TITLES.quarantineDisposal(q.label), candidate: { role: 'it', departmentId: null },
    escalation, alsoNotify: [security], dueInMs: q.dueInMs, context: q.context, ...excluded,
  });
  const reviewing = q.securityReview
    ? tasks.run({
        step: 'quarantine_review', kind: 'quarantine_review', title: q.titles?.review ?? TITLES.quarantineReview(q.label), candidate: security,
        escalation, dueInMs: q.dueInMs, context: q.context, ...excluded,
      })
    : null;
  const [disposal, review] = await Promise.all([disposing, reviewing]);
  return {
    disposition: disposal.data.disposition === 'destroyed' ? 'destroyed' : 'cleaned', by: disposal.decidedBy!, comment: disposal.comment,
    review: review?.decidedBy
      ? { by: review.decidedBy, heldAt: String(review.data.heldAt), sealNumber: typeof review.data.sealNumber === 'string' ? review.data.sealNumber : null, comment: review.comment }
      : null,
  };
}
