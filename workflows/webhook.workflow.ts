import { workflowInfo } from '@temporalio/workflow';
import type { AccessKind } from '../libs/policy/access-request.js';
import { hookActs } from './activities.js';
import { refuseUnauthenticatedInput } from './update-stamps.js';

export interface RedeliverWebhookInput {
  webhookId: string;
  kind: AccessKind;
  type: 'grant.enabled' | 'grant.ended';
  requestId: string;
  grantId: string;
  /** The IT person who pressed "send again". */
  by: string;
}

/**
 * IT's "send again" of a dead-lettered delivery: the same webhook id and body, tried again with the same
 * back-off and limit; a receiver's 2xx records webhook.delivered (once per webhook id). The key names the
 * run, so a redelivery that fails again is dead-lettered again rather than taken for the previous one.
 */
export async function redeliverWebhookWorkflow(input: RedeliverWebhookInput): Promise<{ delivered: boolean }> {
  refuseUnauthenticatedInput(input); // a start sent without Custodian's key fails here, having written nothing
  const { workflowId, runId } = workflowInfo();
  return hookActs.deliverWebhook({ key: `${workflowId}:${runId}:deliver`, ...input });
}
