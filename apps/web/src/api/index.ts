/**
 * Every API call the web app makes. Pages import from here only, so a change
 * of route or shape on the server is reconciled in this folder.
 */
import { ApiError, call, currentRefreshToken, json, setTokens, withQuery, type Query } from './http.js';
import type {
  AccessRequest,
  AccessRequestQuery,
  AuditFilter,
  AuditPage,
  AuditQuery,
  Assessment, AssessmentItemPage, AssessmentItemsQuery, AssessmentQuery,
  CalendarChange, DutiesOfDay, Hazards, HazardReported, ReportHazard, ResponsibilityList,
  ComputerCheckResult, ComputerHistory, ComputerList, RecordComputerCheck, LendMedia, MediaDisposal, MediaLoan, MediaRegister, MediaRegistered, MediaVirusCheck, NewMediaItem,
  NewStrangerIncident,
  NewVisitor,
  StrangerIncident,
  Visit,
  VisitHost,
  VisitList,
  VisitQuery,
  VisitorEscort,
  CalendarYear,
  ChainStatus,
  CompleteTask,
  Department,
  EmergencyResult,
  Reauthenticated,
  RedeemedDecisionLink,
  EnforcementStatus,
  ReconcileResult,
  SetCalendarDay,
  WebhookList,
  Employee,
  ExtendAccessRequest,
  Me,
  NewAccessRequest,
  NewOffboarding,
  NewOnboarding,
  NewReturnItem,
  NotificationPage,
  NotificationPreferences,
  MailFailure,
  NotificationQuery,
  Offboarding,
  Onboarding,
  Page,
  Task,
  TaskQuery,
  Tokens,
  UpdateMe,
  User,
  UserNotification,
  WebConfig,
} from './types.js';

export { ApiError, hasSession, onSessionExpired } from './http.js';
export * from './types.js';
export { LIMITS } from './limits.js';

const id = (v: string) => encodeURIComponent(v);

// -------------------------------------------------------------------------------------------- session

/** Signs in and returns the full view of the user (GET /api/me). */
export async function login(username: string, password: string): Promise<Me> {
  let r: Tokens;
  try {
    r = await json<Tokens>('POST', '/api/auth/login', { username, password });
  } catch (e) {
    // On the sign-in form a 401 can only mean the credentials: say so rather than "session ended".
    if (e instanceof ApiError && e.status === 401) throw new ApiError(401, 'INVALID_CREDENTIALS', e.message, e.errors, e.requestId);
    throw e;
  }
  setTokens({ accessToken: r.accessToken, refreshToken: r.refreshToken });
  return getMe();
}

/** Ends the session on the server too (its refresh token stops working); local sign-out never waits for it. */
export function logout(): void {
  const refreshToken = currentRefreshToken();
  setTokens(null);
  if (refreshToken) void json('POST', '/api/auth/logout', { refreshToken }).catch(() => undefined);
}

/** INF-10: the person sets their own password (a one-time one, or their own); the session goes on with new tokens. */
export async function setOwnPassword(currentPassword: string, newPassword: string): Promise<Me> {
  const r = await json<Tokens>('POST', '/api/auth/password', { currentPassword, newPassword });
  setTokens({ accessToken: r.accessToken, refreshToken: r.refreshToken });
  return getMe();
}

/**
 * A step-up before a privileged decision: the password again. The answer's access token carries it (for
 * 5 minutes), so it replaces the current one; the refresh token stays.
 */
export async function reauthenticate(password: string): Promise<void> {
  let r: Reauthenticated;
  try {
    r = await json<Reauthenticated>('POST', '/api/auth/reauthenticate', { password });
  } catch (e) {
    // Here a 401 can only mean the password: say so rather than "session ended".
    if (e instanceof ApiError && e.status === 401) throw new ApiError(401, 'INVALID_CREDENTIALS', e.message, e.errors, e.requestId);
    throw e;
  }
  const refreshToken = currentRefreshToken();
  if (refreshToken) setTokens({ accessToken: r.accessToken, refreshToken });
}

