import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AccessRequestStatus, ExtendRequest, RevokeRequest } from './access-request.js';
import type { LoanOnChecklistArgs, LoanSettledArgs, MediaLoanStatus, ReturnMediaArgs } from './media.js';
import type { AddReturnItemArgs, OffboardingStatus } from './offboarding.js';
import type { OnboardingStatus } from './onboarding.js';
import type { AssignmentResult, ChangeAssignmentArgs, DecideTaskArgs, TaskDecision } from './tasks.js';
import type { UpdateStamp } from './trust.js';

/**
 * Messages the API sends to running workflows. Decisions and assignment changes are Updates: their
 * validators refuse a wrong actor, a second decision or a bad payload before anything reaches history,
 * and the caller gets the workflow's answer (or its refusal) synchronously.
 */
export const decideTaskUpdate = defineUpdate<TaskDecision, [DecideTaskArgs]>('decideTask');
export const changeAssignmentUpdate = defineUpdate<AssignmentResult, [ChangeAssignmentArgs]>('changeAssignment');

/**
 * Sent with the start (update-with-start): answered once the process's first events are committed, so
 * the POST that started it answers with the record a GET returns, without polling the read model.
 * Stamped like every Update (workflows/update-stamps.ts).
 */
export const processRecordedUpdate = defineUpdate<{ recorded: true }, [Partial<UpdateStamp>]>('processRecorded');

/** Access requests: the API has checked who may revoke or extend before it signals. */
export const revokeSignal = defineSignal<[RevokeRequest]>('revoke');
/** INF-13: offboarding → a leaver's loan: it is on the return checklist (and, with returnedBy, received there). */
export const loanOnChecklistSignal = defineSignal<[LoanOnChecklistArgs]>('loanOnChecklist');
/** INF-13, INF-6: a leaver's loan → their offboarding: the loan has closed, and how. */
export const loanSettledSignal = defineSignal<[LoanSettledArgs]>('loanSettled');
export const extendSignal = defineSignal<[ExtendRequest]>('extend');
/** SYS-5: IT (or the call center manager) cuts external access off at once, no approval. */
export const emergencyCutOffSignal = defineSignal<[RevokeRequest]>('emergencyCutOff');

/** Offboarding: HR adds a carrier to the return checklist (INF-13) while it is still open. */
export const addReturnItemUpdate = defineUpdate<{ itemId: string }, [AddReturnItemArgs]>('addReturnItem');

export const onboardingStatusQuery = defineQuery<OnboardingStatus>('status');
export const offboardingStatusQuery = defineQuery<OffboardingStatus>('status');
export const accessRequestStatusQuery = defineQuery<AccessRequestStatus>('status');

/** INF-6: a lent machine-room medium is back; the loan's workflow records who received it and asks IT for the virus check. */
export const returnMediaUpdate = defineUpdate<{ loanId: string; returned: true }, [ReturnMediaArgs]>('returnMedia');
export const mediaLoanStatusQuery = defineQuery<MediaLoanStatus>('status');
