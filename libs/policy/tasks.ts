import type { Role } from './roles.js';
import type { LocalizedText } from './text.js';
import type { UpdateStamp } from './trust.js';
import type { ProcessKind } from './workflow-ids.js';

/** What a task asks for; it decides the form the inbox shows and the payload the workflow accepts. */
export const TASK_KINDS = ['approval', 'it_action', 'agreement', 'acknowledgement', 'account_setup', 'return_item', 'virus_check', 'signoff', 'power_off_check', 'shift_handover', 'doors_windows_check', 'extinguisher_check', 'fire_training', 'backup_record', 'power_inspection', 'hazard_fix', 'equipment_check', 'notes_handin', 'notes_receipt', 'quarantine_disposal', 'handover', 'rules_acknowledgement', 'computer_locks_check', 'quarantine_review'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** Outcomes a person can submit (`POST /api/tasks/:id/complete`). */
export const TASK_OUTCOMES = ['approve', 'reject', 'done'] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

/** A task's state in the read model; expired and cancelled are decided by the workflow itself. */
export const TASK_STATUSES = ['open', 'decided', 'expired', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The caller as the API passes it in Update args (the workflow cannot look users up). */
export interface TaskActor {
  userId: string;
  roles: Role[];
  departmentId: string | null;
  /**
   * Every department the person works in or leads (a supervisor of two departments acts for both).
   * Optional: Updates recorded before it existed carry departmentId alone, which then counts as the list.
   */
  departmentIds?: string[];
}

/** The person a task is reassigned to, as the API found them (the workflow cannot look users up). */
export interface AssigneeFacts {
  userId: string;
  roles: Role[];
  departmentIds: string[];
}

/** A role, optionally limited to one department (a supervisor acts for their own department only). */
export interface RoleScope {
  role: Role;
  departmentId: string | null;
}

/** People barred from a task by separation of duties, and why (shown in the 403 message). */
export interface Exclusion {
  userId: string;
  reason: 'requester' | 'other_stage' | 'reporter' | 'subject' | 'borrower' | 'leaver' | 'holder';
}

/** Who the task is about and what was asked: shown in the inbox next to the form. */
export interface TaskContext {
  subjectUserId: string | null;
  subjectEmployeeId: string | null;
  requestedBy: string | null;
  summary: LocalizedText;
  details: Record<string, string | number | boolean | null>;
}

/** Values the submitted data must repeat exactly (the agreement version and text hash, INF-10). */
export type ExpectedData = Record<string, string>;

/** Update arguments carry the API's stamp (trust.ts); the API's gateway adds it to every Update it sends. */
export interface DecideTaskArgs extends Partial<UpdateStamp> {
  taskId: string;
  actor: TaskActor;
  outcome: TaskOutcome;
  comment?: string;
  data?: Record<string, unknown>;
}

/** The workflow's answer to an accepted decision; the HTTP response carries it. */
export interface TaskDecision {
  taskId: string;
  outcome: TaskOutcome;
  decidedBy: string;
  decidedAt: string;
  comment: string | null;
  data: Record<string, unknown>;
}

export type AssignmentAction = 'claim' | 'unclaim' | 'reassign';

export interface ChangeAssignmentArgs extends Partial<UpdateStamp> {
  taskId: string;
  actor: TaskActor;
  action: AssignmentAction;
  /** For reassign: the user who gets the task (the API has checked they exist and hold a suitable role). */
  toUserId?: string;
  /**
   * For reassign: that user's roles and departments, so the validator applies the same eligibility rule as
   * the API (SYS-1, INF-12). Updates recorded before it existed lack it; handlers use toUserId.
   */
  to?: AssigneeFacts;
}

export interface AssignmentResult {
  taskId: string;
  assigneeUserId: string | null;
}

/** How a task the workflow waited for ended. */
export interface TaskResult {
  taskId: string;
  step: string;
  outcome: TaskOutcome | 'expired' | 'cancelled';
  decidedBy: string | null;
  decidedAt: string;
  comment: string | null;
  data: Record<string, unknown>;
  /** The process step this decision settles was recorded with it (HumanTaskSpec.settles). */
  stepRecorded?: boolean;
}

/** A task as the workflow asks the read model to show it. */
export interface TaskRecord {
  taskId: string;
  workflowId: string;
  process: ProcessKind;
  processKey: string;
  step: string;
  kind: TaskKind;
  title: LocalizedText;
  assigneeUserId: string | null;
  candidate: RoleScope | null;
  escalation: RoleScope & { mayDecide: boolean };
  excluded: Exclusion[];
  expected: ExpectedData | null;
  context: TaskContext;
  dueAt: string;
  deadlineAt: string | null;
}