/** The task a mailed decision link leads to (once); it decides nothing. */
export const redeemDecisionLink = (token: string) => json<RedeemedDecisionLink>('POST', '/api/decision-links/redeem', { token });

export const getMe = () => json<Me>('GET', '/api/me');
export const updateMe = (body: UpdateMe) => json<Me>('PATCH', '/api/me', body);

/** Optional settings: an API without the route still gives a working app (no workflow links). */
export async function getConfig(): Promise<WebConfig | null> {
  try {
    return await json<WebConfig>('GET', '/api/config');
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------- tasks

export const listTasks = (q: TaskQuery) => json<Page<Task>>('GET', withQuery('/api/tasks', q as Query));
export const getTask = (taskId: string) => json<Task>('GET', `/api/tasks/${id(taskId)}`);
export const claimTask = (taskId: string) => json<Task>('POST', `/api/tasks/${id(taskId)}/claim`);
export const unclaimTask = (taskId: string) => json<Task>('POST', `/api/tasks/${id(taskId)}/unclaim`);
/** The task as I may now see it, or `visible: false` when the reassignment took it out of my sight. */
export const reassignTask = (taskId: string, username: string) =>
  json<(Task & { visible?: undefined }) | { id: string; reassigned: true; assigneeId: string; visible: false }>('POST', `/api/tasks/${id(taskId)}/reassign`, { username });
export const completeTask = (taskId: string, body: CompleteTask) => json<unknown>('POST', `/api/tasks/${id(taskId)}/complete`, body);

/** Open tasks the person can act on (their own and their roles'), for the nav badge. */
export async function countOpenTasks(): Promise<number> {
  const page = await listTasks({ mine: true, myRoles: true, status: 'open', pageSize: 1 });
  return page.total;
}

// ------------------------------------------------------------------------------------ access requests

export const createAccessRequest = (body: NewAccessRequest, idempotencyKey?: string) => json<AccessRequest>('POST', '/api/access-requests', body, { idempotencyKey });
/** The requests the caller may see: their own; a supervisor also their department's; IT and managers all. */
export const listAccessRequests = (q: AccessRequestQuery = {}) => json<Page<AccessRequest>>('GET', withQuery('/api/access-requests', q as Query));
export const getAccessRequest = (requestId: string) => json<AccessRequest>('GET', `/api/access-requests/${id(requestId)}`);
export const extendAccessRequest = (requestId: string, body: ExtendAccessRequest) => json<AccessRequest>('POST', `/api/access-requests/${id(requestId)}/extend`, body);
export const revokeAccessRequest = (requestId: string, reason: string) => json<AccessRequest>('POST', `/api/access-requests/${id(requestId)}/revoke`, { reason });
export const emergencyRevokeAll = (reason: string) => json<EmergencyResult>('POST', '/api/emergency/external-access/revoke-all', { reason });
export const getEnforcement = () => json<EnforcementStatus>('GET', '/api/it/enforcement');
export const reconcileNow = () => json<ReconcileResult>('POST', '/api/it/enforcement/reconcile');
export const listWebhooks = () => json<WebhookList>('GET', '/api/it/webhooks');
export const redeliverWebhook = (deliveryId: string) => json<{ id: string; status: 'redelivering' }>('POST', `/api/it/webhooks/${id(deliveryId)}/redeliver`);
/** Lets the Temporal Web UI decode payloads as me (an HttpOnly cookie scoped to the codec endpoint). */
export const openCodecSession = () => call('POST', '/api/temporal-codec/session').then(() => undefined);

// ---------------------------------------------------------------------------- onboarding / offboarding

export const startOnboarding = (body: NewOnboarding, idempotencyKey?: string) => json<Onboarding>('POST', '/api/onboardings', body, { idempotencyKey });
export const listOnboardings = () => json<Page<Onboarding>>('GET', withQuery('/api/onboardings', { pageSize: 200 }));
export const getOnboarding = (onboardingId: string) => json<Onboarding>('GET', `/api/onboardings/${id(onboardingId)}`);
export const startOffboarding = (body: NewOffboarding) => json<Offboarding>('POST', '/api/offboardings', body);
export const listOffboardings = () => json<Page<Offboarding>>('GET', withQuery('/api/offboardings', { pageSize: 200 }));
export const addReturnItem = (offboardingId: string, body: NewReturnItem, idempotencyKey?: string) =>
  json<Offboarding>('POST', `/api/offboardings/${id(offboardingId)}/items`, body, { idempotencyKey });
export const getOffboarding = (offboardingId: string) => json<Offboarding>('GET', `/api/offboardings/${id(offboardingId)}`);

// -------------------------------------------------------------------------------------- notifications

export const listNotifications = (q: NotificationQuery = {}) => json<NotificationPage>('GET', withQuery('/api/notifications', q as Query));
/** Marks one of mine read (reading it again changes nothing); 404 for any other id. */
export const markNotificationRead = (notificationId: string) => json<UserNotification>('POST', `/api/notifications/${id(notificationId)}/read`);

/** My mail settings: address, on/off, kinds, digest (always my own: the route names nobody else). */
export const getNotificationPreferences = () => json<NotificationPreferences>('GET', '/api/me/notification-preferences');
export const setNotificationPreferences = (body: NotificationPreferences) => json<NotificationPreferences>('PUT', '/api/me/notification-preferences', body);

/** Mail the SMTP server refused for good, newest first (mail.readFailures). */
export const listMailFailures = () => json<Page<MailFailure>>('GET', withQuery('/api/mail/failures', { pageSize: 50 }));

/** All my unread notifications, for the header badge (one row asked for: the count comes with any page). */
export async function countUnreadNotifications(): Promise<number> {
  const page = await listNotifications({ unread: true, pageSize: 1 });
  return page.unread;
}

// ------------------------------------------------------------------------------------------ directory

export const listDepartments = () => json<Page<Department>>('GET', withQuery('/api/departments', { pageSize: 200 }));
export const listUsers = () => json<Page<User>>('GET', withQuery('/api/users', { pageSize: 200 }));
export const listEmployees = (q: { status?: string; pageSize?: number } = {}) => json<Page<Employee>>('GET', withQuery('/api/employees', q));

// ---------------------------------------------------------------------------------------------- audit

export const listAudit = (q: AuditQuery) => json<AuditPage>('GET', withQuery('/api/audit', q as Query));
export const verifyAuditChain = () => json<ChainStatus>('GET', '/api/audit/verify');

/** The CSV export needs the bearer token, so it is fetched and handed to the browser as a file. */
export async function exportAuditCsv(q: AuditFilter): Promise<Blob> {
  const res = await call('GET', withQuery('/api/audit/export.csv', q as Query));
  return res.blob();
}

// ------------------------------------------------------------------------------- working-day calendar

export const getCalendarYear = (year: number) => json<CalendarYear>('GET', `/api/calendar/${year}`);
/** Marks a date a holiday or a make-up working day; the same mark again changes nothing (changed: false). */
export const setCalendarDay = (date: string, body: SetCalendarDay) => json<CalendarChange>('PUT', `/api/calendar/days/${id(date)}`, body);
export const clearCalendarDay = (date: string) => json<CalendarChange>('DELETE', `/api/calendar/days/${id(date)}`);

// ----------------------------------------------------------------------------------- recurring duties

export const getDuties = (date: string) => json<DutiesOfDay>('GET', `/api/duties?date=${encodeURIComponent(date)}`);
export const getHazards = (state: 'open' | 'fixed' = 'open') => json<Hazards>('GET', `/api/hazards?state=${state}`);

// ---------------------------------------------------------------------------------------- assessment

export const getAssessment = (q: AssessmentQuery) => json<Assessment>('GET', withQuery('/api/assessment', q as Query));
export const listAssessmentItems = (q: AssessmentItemsQuery) => json<AssessmentItemPage>('GET', withQuery('/api/assessment/items', q as Query));
/** The report as a file to save: `csv` or `xlsx` (one sheet per view). */
export async function exportAssessment(format: 'csv' | 'xlsx', q: AssessmentQuery): Promise<Blob> {
  const res = await call('GET', withQuery(`/api/assessment.${format}`, q as Query));
  return res.blob();
}
export const reportHazard = (body: ReportHazard) => json<HazardReported>('POST', '/api/hazards', body);

// ------------------------------------------------------------------- machine-room computers and media (INF-6)

export const getComputers = () => json<ComputerList>('GET', '/api/computers');
export const recordComputerCheck = (tag: string, body: RecordComputerCheck) => json<ComputerCheckResult>('POST', `/api/computers/${id(tag)}/checks`, body);
export const getComputerHistory = (tag: string) => json<ComputerHistory>('GET', `/api/computers/${id(tag)}/history`);
export const getMedia = () => json<MediaRegister>('GET', '/api/media');
export const registerMedia = (body: NewMediaItem) => json<MediaRegistered>('POST', '/api/media', body);
export const lendMedia = (itemId: string, body: LendMedia) => json<MediaLoan>('POST', `/api/media/${id(itemId)}/loans`, body);
export const returnMedia = (loanId: string, note?: string) => json<MediaLoan>('POST', `/api/media/loans/${id(loanId)}/return`, note ? { note } : {});
export const virusCheckMedia = (loanId: string, body: MediaVirusCheck) => json<MediaLoan>('POST', `/api/media/loans/${id(loanId)}/virus-check`, body);
export const disposeMedia = (loanId: string, body: MediaDisposal) => json<MediaLoan>('POST', `/api/media/loans/${id(loanId)}/disposal`, body);

// ------------------------------------------------------------------------------------------- visitors

export const registerVisitor = (body: NewVisitor) => json<Visit>('POST', '/api/visitors', body);
export const checkOutVisitor = (visitId: string) => json<Visit>('POST', `/api/visitors/${id(visitId)}/check-out`, {});
export const listVisits = (q: VisitQuery) => json<VisitList>('GET', withQuery('/api/visitors', q as Query));
export const visitorsInside = () => json<VisitList>('GET', '/api/visitors/inside');
export const visitHosts = () => json<{ items: VisitHost[] }>('GET', '/api/visitors/hosts');
export const visitorEscorts = () => json<{ items: VisitorEscort[] }>('GET', '/api/visitors/escorts');
export const designateEscort = (userId: string) => json<{ userId: string; changed: boolean }>('PUT', `/api/visitors/escorts/${id(userId)}`);
export const revokeEscort = (userId: string) => json<{ userId: string; changed: boolean }>('DELETE', `/api/visitors/escorts/${id(userId)}`);
export const reportStranger = (body: NewStrangerIncident) => json<{ incidentId: string }>('POST', '/api/visitors/incidents', body);
export const strangerIncidents = () => json<{ items: StrangerIncident[] }>('GET', '/api/visitors/incidents');
/** The register as CSV (bearer token needed, so fetched and handed to the browser as a file). */
export async function exportVisitsCsv(q: VisitQuery): Promise<Blob> {
  const res = await call('GET', withQuery('/api/visitors/export.csv', q as Query));
  return res.blob();
}

// ------------------------------------------------------------------------------ named owners register

export const getResponsibilities = (flagged = false) => json<ResponsibilityList>('GET', `/api/responsibilities${flagged ? '?flagged=true' : ''}`);

// -------------------------------------------------------------------------------------------- derived

export function temporalWorkflowUrl(config: WebConfig | null, workflowId: string): string | null {
  if (!config?.temporalUiUrl) return null;
  const base = config.temporalUiUrl.replace(/\/+$/, '');
  return `${base}/namespaces/${id(config.temporalNamespace)}/workflows/${id(workflowId)}`;
}
