import type {
  AccessEndReason,
  AccountChange,
  AccountChangeStatus,
  AccessKind,
  AgreementRef,
  AssignmentAction,
  GrantView,
  NotificationRequest,
  ProcessKind,
  ProcessStatusBase,
  ReturnItemKind,
  ReturnItemState,
  RoleScope,

  StepEntry,
  TaskDecision,
  TaskRecord,
} from '../libs/policy/index.js';
import type { Role } from '../libs/policy/roles.js';
import type { AccessRequestSubmitted } from '../libs/domain/access/access.js';
import type { ProcessStarted } from '../libs/domain/processes/processes.js';
import type { BeginDutyInput, BeginDutyResult } from '../libs/domain/duties/commands.js';
import type { DutyCompleted, DutyLate, DutyMissed } from '../libs/domain/duties/events.js';

/**
 * The activities the workflows call, as signatures only: workflows import this file as a type, tests
 * mock it, and activities/*.activities.ts implement it. Every call carries `key` =
 * `${workflowId}:${step}`, the EventStore idempotency key: a retried activity returns its first result
 * and writes nothing twice (no second agent ID, no second event).
 */
export interface Keyed {
  key: string;
}

export interface ProcessRef {
  process: ProcessKind;
  processKey: string;
}

/** The payload of `process.started`, keyed: one shape from the workflow to the event. */
export type StartProcessInput = Keyed & ProcessStarted;

export interface RecordStepInput extends Keyed, ProcessRef {
  step: string;
  state: StepEntry['state'];
  by: string | null;
  detail?: Record<string, string | number | boolean | null>;
}

export interface FinishProcessInput extends Keyed, ProcessRef {
  state: Exclude<ProcessStatusBase['state'], 'running'>;
  /** The stage it ends in, e.g. active (onboarding), left (offboarding), ended (access request). */
  stage: string;
  result: Record<string, unknown>;
  /** Sent in the same transaction, before the end is recorded: the requester's last notice. */
  notify?: NotificationRequest;
}

export interface TaskActivities {
  openTask(i: Keyed & { task: TaskRecord }): Promise<void>;
  escalateTask(i: Keyed & { taskId: string; escalation: RoleScope; notify: NotificationRequest }): Promise<void>;
  /**
   * Records a person's decision; with `step`, also the process step it settles (the same person, one
   * transaction), so the decision's answer waits for one write instead of two; with `next`, also opens the
   * task the decision leads to (the next approval stage), by the workflow, in that same transaction.
   */
  recordDecision(i: Keyed & { decision: TaskDecision; step?: Omit<RecordStepInput, 'key'>; next?: TaskRecord }): Promise<void>;
  /** Closes a task nobody decided: its final deadline passed (expired) or its process ended (cancelled). */
  closeTask(i: Keyed & { taskId: string; status: 'expired' | 'cancelled'; reason: string }): Promise<void>;
  recordAssignment(i: Keyed & { taskId: string; action: AssignmentAction; by: string; assigneeUserId: string | null }): Promise<void>;
  notify(i: Keyed & NotificationRequest): Promise<void>;
}

export interface ProcessActivitiesBase {
  /**
   * Where a grant of this kind takes effect, asked once before enabling it: the directory (a managed
   * group), the kind's own system (a signed webhook), or IT's hand. A read of settings, no side effect.
   */
  grantRoute(i: { kind: AccessKind }): Promise<'directory' | 'webhook' | 'manual'>;
  startProcess(i: StartProcessInput): Promise<void>;
  recordStep(i: RecordStepInput): Promise<void>;
  finishProcess(i: FinishProcessInput): Promise<void>;
}

export interface EndGrantInput extends Keyed {
  grantId: string;
  reason: AccessEndReason;
  by: string;
  comment: string | null;
  /** IT's task to switch it off by hand, opened in the same transaction. */
  removalTask?: TaskRecord;
  /** With removalTask: the request's end and last notice, recorded in the same transaction too. */
  finish?: Omit<FinishProcessInput, 'key'> & { notify: NotificationRequest };
}

/** The payload of `access_request.submitted`, keyed. */
export type SubmitAccessRequestInput = Keyed & AccessRequestSubmitted;

export interface ActivateGrantInput extends Keyed {
  requestId: string;
  grantId: string;
  kind: AccessKind;
  holderUserId: string;
  holderEmployeeId: string | null;
  enabledBy: string;
  startsAt: string;
  expiresAt: string;
  /** The directory member that enforces it (provisionGrant's answer); null or absent: enabled by hand. */
  enforcement?: { group: string; entry: string } | null;
  /** A kind without a directory: a signed webhook enforces it, or IT by hand (grantConnector's answer). */
  enforcedBy?: 'webhook' | 'manual' | null;
  /** Recorded in the same transaction: the process step that says the grant is active. */
  step?: Omit<RecordStepInput, 'key'>;
  /** Sent in the same transaction: the holder's notice that the access is on. */
  notify?: NotificationRequest;
}

