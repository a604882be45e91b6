// Every workflow the worker registers. Deterministic code only: see eslint.config.js for the boundary.
export { accessRequestWorkflow } from './access-request.workflow.js';
export { offboardingWorkflow } from './offboarding.workflow.js';
export { onboardingWorkflow } from './onboarding.workflow.js';
export { accountChangeWorkflow } from './account-change.workflow.js';
export { accessGroupCutOffWorkflow, reconcileDirectoryWorkflow } from './directory.workflow.js';
export { itDisableWorkflow } from './it-disable.workflow.js';
export { redeliverWebhookWorkflow } from './webhook.workflow.js';
export { dutyOccurrenceWorkflow } from './duty-occurrence.workflow.js';
export { visitorPurgeWorkflow } from './visitor-purge.workflow.js';
export { mailDeliveryWorkflow } from './mail-delivery.workflow.js';
export { chatDeliveryWorkflow } from './chat-delivery.workflow.js';
export { hazardWorkflow } from './hazard.workflow.js';
export { dutyAssignmentWorkflow } from './duty-assignment.workflow.js';
export { rulesAcknowledgementWorkflow } from './rules-acknowledgement.workflow.js';
export { mediaLoanWorkflow } from './media-loan.workflow.js';
