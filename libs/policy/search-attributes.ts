import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Search attributes the workflows set. They carry process kinds and states only, never personal data
 * (names, agent IDs, justifications stay in our database and in workflow inputs).
 */
export const searchAttributeDefinitions = {
  CustodianProcess: 'Keyword', // onboarding | offboarding | access_request
  CustodianStage: 'Keyword', // the current step, e.g. supervisor_review
} as const;

export const custodianProcessKey = defineSearchAttributeKey('CustodianProcess', SearchAttributeType.KEYWORD);
export const custodianStageKey = defineSearchAttributeKey('CustodianStage', SearchAttributeType.KEYWORD);
