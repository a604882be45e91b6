import { type Exclusion, type TaskContext } from '../libs/policy/tasks.js';
import { type QuarantineDisposition } from '../libs/policy/offboarding.js';
import { type LocalizedText } from '../libs/policy/text.js';
import { TITLES } from '../libs/policy/titles.js';
import { acts, keyOf } from './activities.js';
import type { HumanTasks } from './human-task.js';

/** An infected machine-room medium, wherever it came back: a leaver's checklist or the lending register. */
export interface QuarantineSpec {
  /** Makes the notification's key unique within the run (the item and the attempt, or the loan). */
  key: (string | number)[];
  /** The event-log subject the notification is about. */
  subject: string;
  label: string;
  /** What stays open until it is dealt with (the offboarding, the loan). */
  body: LocalizedText;
  /** The notification's and the task's titles, when not the leaver's disk ones. */
  titles?: { notice: LocalizedText; task: LocalizedText };
  /** Who may not deal with it (the borrower of a lent medium). */
  excluded?: Exclusion[];
  dueInMs: number;
  context: TaskContext;
}

/**
 * INF-6: an infected medium is quarantined, not received. IT and security are told at once; IT (the
 * computer-maintenance staff who handle media) records it cleaned or destroyed, a named person, and
 * whatever waits for it cannot close before. Overdue, the task escalates to the call-center manager, who
 * leads machine-room safety (EQ-1), and security hears again. One path for every infected return, so
 * both places treat it alike.
 */
export async function quarantineDisposal(tasks: HumanTasks, q: QuarantineSpec): Promise<{ disposition: QuarantineDisposition; by: string; comment: string | null }> {
  const security = { role: 'security' as const, departmentId: null };
  await acts.notify({
    key: keyOf('notify', 'quarantined', ...q.key), subject: q.subject,
    recipients: [{ role: 'it', departmentId: null }, security], title: q.titles?.notice ?? TITLES.quarantined(q.label), body: q.body,
  });
  const disposal = await tasks.run({
    step: 'quarantine_disposal', kind: 'quarantine_disposal', title: q.titles?.task ?? TITLES.quarantineDisposal(q.label), candidate: { role: 'it', departmentId: null },
    escalation: { role: 'cc_manager', departmentId: null, mayDecide: false }, alsoNotify: [security], dueInMs: q.dueInMs, context: q.context,
    ...(q.excluded ? { excluded: q.excluded } : {}),
  });
  return { disposition: disposal.data.disposition === 'destroyed' ? 'destroyed' : 'cleaned', by: disposal.decidedBy!, comment: disposal.comment };
}
