/**
 * The shapes the web app reads from and sends to the API (issues 3 and 4). Every API type lives here and
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
  total: number;
  page: number;
  pageSize: number;
}

// ---------------------------------------------------------------------------------------- tasks (inbox)

export type TaskStatus = 'open' | 'decided' | 'expired' | 'cancelled';
export type TaskOutcome = 'approve' | 'reject' | 'done';

/** One earlier decision on the same process (who, when, outcome, comment). */
export interface Decision {
  stage?: string | null;
  actorId?: string | null;
  actorName?: string | null;
  outcome: string;
  comment?: string | null;
  at: string;
}

export interface Task {
  id: string;
  /** The form kind: which form the person fills in (approval, IT enablement, return item, …). */
  kind: string;
  title: Bilingual | string;
  status: TaskStatus | string;
  assigneeId: string | null;
  assigneeName?: string | null;
  candidateRole: Role | null;
  departmentId: string | null;
  dueAt: string | null;
  createdAt: string;
  escalated?: boolean;
  /** 'access_request' | 'onboarding' | 'offboarding' and the id of that process. */
  processType?: string | null;
  processId?: string | null;
  workflowId?: string | null;
  /** Who asked for what: the facts the person needs to decide. */
  context?: TaskContext | null;
  /** Earlier decisions on the same process. */
  history?: Decision[];
  /** The outcomes this task accepts; absent → derived from its kind. */
  outcomes?: TaskOutcome[];
  /** Values the submitted data must repeat exactly (the agreement's version and text hash, INF-10). */
  expected?: Record<string, string> | null;
}

export interface TaskContext {
  requesterName?: string | null;
  requestKind?: AccessKind | null;
  justification?: string | null;
  durationMinutes?: number | null;
  employeeName?: string | null;
  itemKind?: string | null;
  itemLabel?: string | null;
  agreementVersion?: string | null;
  agreementText?: string | null;
  [key: string]: unknown;
}

export interface TaskQuery {
  mine?: boolean;
  myRoles?: boolean;
  status?: string;
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

export type AccessStatus = 'pending' | 'approved' | 'active' | 'rejected' | 'expired' | 'revoked' | 'cancelled';

export interface TimelineEntry {
  at: string;
  /** What happened: requested, approved, rejected, enabled, extended, revoked, expired, escalated, … */
  type: string;
  actorName?: string | null;
  stage?: string | null;
  comment?: string | null;
}

export interface AccessRequest {
  id: string;
  kind: AccessKind;
  status: AccessStatus | string;
  requesterId: string;
  requesterName?: string | null;
  justification: string;
  durationMinutes: number;
  createdAt: string;
  enabledAt?: string | null;
  expiresAt?: string | null;
  workflowId?: string | null;
  timeline?: TimelineEntry[];
}

export interface NewAccessRequest {
  kind: AccessKind;
  justification: string;
  durationMinutes: number;
}

export interface ExtendAccessRequest {
  durationMinutes: number;
  justification: string;
}

// ------------------------------------------------------------------------------- onboarding/offboarding

/** One entry of a process timeline (libs/contracts/process.ts StepEntry). */
export interface StepEntry {
  step: string;
  state: 'started' | 'completed' | 'failed' | 'skipped';
  at: string;
  by: string | null;
}

/** What every process view carries (status query of its workflow + read model). */
export interface ProcessView {
  id: string;
  state: 'running' | 'completed' | 'rejected' | 'cancelled';
  stage: string;
  steps: StepEntry[];
  createdAt: string;
  workflowId?: string | null;
}

export interface Onboarding extends ProcessView {
  employeeId: string;
  fullName: string;
  agentId: string | null;
  workstationIp: string | null;
}

export interface NewOnboarding {
  fullName: string;
  username: string;
  departmentId: string;
}

export type ReturnItemState = 'pending' | 'virus_check' | 'received' | 'missing' | 'missing_signed_off';

export interface ReturnItem {
  itemId: string;
  kind: string;
  label: string;
  state: ReturnItemState;
  checkedBy: string | null;
  note: string | null;
  virusCheck: { result: 'clean' | 'infected'; by: string } | null;
  signedOffBy: string | null;
}

export interface Offboarding extends ProcessView {
  employeeId: string;
  employeeName?: string | null;
  agentId: string | null;
  items: ReturnItem[];
}

export interface NewOffboarding {
  employeeId: string;
  reason: string;
  extraItems: { label: string }[];
}

export interface EmergencyResult {
  revoked: number;
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
