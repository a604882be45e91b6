import type { DutyDefinition, DutyId } from '../../policy/duties.js';

/** Every occurrence of a recurring duty is a stream `duty:<dutyId>:<YYYY-MM-DD>` (libs/policy/duties.ts). */
export const DutyEvent = {
  Opened: 'duty.opened',
  Late: 'duty.late',
  Completed: 'duty.completed',
  Missed: 'duty.missed',
  // A definition's stream `duty-definition:<dutyId>`.
  Defined: 'duty.defined',
  Redefined: 'duty.redefined',
  Paused: 'duty.paused',
  Resumed: 'duty.resumed',
  Deleted: 'duty.deleted',
  // One agent's part of a per-agent duty (EQ-4, INF-11(4)), on the occurrence's stream.
  AssignmentRecorded: 'duty.assignment_recorded',
} as const;

/** An agent's part ended: done (late or not), confirmed by whom, or missed. */
export interface DutyAssignmentRecorded {
  occurrenceId: string;
  userId: string;
  state: 'completed' | 'missed';
  late: boolean;
  data: Record<string, unknown> | null;
  completedAt: string | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
}

/** A duty defined (by the call-center manager, or seeded from the built-in ones: `seeded`). */
export interface DutyDefined {
  definition: DutyDefinition;
  seeded: boolean;
}
/** A definition changed: the whole new definition. */
export interface DutyRedefined {
  definition: DutyDefinition;
}
/** Paused (its schedule stops firing) or resumed, or deleted (its schedule is removed; the id stays taken by its history). */
export interface DutyDefinitionRef {
  dutyId: DutyId;
}

/** A working day's occurrence began: its checklist task is open to the owner role until dueAt. */
export interface DutyOpened {
  occurrenceId: string;
  dutyId: DutyId;
  date: string;
  workflowId: string;
  dueAt: string;
  deadlineAt: string;
}

/** Not done by its due time: escalated to the duty's escalation role. */
export interface DutyLate {
  occurrenceId: string;
}

/** Done (on time, or late when a duty.late came first), by whom, with the checklist's answers. */
export interface DutyCompleted {
  occurrenceId: string;
  by: string;
  at: string;
  late: boolean;
  data: Record<string, unknown>;
  comment: string | null;
}

/** Not done by the deadline (the next working day's start): the task closed unanswered. */
export interface DutyMissed {
  occurrenceId: string;
}