/** The request's process.started and access_request.submitted, keyed once: one transaction. */
export interface OpenAccessRequestInput extends Keyed {
  started: ProcessStarted;
  submitted: AccessRequestSubmitted;
  /** The first approval task, opened in the same transaction (runs on this version). */
  firstTask?: TaskRecord;
}

export interface AccessActivities {
  submitAccessRequest(i: SubmitAccessRequestInput): Promise<void>;
  /** startProcess and submitAccessRequest in one transaction (newer runs; older ones called the two). */
  openAccessRequest(i: OpenAccessRequestInput): Promise<void>;
  /** Records the active grant; for special_agent_id it first checks a privileged ID out to the holder (AID-2). */
  activateGrant(i: ActivateGrantInput): Promise<GrantView>;
  extendGrant(i: Keyed & { grantId: string; expiresAt: string; approvedBy: string[] }): Promise<void>;
  /** Ends the grant (a privileged ID is checked back in); a no-op for a grant already ended. */
  endGrant(i: EndGrantInput): Promise<void>;
  /** Request ids of the user's access requests still pending or active (read model). */
  listOpenAccessRequests(i: { userId: string }): Promise<string[]>;
  /**
   * Closes a request whose own workflow is gone or does not answer (libs/domain/access/abandoned.ts): its
   * grant ends (a privileged ID is checked in), its open tasks are cancelled. False when it had ended already.
   */
  closeAbandonedAccessRequest(i: Keyed & { requestId: string; reason: 'revoked' | 'emergency_cut_off'; by: string; comment: string }): Promise<{ closed: boolean }>;
}

export interface GrantEnforcementInput extends Keyed {
  requestId: string;
  grantId: string;
  kind: AccessKind;
  holderUserId: string;
  by: string;
}

/** The systems that enforce a grant (activities/enforcement.activities.ts). */
export interface EnforcementActivities {
  /** Adds the holder to the kind's managed group once the directory confirms; null for a kind without a connector. */
  provisionGrant(i: GrantEnforcementInput): Promise<{ group: string; entry: string } | null>;
  /** Removes the member recorded at provisioning; retried by Temporal until the directory confirms. */
  deprovisionGrant(i: GrantEnforcementInput & { group: string; entry: string; reason: string }): Promise<void>;
  /** SYS-5: empties the kind's group in one operation, members without a grant too. */
  emptyAccessGroup(i: Keyed & { kind: AccessKind; by: string; reason: string }): Promise<{ connected: boolean; removed: number }>;
  /** Compares every managed group with the active grants; corrects the drift or only reports it. */
  reconcileDirectory(i: Keyed & { mode?: 'correct' | 'report'; by: string }): Promise<{ found: number; corrected: number }>;
  /**
   * INF-13, AID-1: a leaver leaves every managed group (grant or not, added by hand too) and their entry
   * is disabled where LDAP_DISABLE_* is set; recorded once the directory confirmed. Without a directory:
   * connected false, nothing recorded.
   */
  deprovisionPerson(i: DeprovisionPersonInput): Promise<DeprovisionPersonResult>;
}

export interface DeprovisionPersonInput extends Keyed {
  userId: string;
  employeeId: string;
  by: string;
}

export interface DeprovisionPersonResult {
  connected: boolean;
  entry: string | null;
  removedFrom: string[];
  disabled: boolean;
}

/** One Standard Webhooks delivery of a grant's change; the workflow passes ids only, never a URL or secret. */
export interface WebhookDeliveryInput extends Keyed {
  kind: AccessKind;
  type: 'grant.enabled' | 'grant.ended';
  /** The webhook-id header: the same on every try and on IT's redelivery. */
  webhookId: string;
  requestId: string;
  grantId: string;
  /** Who asked (the access workflow, or the IT person who pressed "send again"). */
  by: string;
}

/** What IT did by hand where no connector reaches (IT's "done" on a disable task). */
export type ItDisabledRecord =
  | { what: 'grant'; requestId: string; grantId: string; kind: AccessKind; reason: string }
  | { what: 'accounts'; employeeId: string; emailAccount: string | null; driveAccount: string | null };

