import { WorkflowUpdateRPCTimeoutOrCancelledError, type Client } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/config.js';
import { DomainError, ErrorCode } from '../../../../libs/domain/errors.js';
import { WorkflowGateway } from './workflow-gateway.service.js';

describe('WorkflowGateway', () => {
  it('an Update the server did not see through in time becomes "unavailable" (503 with Retry-After), not an internal error', async () => {
    const timedOut = new WorkflowUpdateRPCTimeoutOrCancelledError('context deadline exceeded', { cause: new Error('4 DEADLINE_EXCEEDED') });
    const client = { workflow: { getHandle: () => ({ executeUpdate: () => Promise.reject(timedOut) }) } } as unknown as Client;
    const gateway = new WorkflowGateway(client, { TEMPORAL_TASK_QUEUE: 'q' } as AppConfig);
    const e = await gateway.update('wf', {} as never, {} as never).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe(ErrorCode.Unavailable);
  });
});
