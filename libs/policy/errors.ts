/**
 * Failure types that retrying cannot fix. Activities throw DomainError (its `name` becomes the failure
 * type) for permanent refusals; workflows list these in `nonRetryableErrorTypes`.
 */
export const PERMANENT_ERROR_TYPES = ['DomainError'];

/**
 * Why the workflow refused a decision or an assignment change. The values equal the API's error codes
 * (libs/policy/domain-errors.ts), so the API maps the rejected Update straight to 400/403/404/409.
 */
export const TASK_REJECTIONS = ['VALIDATION_FAILED', 'FORBIDDEN', 'SEPARATION_OF_DUTIES', 'ALREADY_DECIDED', 'NOT_FOUND'] as const;
export type TaskRejectionCode = (typeof TASK_REJECTIONS)[number];

export interface TaskRejection {
  code: TaskRejectionCode;
  message: string;
}