/** Kinds without a directory group: signed webhooks, or IT's disable task (activities/webhook.activities.ts). */
export interface WebhookActivities {
  /** How a kind without a directory group is enforced: a configured webhook, else IT by hand. */
  grantConnector(i: { kind: AccessKind }): Promise<'webhook' | 'manual'>;
  /**
   * One delivery, retried by Temporal with back-off; after WEBHOOK_MAX_ATTEMPTS tries it is dead-lettered
   * and resolves `{ delivered: false }` so the workflow goes on. Never throws a secret.
   */
  deliverWebhook(i: WebhookDeliveryInput): Promise<{ delivered: boolean }>;
  /** INF-7: the email and drive accounts onboarding's IT set-up recorded for the employee (null when none). */
  findItAccounts(i: { employeeId: string }): Promise<{ emailAccount: string | null; driveAccount: string | null; setUpBy: string | null }>;
  /** Records IT's confirmation of a disable task: grant.deprovisioned (system manual) or the accounts disabled. */
  recordItDisabled(i: Keyed & { record: ItDisabledRecord; taskId: string; by: string }): Promise<void>;
}

export interface PeopleActivities {
  recordAgreementSignature(i: Keyed & { employeeId: string; userId: string; agreement: AgreementRef; signedAt: string }): Promise<void>;
  /** AID-1: the next free standard agent ID, atomically; the same key always yields the same ID. */
  assignStandardAgentId(i: Keyed & { employeeId: string }): Promise<{ agentId: string }>;
  suspendAgentId(i: Keyed & { employeeId: string }): Promise<{ agentId: string | null }>;
  /**
   * INF-13, AID-1: the leaver's account is deactivated, its sessions and roles end, and duties they held
   * are handed on (HR is told). Idempotent by key and by state (libs/domain/directory/leavers.ts).
   */
  lockLeaverAccount(i: Keyed & { employeeId: string; userId: string; subject: string }): Promise<{ changed: boolean; departmentsReleased: string[]; openTasks: number }>;
  retireAgentId(i: Keyed & { employeeId: string }): Promise<{ agentId: string | null }>;
  setEmployeeStatus(i: Keyed & { employeeId: string; status: 'active' | 'leaving' | 'left' }): Promise<void>;
  /**
   * A cancelled onboarding: the pending employee ends `left` (pending → left, the life cycle's terminal
   * state for someone who never started), with the reason on the event. They hold no agent ID or IP.
   */
  withdrawPendingEmployee(i: Keyed & { employeeId: string; reason: string }): Promise<void>;
  /** SYS-2: the next free address of the central IP plan; no address is held by two people. */
  allocateWorkstationIp(i: Keyed & { employeeId: string }): Promise<{ ip: string }>;
  releaseWorkstationIp(i: Keyed & { employeeId: string }): Promise<void>;
}

export interface ReturnItemUpdate {
  itemId: string;
  state: ReturnItemState;
  by: string;
  note: string | null;
  virusCheck?: 'clean' | 'infected';
}

export interface ReturnItemActivities {
  listReturnItem(i: Keyed & { workflowId: string; employeeId: string; itemId: string; kind: ReturnItemKind; label: string; addedBy: string }): Promise<void>;
  recordReturnItem(i: Keyed & ReturnItemUpdate): Promise<void>;
}

/** Four eyes on power: a privileged account change is recorded, then applied once approved, or closed. */
export interface AccountChangeActivities {
  recordAccountChangeRequest(i: Keyed & { requestId: string; requestedBy: string; approverRole: Role; change: AccountChange }): Promise<void>;
  /** Applies the change as the requester, with a stored password hash; a DomainError if it can no longer be applied. */
  applyAccountChange(i: Keyed & { requestId: string; requestedBy: string; approvedBy: string; change: AccountChange }): Promise<{ userId: string }>;
  closeAccountChange(i: Keyed & { requestId: string; status: Exclude<AccountChangeStatus, 'pending' | 'applied'>; by: string | null; reason: string | null }): Promise<void>;
}

/** Recurring duties (EQ-6 first): the calendar check that claims a day's occurrence, and its outcome. */
export interface DutyActivities {
  /** The time zone is the worker's (DEFAULT_TIME_ZONE), never the caller's. */
  beginDuty(i: Keyed & Omit<BeginDutyInput, 'timeZone'>): Promise<BeginDutyResult>;
  recordDutyLate(i: Keyed & DutyLate): Promise<void>;
  recordDutyCompleted(i: Keyed & DutyCompleted): Promise<void>;
  recordDutyMissed(i: Keyed & DutyMissed): Promise<void>;
}

export type ProcessActivities = TaskActivities &
  ProcessActivitiesBase &
  AccessActivities &
  EnforcementActivities &
  WebhookActivities &
  PeopleActivities &
  ReturnItemActivities &
  AccountChangeActivities &
  DutyActivities;

