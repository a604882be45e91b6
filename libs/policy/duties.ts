import type { ClauseId } from './clauses.js';
import type { Role } from './roles.js';
import type { LocalizedText } from './text.js';
import type { FormField } from './task-rules.js';
import type { TaskKind } from './tasks.js';

/**
 * Recurring duties (docs/policy.md, "recurring duties"): checklists that fall due on a schedule for a
 * named owner role and escalate when late. Defined in code for now; the API brings one Temporal Schedule
 * per definition in line with this list at boot (created, updated, deleted), and every firing runs
 * dutyOccurrenceWorkflow for that day. Pure data, so the workflow, the API and the tests share it.
 */

/** A local time of day in the call center's time zone (DEFAULT_TIME_ZONE), `HH:MM`. */
export type LocalTime = `${number}:${number}`;

export interface DutyDefinition {
  id: DutyId;
  clauses: readonly ClauseId[];
  title: LocalizedText;
  /** Who does it: the role the checklist task is open to. */
  owner: Role;
  /** Fires at this local time on every working day (the calendar decides; a holiday records nothing). */
  cadence: { every: 'working_day'; at: LocalTime };
  /** Done after this local time the same day: escalated to `escalation` and recorded late. */
  dueAt: LocalTime;
  escalation: Role;
  /** The checklist task's kind and fields (the kind's form, libs/policy/task-rules.ts). */
  taskKind: TaskKind;
  form: FormField[];
}

export const DUTY_IDS = ['machine_room_power_off'] as const;
export type DutyId = (typeof DUTY_IDS)[number];

/** What a person may write in a checklist's free-text field. */
export const DUTY_TEXT_MAX = 500;

/**
 * EQ-6: at day's end the managers switch off the machine room's main power, make sure nothing is live,
 * do the routine check, and only then leave. The owner is `site_manager`: docs/policy.md ("Roles") names
 * it the on-site / machine-room manager and gives it the daily power-off; the call-center manager is
 * told when it is late.
 */
export const DUTIES: Record<DutyId, DutyDefinition> = {
  machine_room_power_off: {
    id: 'machine_room_power_off',
    clauses: ['EQ-6'],
    title: { en: 'EQ-6: machine room power-off check', zh: 'EQ-6：机房下班断电检查' },
    owner: 'site_manager',
    cadence: { every: 'working_day', at: '18:00' },
    dueAt: '19:00',
    escalation: 'cc_manager',
    taskKind: 'power_off_check',
    form: [
      { name: 'powerOff', required: true, type: 'choice', values: [true, false] },
      { name: 'leftRunning', required: false, type: 'text', maxLength: DUTY_TEXT_MAX },
    ],
  },
};

export const isDutyId = (v: unknown): v is DutyId => typeof v === 'string' && (DUTY_IDS as readonly string[]).includes(v);

/** One day's occurrence of a duty: the key that makes a retried or duplicated firing open one task. */
export const dutyOccurrenceId = (dutyId: string, date: string): string => `${dutyId}:${date}`;
export const dutySubject = (occurrenceId: string): string => `duty:${occurrenceId}`;

/** The Temporal Schedule of one duty on one task queue (each deployment keeps its own). */
export const dutyScheduleId = (taskQueue: string, dutyId: string): string => `custodian-duty-${taskQueue}-${dutyId}`;
export const DUTY_SCHEDULE_PREFIX = (taskQueue: string): string => `custodian-duty-${taskQueue}-`;

export const DUTY_STATES = ['open', 'late', 'completed', 'missed'] as const;
export type DutyState = (typeof DUTY_STATES)[number];

/**
 * An occurrence started by hand (a test, an operator through a Custodian client). The schedule passes no
 * arguments: the payload codec binds every payload to its workflow id, which the schedule only knows at
 * each firing (it appends the time), so the run takes its duty from its workflow id instead.
 */
export interface DutyOccurrenceInput {
  dutyId: DutyId;
  /** The local date the occurrence is for; absent: the date the run starts on, in DEFAULT_TIME_ZONE. */
  date?: string;
}

/** The workflow id the schedule gives each run; Temporal appends `-<scheduled time>`. */
export const dutyRunWorkflowIdPrefix = (dutyId: string): string => `duty-${dutyId}`;
/** The duty of a scheduled run, from its workflow id (`duty-<dutyId>-<time>`); null for any other id. */
export const dutyOfWorkflowId = (workflowId: string): DutyId | null => {
  const m = /^duty-([a-z0-9_]+)-/.exec(workflowId);
  return m && isDutyId(m[1]) ? m[1] : null;
};

export const parseLocalTime = (t: LocalTime): { hour: number; minute: number } => {
  const [hour, minute] = t.split(':').map(Number) as [number, number];
  return { hour, minute };
};

/** How one run of dutyOccurrenceWorkflow ended. `duplicate`: another run already holds the day's occurrence. */
export type DutyOutcome =
  | { result: 'not_working_day'; date: string }
  | { result: 'duplicate'; date: string; occurrenceId: string; heldBy: string }
  | { result: 'completed' | 'missed'; date: string; occurrenceId: string; late: boolean; taskId: string };
