/**
 * Workflow ids come from business keys, so starting the same process twice for one employee or one
 * request is refused by Temporal itself (a second HR click cannot start a second onboarding).
 */
export const onboardingWorkflowId = (employeeId: string): string => `onboarding-${employeeId}`;
export const offboardingWorkflowId = (employeeId: string): string => `offboarding-${employeeId}`;
export const accessRequestWorkflowId = (requestId: string): string => `access-request-${requestId}`;

/** Event-log subjects (streams) of the processes, e.g. for `GET /api/audit?subject=`. */
export const processSubject = (process: ProcessKind, key: string): string => `${process.replace('_', '-')}:${key}`;

export const PROCESS_KINDS = ['onboarding', 'offboarding', 'access_request', 'account_change', 'duty', 'hazard', 'media_loan'] as const;
export type ProcessKind = (typeof PROCESS_KINDS)[number];

/** The audit subject of an access request and of everything that happens to its grant. */
export const accessRequestSubject = (requestId: string): string => processSubject('access_request', requestId);
