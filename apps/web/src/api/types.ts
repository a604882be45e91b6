/**
 * The shapes the web app reads from and sends to the API. Every API type lives here and
 * every call lives in ./index.ts, so reconciling with the server is done in one place. This file has
 * no imports on purpose: the browser tests type their fixtures with it too.
 */

export const ROLES = ['employee', 'supervisor', 'leadership', 'it', 'cc_manager', 'site_manager', 'id_admin', 'hr', 'security', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Error body of every failed API call. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: string[];
  requestId?: string;
}

/** A text shown to people, carried in both languages by the server (task and notification titles). */
export interface Bilingual {
  en: string;
  zh: string;
}

export type Locale = 'zh-CN' | 'en';

/** The user in the login answer (POST /api/auth/login). */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** The language this user chose (PATCH /api/me), so it follows them to any browser. */
  locale: Locale;
  /** IANA zone for showing times; the system keeps UTC. */
  timeZone: string;
  /** INF-10: the password was set by someone else; the person sets their own before anything else. */
  mustSetPassword: boolean;
}

/** GET /api/me: the session user with their department, employee record and agent IDs. */
export interface Me extends SessionUser {
  department: { id: string; code: string; nameEn: string; nameZh: string } | null;
  employee: { id: string; fullName: string; status: string } | null;
  agentId: { code: string; kind: string; state: string } | null;
  privilegedAgentId: { code: string; until: string } | null;
}

export interface Tokens {
  tokenType: 'Bearer';
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  user: SessionUser;
}

export interface UpdateMe {
  locale?: Locale;
  timeZone?: string;
}

/** GET /api/config: settings the web app needs after sign-in. */
export interface WebConfig {
  /** Base URL of the Temporal Web UI; null hides the "open workflow" links. */
  temporalUiUrl: string | null;
  temporalNamespace: string;
  defaultTimeZone: string;
}

export interface Page<T> {
  items: T[];
  /** A floor when totalCapped: the API stops counting a long inbox at 1,000 rows. */
  total: number;
  totalCapped?: true;
  page: number;
  pageSize: number;
}

// ---------------------------------------------------------------------------------------- tasks (inbox)

export type TaskStatus = 'open' | 'decided' | 'expired' | 'cancelled';
export type TaskOutcome = 'approve' | 'reject' | 'done';
export type ProcessType = 'onboarding' | 'offboarding' | 'access_request' | 'account_change';

/** One earlier decision on the same process (who, when, outcome, comment). */
export interface Decision {
  /** The process step it belongs to, e.g. supervisor_review. */
  stage: string;
  /** A user id, or system:<process> for automatic outcomes. */
  actorId: string;
  actorName: string | null;
  outcome: string;
  comment: string | null;
  at: string;
}

export interface Task {
  id: string;
  /** The form the person fills in: approval, it_action, agreement, acknowledgement, account_setup, return_item, virus_check, signoff. */
  kind: string;
  /** The process step, e.g. supervisor_review. */
  step: string;
  title: Bilingual;
  status: TaskStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  claimedBy: string | null;
  candidateRole: Role | null;
  departmentId: string | null;
  dueAt: string;
  /** When it is decided automatically (rejected or expired) if nobody acts. */
  deadlineAt: string | null;
  createdAt: string;
  escalated: boolean;
  processType: ProcessType;
  /** The employee id (onboarding, offboarding) or the access request id. */
  processId: string;
  workflowId: string;
  /** Who asked for what: the facts the person needs to decide. */
  context: TaskContext;
  /** Earlier decisions on the same process (detail only). */
  history?: Decision[];
  /** The outcomes this task accepts. */
  outcomes: TaskOutcome[];
  /** Values the submitted data must repeat exactly (the agreement's version and text hash, INF-10). */
  expected: Record<string, string> | null;
}

/** The task's facts as the API words them (process details spread in, plus resolved names). */
export interface TaskContext {
  summary?: Bilingual | null;
  requesterName?: string | null;
  subjectName?: string | null;
  /** Access requests: the kind asked for; return items: the item kind. */
  kind?: string | null;
  justification?: string | null;
  durationMinutes?: number | null;
  /** Extension round of an access request (0 = the first ask). */
  round?: number | null;
  itemKind?: string | null;
  itemLabel?: string | null;
  /** The agreement to sign, in both languages (INF-10). */
  agreementText?: Bilingual | null;
  /** IT set-up: the agent ID given and the workstation IP from the central plan (SYS-2). */
  agentId?: string | null;
  workstationIp?: string | null;
  [key: string]: unknown;
}

