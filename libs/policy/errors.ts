/**
 * Failure types that retrying cannot fix. Activities throw DomainError (its `name` becomes the failure
 * type) for permanent refusals; workflows list these in `nonRetryableErrorTypes`.
 */
export const PERMANENT_ERROR_TYPES = ['DomainError'];

/**
 * The one list of the API's error codes: the web app translates each, DomainError below carries one,
 * the exception filter maps each to its HTTP status, and the OpenAPI document publishes the list as the
 * error body's `code` enum (so the web's generated types have it). The workflows refuse decisions with
 * these codes too, which is why it lives in the pure layer.
 */
export const ErrorCode = {
  Validation: 'VALIDATION_FAILED',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  AlreadyDecided: 'ALREADY_DECIDED',
  SeparationOfDuties: 'SEPARATION_OF_DUTIES',
  RateLimited: 'RATE_LIMITED',
  Unavailable: 'SERVICE_UNAVAILABLE',
  /** A decision link already used, expired, or whose task is decided, closed or no longer the person's (410). */
  DecisionLinkGone: 'DECISION_LINK_GONE',
  /** A privileged decision (libs/policy/reauthentication.ts) needs the password typed again within minutes (403). */
  ReauthenticationRequired: 'REAUTHENTICATION_REQUIRED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Every `code` an error body can carry: a DomainError's, or the filter's for a bug (500) and an unmapped HTTP status. */
export const API_ERROR_CODES = [...Object.values(ErrorCode), 'INTERNAL', 'HTTP_ERROR'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Why the workflow refused a decision or an assignment change: some of the API's codes, so the API answers the rejected Update with that code's status. */
export const TASK_REJECTIONS = [ErrorCode.Validation, ErrorCode.Forbidden, ErrorCode.SeparationOfDuties, ErrorCode.AlreadyDecided, ErrorCode.NotFound] as const;
export type TaskRejectionCode = (typeof TASK_REJECTIONS)[number];

export interface TaskRejection {
  code: TaskRejectionCode;
  message: string;
}

/**
 * Domain errors carry a stable code (the web app translates it) and an English message that says what
 * to fix. One exception filter maps codes to HTTP statuses; nothing else in the code picks statuses.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string) => new DomainError(ErrorCode.NotFound, `${what} ${id} does not exist or is not visible to you`);
export const forbidden = (why: string) => new DomainError(ErrorCode.Forbidden, why);
export const conflict = (why: string, details?: Record<string, unknown>) => new DomainError(ErrorCode.Conflict, why, details);
export const invalid = (why: string, details?: Record<string, unknown>) => new DomainError(ErrorCode.Validation, why, details);
