/**
 * Failure types that retrying cannot fix. Activities throw DomainError (its `name` becomes the failure
 * type) for permanent refusals; workflows list these in `nonRetryableErrorTypes`.
 */
export const PERMANENT_ERROR_TYPES = ['DomainError'];

/**
 * The one list of the API's error codes (the web app translates each; libs/policy/domain-errors.ts gives it to
 * DomainError, the exception filter maps each to its HTTP status, and the OpenAPI document carries it as
 * the error body's `code` enum, so the web's generated types do too). It lives in libs/policy
 * because the workflows refuse decisions with these codes.
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
