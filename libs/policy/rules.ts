import type { ClauseId } from './clauses.js';
import { days } from './durations.js';

/** The clauses the yearly rules acknowledgement covers. */
export const RULES_CLAUSES: ClauseId[] = ['EQ-5', 'SYS-3', 'SYS-4', 'AID-1'];

export interface RulesAcknowledgementSettings {
  /** After this the task escalates to the department's supervisor: the acknowledgement is overdue. */
  dueMs: number;
  /** How long an acknowledgement holds: the next one is asked for this long after it. */
  everyMs: number;
  /** While the employee is still being onboarded, how often the cycle looks whether they are active (an hour by default). */
  startCheckEveryMs?: number;
}

export const DEFAULT_RULES_SETTINGS: RulesAcknowledgementSettings = { dueMs: days(7), everyMs: days(365) };

/** One employee's yearly cycle (started by their onboarding, or for staff who predate it). */
export interface RulesAcknowledgementInput {
  employeeId: string;
  employeeUserId: string;
  departmentId: string;
  settings: RulesAcknowledgementSettings;
}

export const rulesAcknowledgementWorkflowId = (employeeId: string): string => `rules-acknowledgement-${employeeId}`;
