/**
 * Starts an access-request workflow straight through the Temporal client, as the API's
 * POST /api/access-requests does after its checks (same task queue, same search attribute), for the
 * scenarios that need many workflows or settings the API does not offer (a window of seconds).
 */
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { accessRequestWorkflowId, custodianProcessKey, DEFAULT_ACCESS_SETTINGS, type AccessRequestInput, type AccessSettings } from '../../libs/policy/index.js';
import type { accessRequestWorkflow } from '../../workflows/index.js';
import type { DirectoryUser } from './db.js';

export async function startAccessRequest(
  client: Client,
  o: { taskQueue: string; requester: DirectoryUser; durationMs: number; justification: string; settings?: Partial<AccessSettings> },
): Promise<string> {
  if (!o.requester.departmentId) throw new Error('the requester has no department');
  const requestId = randomUUID();
  const input: AccessRequestInput = {
    requestId,
    kind: 'external_network',
    requester: { userId: o.requester.userId, employeeId: o.requester.employeeId, departmentId: o.requester.departmentId },
    justification: o.justification,
    durationMs: o.durationMs,
    settings: { ...DEFAULT_ACCESS_SETTINGS, ...o.settings },
  };
  await client.workflow.start<typeof accessRequestWorkflow>('accessRequestWorkflow', {
    taskQueue: o.taskQueue,
    workflowId: accessRequestWorkflowId(requestId),
    args: [input],
    typedSearchAttributes: [{ key: custodianProcessKey, value: 'access_request' }],
  });
  return requestId;
}