export interface TaskQuery {
  /** Assigned to me. With myRoles (or neither): both. */
  mine?: boolean;
  /** Unassigned tasks offered to a role I hold. */
  myRoles?: boolean;
  status?: TaskStatus;
  kind?: string;
  dueBefore?: string;
  page?: number;
  pageSize?: number;
}

export interface CompleteTask {
  outcome: TaskOutcome;
  comment?: string;
  data?: Record<string, unknown>;
}

// ------------------------------------------------------------------------------------ access requests

export const ACCESS_KINDS = ['external_network', 'special_agent_id', 'usb_media'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

export type AccessStatus = 'pending' | 'active' | 'rejected' | 'expired' | 'revoked' | 'cancelled';
export type AccessEndReason = 'rejected' | 'expired' | 'revoked' | 'emergency_cut_off' | 'not_enabled';

export interface TimelineEntry {
  at: string;
  /** requested, approved, rejected, enabled, escalated, extended, expired, revoked, emergency_cut_off, cancelled */
  type: string;
  actorName: string | null;
  stage: string | null;
  comment: string | null;
}

export interface AccessRequest {
  id: string;
  kind: AccessKind;
  status: AccessStatus;
  endReason: AccessEndReason | null;
  /** The step it waits in, e.g. leadership_signoff. */
  stage: string;
  requesterId: string;
  requesterName: string | null;
  departmentId: string;
  justification: string;
  durationMinutes: number;
  createdAt: string;
  enabledAt: string | null;
  /** Who enabled it (a user id; recorded by name, SYS-1). */
  enabledBy: string | null;
  /** Their display name, resolved by the API. */
  enabledByName: string | null;
  expiresAt: string | null;
  /** The privileged agent ID lent for the window (AID-2). */
  resource: string | null;
  workflowId: string;
  timeline?: TimelineEntry[];
}

export interface AccessRequestQuery {
  /** Only my own requests (for those who may see more, e.g. a supervisor or IT). */
  mine?: boolean;
  status?: 'pending' | 'active' | 'ended';
  kind?: AccessKind;
  page?: number;
  pageSize?: number;
}

export interface NewAccessRequest {
  kind: AccessKind;
  justification: string;
  /** At least 60; the window counts from enablement. */
  durationMinutes: number;
}

export interface ExtendAccessRequest {
  durationMinutes: number;
  justification: string;
}

/** SYS-5: what the cut-off ended. */
export interface EmergencyResult {
  /** Active grants revoked. */
  revoked: number;
  /** Requests still in approval or awaiting enablement, stopped (they end cancelled, never active). */
  stopped: number;
  /** Every request cut off: the revoked and the stopped ones. */
  requestIds: string[];
  /** Members the directory removed from the external-network group at once; null without a directory. */
  directoryRemoved: number | null;
}

// ------------------------------------------------------------------------------- onboarding/offboarding

/** One entry of a process timeline. */
export interface StepEntry {
  step: string;
  state: 'started' | 'completed' | 'failed' | 'skipped';
  at: string;
  /** Who took the step (a user id), or null for the workflow itself. */
  by: string | null;
  /** Their display name, resolved by the API. */
  byName: string | null;
}

/** What onboarding and offboarding views share. `id` is the employee id (one of each per employee). */
export interface ProcessView {
  id: string;
  employeeId: string;
  fullName: string | null;
  state: 'running' | 'completed' | 'rejected' | 'cancelled';
  stage: string;
  steps: StepEntry[];
  createdAt: string;
  endedAt: string | null;
  workflowId: string;
  /** The standard agent ID assigned (onboarding) or retired (offboarding). */
  agentId: string | null;
}

export interface Onboarding extends ProcessView {
  userId: string | null;
  workstationIp: string | null;
  agreement: { version: string; textHash: string; signedAt: string } | null;
}

export interface NewOnboarding {
  fullName: string;
  username: string;
  departmentId: string;
  /** A first password, so the new employee can sign in and sign. */
  password: string;
}

export type ReturnItemState = 'pending' | 'virus_check' | 'received' | 'missing' | 'missing_signed_off';

export interface ReturnItem {
  itemId: string;
  kind: string;
  label: string;
  state: ReturnItemState;
  /** The on-site manager who checked it (INF-13). */
  checkedBy: string | null;
  checkedByName: string | null;
  note: string | null;
  virusCheck: { result: 'clean' | 'infected'; by: string; byName: string | null } | null;
  /** The call center manager who accepted a missing item. */
  signedOffBy: string | null;
  signedOffByName: string | null;
}

export interface Offboarding extends ProcessView {
  employeeName: string | null;
  reason: string | null;
  items: ReturnItem[];
}

export interface NewOffboarding {
  employeeId: string;
  reason: string;
  extraItems: { label: string }[];
}

export interface NewReturnItem {
  label: string;
  kind?: string;
}

// --------------------------------------------------------------------------------------- notifications

/** What a notification is about; the web app links each to its page. */
export type NotificationSubjectType = 'task' | 'access-request' | 'onboarding' | 'offboarding';

/** One of my notifications (GET /api/notifications): escalations, reminders, decisions. Named so as not to shadow the DOM's Notification. */
export interface UserNotification {
  id: string;
  /** `<type>:<id>`, as in the audit trail. */
  subject: string;
  /** A NotificationSubjectType; one this app does not know yet is shown without a link. */
  subjectType: string;
  subjectId: string;
  title: Bilingual;
  body: Bilingual;
  createdAt: string;
  /** Read by me (a notification to a role is read by each holder alone). */
  read: boolean;
  readAt: string | null;
}

export interface NotificationQuery {
  /** Only those I have not read. */
  unread?: boolean;
  page?: number;
  pageSize?: number;
}

export interface NotificationPage extends Page<UserNotification> {
  /** All my unread notifications, whatever the filter (for the badge). */
  unread: number;
}

// ------------------------------------------------------------------------------------------- directory

export interface Department {
  id: string;
  code: string;
  nameEn: string;
  nameZh: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  active: boolean;
}

export interface Employee {
  id: string;
  departmentId: string;
  fullName: string;
  status: 'pending' | 'active' | 'leaving' | 'left';
}

// ----------------------------------------------------------------------------------------------- audit

/** One event of the hash-chained log (GET /api/audit). */
export interface AuditEvent {
  seq: number;
  eventId: string;
  subject: string;
  type: string;
  /** A user id, or `system:<component>`. */
  actor: string;
  payload: Record<string, unknown>;
  occurredAt: string;
  prevHash: string;
  hash: string;
  /** Clause ids of docs/policy.md the event serves ([] for none); null for events written before they were recorded. */
  clauses: string[] | null;
}

export interface AuditFilter {
  /** Exact subject (stream), e.g. `access-request:<id>`. */
  subject?: string;
  /** Exact actor: a user id or `system:<component>`. */
  actor?: string;
  /** Exact type, or a prefix ending in a dot for a family (`agent_id.`). */
  type?: string;
  from?: string;
  /** Exclusive. */
  to?: string;
  /** One clause id of docs/policy.md: events that serve it. */
  clause?: string;
}

/** Keyset paging on seq: `after` is the previous page's nextCursor (0 = from the start). */
export interface AuditQuery extends AuditFilter {
  after?: number;
  limit?: number;
}

export interface AuditPage {
  items: AuditEvent[];
  nextCursor: number | null;
}

export interface ChainStatus {
  ok: boolean;
  checked: number;
  lastSeq: number;
  lastHash: string;
  brokenAt?: { seq: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' };
}

/** The IT console's view of enforcement (GET /api/it/enforcement). */
export interface EnforcementStatus {
  connected: boolean;
  groups: Record<string, string>;
  reconcileMode: 'correct' | 'report' | null;
  reconcileEvery: string | null;
  removalPending: { grantId: string; requestId: string; kind: AccessKind; holderUserId: string; group: string; entry: string; endedAt: string; attempts: number; lastError: string | null; lastAttemptAt: string | null }[];
  drift: { id: string; group: string; entry: string; direction: 'member_without_grant' | 'grant_without_member'; grantId: string | null; corrected: boolean; seenAt: string; seenBy: string }[];
}

export interface ReconcileResult {
  found: number;
  corrected: number;
  mode: 'correct' | 'report';
}

/** A grant event told to another system by a signed webhook (GET /api/it/webhooks). */
export interface WebhookDelivery {
  id: string;
  kind: AccessKind;
  type: 'grant.enabled' | 'grant.ended';
  requestId: string;
  grantId: string | null;
  status: 'dead_lettered' | 'delivered' | 'retrying';
  attempts: number;
  lastError: string | null;
  at: string | null;
}

export interface WebhookList {
  deadLettered: WebhookDelivery[];
  retrying: WebhookDelivery[];
}
