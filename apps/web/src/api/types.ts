/**
 * The shapes the web app reads from and sends to the API, by the names the pages use. Each is the
 * server's own schema (./schema.d.ts, generated from the OpenAPI document by `npm run api:types`), so a
 * change of shape on the server is a type error here, not a surprise in the browser. Every call lives in ./index.ts.
 */
import type { components, operations } from './schema.js';

type Schemas = components['schemas'];
/** The query string an operation accepts. */
type QueryOf<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

/** A runtime list of every member of a generated union: a missing or unknown member is a type error. */
const everyOf =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : 'lists every member')) =>
    list;

export type Role = Schemas['UserDto']['roles'][number];
export const ROLES = everyOf<Role>()(['employee', 'supervisor', 'leadership', 'it', 'cc_manager', 'site_manager', 'id_admin', 'hr', 'security', 'auditor']);

/** Error body of every failed API call. */
export type ApiErrorBody = Schemas['ErrorBodyDto'];
/** The one list of the API's error codes (the server's, carried by the OpenAPI document). */
export type ApiErrorCode = Schemas['ErrorCode'];

/** A text shown to people, carried in both languages by the server (task and notification titles). */
export type Bilingual = Schemas['BilingualDto'];
export type Locale = Schemas['SessionUserDto']['locale'];

/** GET /api/me: the session user with their department, employee record and agent IDs. */
export type Me = Schemas['MeDto'];
/** A permission of the server's authorization table (libs/policy/authorization.ts), e.g. `agentIds.manage`. */
export type Permission = Me['permissions'][number];
export type Tokens = Schemas['TokensDto'];
export type Reauthenticated = Schemas['ReauthenticatedDto'];
export type RedeemedDecisionLink = Schemas['RedeemedDecisionLinkDto'];
export type UpdateMe = Schemas['UpdateMeDto'];
/** GET /api/config: settings the web app needs after sign-in. */
export type WebConfig = Schemas['WebConfigDto'];

/** A page of a list: the API's page fields around items of one kind. */
export type Page<T> = Omit<Schemas['TaskPageDto'], 'items'> & { items: T[] };

// ---------------------------------------------------------------------------------------- tasks (inbox)

export type TaskStatus = Schemas['TaskDto']['status'];
export type TaskOutcome = Schemas['CompleteTaskDto']['outcome'];
/** One earlier decision on the same process (who, when, outcome, comment). */
export type Decision = Schemas['DecisionDto'];
/** The task's facts as the API words them (process details spread in, plus resolved names). */
export type TaskContext = Schemas['TaskContextDto'] & { [key: string]: unknown };
export type Task = Omit<Schemas['TaskDto'], 'context'> & { context: TaskContext };
export type TaskQuery = QueryOf<'TasksController_list'>;
export type CompleteTask = Schemas['CompleteTaskDto'];

// ------------------------------------------------------------------------------------ access requests

export type AccessKind = Schemas['AccessRequestDto']['kind'];
export const ACCESS_KINDS = everyOf<AccessKind>()(['external_network', 'special_agent_id', 'usb_media']);
export type TimelineEntry = Schemas['TimelineEntryDto'];
export type AccessRequest = Schemas['AccessRequestDto'];
export type AccessRequestQuery = QueryOf<'AccessRequestsController_list'>;
export type NewAccessRequest = Schemas['CreateAccessRequestDto'];
export type ExtendAccessRequest = Schemas['ExtendAccessRequestDto'];
/** SYS-5: what the cut-off ended. */
export type EmergencyResult = Schemas['EmergencyResultDto'];

// ------------------------------------------------------------------------------- onboarding/offboarding

/** One entry of a process timeline. */
export type StepEntry = Schemas['StepEntryDto'];
/** What onboarding and offboarding views share. `id` is the employee id (one of each per employee). */
export type ProcessView = Pick<Schemas['OnboardingDto'], keyof Schemas['OnboardingDto'] & keyof Schemas['OffboardingDto']>;
export type Onboarding = Schemas['OnboardingDto'];
export type NewOnboarding = Schemas['CreateOnboardingDto'];
export type ReturnItem = Schemas['ReturnItemDto'];
export type Offboarding = Schemas['OffboardingDto'];
export type NewOffboarding = Schemas['CreateOffboardingDto'];
export type NewReturnItem = Schemas['AddReturnItemDto'];

// --------------------------------------------------------------------------------------- notifications

/** What a notification is about; the web app links each to its page. */
export type NotificationSubjectType = 'task' | 'access-request' | 'onboarding' | 'offboarding';
/** One of my notifications (GET /api/notifications). Named so as not to shadow the DOM's Notification. */
export type UserNotification = Schemas['NotificationDto'];
export type NotificationQuery = QueryOf<'NotificationsController_list'>;
export type NotificationPage = Schemas['NotificationPageDto'];
/** My mail notification settings (GET/PUT /api/me/notification-preferences). */
export type NotificationPreferences = Schemas['NotificationPreferencesDto'];
export type NotificationKind = NotificationPreferences['kinds'][number];
export const NOTIFICATION_KINDS = everyOf<NotificationKind>()(['task', 'escalation', 'reminder', 'decision', 'grant_ended', 'other']);
export type MailDigest = NotificationPreferences['digest'];
/** A mail the SMTP server refused for good (GET /api/mail/failures). */
export type MailFailure = Schemas['MailFailureDto'];
export const MAIL_DIGESTS = everyOf<MailDigest>()(['off', 'hourly', 'daily']);

