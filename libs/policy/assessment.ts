import type { ProcessKind } from './workflow-ids.js';
import type { TaskKind } from './tasks.js';

/**
 * The assessment scheme of the policy's preamble: compliance measured per person and per department.
 * Every required step is a human task with a due time (onboarding and offboarding steps, approval stages,
 * return-checklist items, recurring duties, note hand-ins INF-11(4), hazard fixes EQ-2/EQ-4), so one
 * assessment item is kept per task and judged by when it was done against its due time. Pure data and
 * rules shared by the projector, the read model, the API and the tests.
 */
export const ASSESSMENT_KINDS = ['onboarding_step', 'offboarding_step', 'approval', 'return_item', 'duty', 'note_handin', 'hazard_fix', 'other'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

/** The four outcomes reported; `cancelled` (a withdrawn request, a process ended early) is kept but never counted. */
export const ASSESSMENT_OUTCOMES = ['on_time', 'late', 'missed', 'open'] as const;
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number];
export type AssessmentItemState = AssessmentOutcome | 'cancelled';

/** The longest period one report covers (a year and a day: a leap year's report fits). */
export const ASSESSMENT_MAX_DAYS = 366;

const RETURN_TASKS: readonly TaskKind[] = ['return_item', 'virus_check', 'signoff', 'quarantine_disposal', 'quarantine_review'];
const NOTE_TASKS: readonly TaskKind[] = ['notes_handin', 'notes_receipt'];

/** What kind of required item a task is, from its process and form. */
export function assessmentKind(process: ProcessKind | string, taskKind: TaskKind | string): AssessmentKind {
  switch (process) {
    case 'onboarding':
      return 'onboarding_step';
    case 'offboarding':
      return RETURN_TASKS.includes(taskKind as TaskKind) ? 'return_item' : 'offboarding_step';
    case 'access_request':
    case 'account_change':
      return 'approval';
    case 'duty':
      return NOTE_TASKS.includes(taskKind as TaskKind) ? 'note_handin' : 'duty';
    case 'hazard':
      return 'hazard_fix';
    default:
      return 'other';
  }
}

/** A share of the settled items (on time + late + missed), null when none is settled; open items are not yet judged. */
export function rate(part: number, settled: number): number | null {
  return settled === 0 ? null : Math.round((part / settled) * 10_000) / 10_000;
}