// ------------------------------------------------------------------------------------------- directory

export type Department = Schemas['DepartmentDto'];
export type User = Schemas['UserDto'];
export type Employee = Schemas['EmployeeDto'];

// ----------------------------------------------------------------------------------------------- audit

/** One event of the hash-chained log (GET /api/audit). */
export type AuditEvent = Schemas['AuditEventDto'];
/** Keyset paging on seq: `after` is the previous page's nextCursor (0 = from the start). */
export type AuditQuery = QueryOf<'AuditController_list'>;
export type AuditFilter = QueryOf<'AuditController_exportCsv'>;
export type AuditPage = Schemas['AuditPageDto'];
export type ChainStatus = Schemas['ChainReportDto'];

/** The IT console's view of enforcement (GET /api/it/enforcement). */
export type EnforcementStatus = Schemas['EnforcementStatusDto'];
export type ReconcileResult = Schemas['ReconcileResultDto'];
/** A grant event told to another system by a signed webhook (GET /api/it/webhooks). */
export type WebhookDelivery = Schemas['WebhookDeliveryDto'];
export type WebhookList = Schemas['WebhookListDto'];

// ------------------------------------------------------------------------------ working-day calendar

/** A year of the call center's calendar: its marked dates and the time zone that decides "end of day". */
export type CalendarYear = Schemas['CalendarYearDto'];
/** A date marked a holiday or a make-up working day (调休). */
export type CalendarDay = Schemas['CalendarDayDto'];
export type CalendarDayKind = CalendarDay['kind'];
export type SetCalendarDay = Schemas['SetCalendarDayDto'];
export type CalendarChange = Schemas['CalendarChangeDto'];

// ---------------------------------------------------------------------------------- recurring duties

/** A day's recurring duties (EQ-6 first) and what became of each one's occurrence. */
export type DutiesOfDay = Schemas['DutiesDto'];
export type DutyDay = Schemas['DutyDayDto'];

// ------------------------------------------------------------------------------------------- visitors

/** A visit in the register (INF-1): the name while it is kept, the document number masked. */
export type Visit = Schemas['VisitDto'];
export type VisitList = Schemas['VisitListDto'];
export type NewVisitor = Schemas['RegisterVisitorDto'];
export type VisitorArea = Visit['area'];
export type VisitorDocumentType = Visit['documentType'];
export type VisitHost = Schemas['HostDto'];
/** INF-4: a manager designated to escort guests into the machine room. */
export type VisitorEscort = Schemas['EscortDto'];
export type StrangerIncident = Schemas['StrangerIncidentDto'];
export type NewStrangerIncident = Schemas['ReportStrangerDto'];
export interface VisitQuery {
  date?: string;
  organisation?: string;
  hostUserId?: string;
  inside?: 'true' | 'false';
}
/** Hazards found on an inspection or an equipment check (EQ-2, EQ-4), open until recorded fixed. */
export type Hazard = Schemas['HazardDto'];
export type Hazards = Schemas['HazardsDto'];
export type ReportHazard = Schemas['ReportHazardDto'];
export type HazardReported = Schemas['HazardReportedDto'];
/** The machine-room computers (INF-6): lock checks, grants on each, history. */
export type Computer = Schemas['ComputerDto'];
export type ComputerList = Schemas['ComputerListDto'];
export type ComputerCheckName = Schemas['RecordCheckDto']['check'];
export type RecordComputerCheck = Schemas['RecordCheckDto'];
export type ComputerCheckResult = Schemas['ComputerCheckResultDto'];
export type ComputerHistory = Schemas['ComputerHistoryDto'];
/** The lending register of machine-room media (INF-6). */
export type MediaRegister = Schemas['MediaRegisterDto'];
export type MediaItem = Schemas['MediaItemDto'];
export type MediaLoan = Schemas['MediaLoanDto'];
export type MediaKind = Schemas['RegisterMediaDto']['kind'];
export type NewMediaItem = Schemas['RegisterMediaDto'];
export type MediaRegistered = Schemas['MediaRegisteredDto'];
export type LendMedia = Schemas['LendMediaDto'];
export type MediaVirusCheck = Schemas['MediaVirusCheckDto'];
export type MediaDisposal = Schemas['MediaDisposalDto'];
export type ResponsibilityList = Schemas['ResponsibilityListDto'];
export type Responsibility = Schemas['ResponsibilityDto'];

// ---------------------------------------------------------------------------------------- assessment

/** The assessment report (policy preamble): on time, late, missed, open per department, person and week. */
export type Assessment = Schemas['AssessmentDto'];
export type DepartmentAssessment = Schemas['DepartmentAssessmentDto'];
export type PersonAssessment = Schemas['PersonAssessmentDto'];
export type WeekAssessment = Schemas['WeekAssessmentDto'];
export type AssessmentItem = Schemas['AssessmentItemDto'];
export type AssessmentItemPage = Schemas['AssessmentItemPageDto'];
export type AssessmentQuery = QueryOf<'AssessmentController_summary'>;
export type AssessmentItemsQuery = QueryOf<'AssessmentController_items'>;
export type AssessmentOutcome = Schemas['AssessmentItemDto']['outcome'];
export type AssessmentKind = Schemas['AssessmentItemDto']['kind'];
export const ASSESSMENT_OUTCOMES = everyOf<AssessmentOutcome>()(['on_time', 'late', 'missed', 'open']);
