import { WorkflowUpdateRPCTimeoutOrCancelledError, type Client } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/config.js';
import { DomainError, ErrorCode } from '../../../../libs/policy/errors.js';
import { UPDATE_WAIT_MS, WorkflowGateway } from './workflow-gateway.service.js';

describe('WorkflowGateway', () => {
  it('an Update the server did not see through in time becomes "unavailable" (503 with Retry-After), not an internal error', async () => {
    const timedOut = new WorkflowUpdateRPCTimeoutOrCancelledError('context deadline exceeded', { cause: new Error('4 DEADLINE_EXCEEDED') });
    const client = { withDeadline: (_d: number, fn: () => Promise<unknown>) => fn(), workflow: { getHandle: () => ({ executeUpdate: () => Promise.reject(timedOut) }) } } as unknown as Client;
    const gateway = new WorkflowGateway(client, { TEMPORAL_TASK_QUEUE: 'q' } as AppConfig);
    const e = await gateway.update('wf', {} as never, {} as never).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe(ErrorCode.Unavailable);
  });

  it('a start or Update refused while the workflow task is in failed state (a worker died in it) is "unavailable" (503 with Retry-After), not an internal error', async () => {
    // As the fault suite met it: an onboarding POST sent again under its key right after a worker SIGKILL.
    const failedTask = Object.assign(new Error('Unable to perform workflow execution update due to Workflow Task in failed state.'), { code: 9, cause: new Error('9 FAILED_PRECONDITION: Update-with-Start could not be executed.') });
    const client = {
      withDeadline: (_d: number, fn: () => Promise<unknown>) => fn(),
      workflow: { executeUpdateWithStart: () => Promise.reject(failedTask), getHandle: () => ({ executeUpdate: () => Promise.reject(failedTask) }) },
    } as unknown as Client;
    const gateway = new WorkflowGateway(client, { TEMPORAL_TASK_QUEUE: 'q' } as AppConfig);
    for (const e of [await gateway.startRecorded('onboardingWorkflow', 'wf', 'onboarding', {}, { retry: true }).catch((x: unknown) => x), await gateway.update('wf', {} as never, {} as never).catch((x: unknown) => x)]) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe(ErrorCode.Unavailable);
    }
  });

  it('bounds the wait for an Update (a worker-less workflow must not hang the request; test:faults calls 20 s a hang)', async () => {
    const deadlines: number[] = [];
    const client = {
      withDeadline: (d: number, fn: () => Promise<unknown>) => (deadlines.push(d), fn()),
      workflow: { getHandle: () => ({ executeUpdate: () => Promise.resolve('ok') }) },
    } as unknown as Client;
    const before = Date.now();
    await expect(new WorkflowGateway(client, { TEMPORAL_TASK_QUEUE: 'q' } as AppConfig).update('wf', {} as never, {} as never)).resolves.toBe('ok');
    expect(deadlines).toHaveLength(1);
    expect(deadlines[0]).toBeGreaterThanOrEqual(before + UPDATE_WAIT_MS);
    expect(deadlines[0]).toBeLessThanOrEqual(Date.now() + UPDATE_WAIT_MS);
    expect(UPDATE_WAIT_MS).toBeLessThan(20_000);
  });

  it('passes the caller’s Update id through (a repeat joins the first), and none when the caller gives none', async () => {
    const sent: unknown[] = [];
    const client = {
      withDeadline: (_d: number, fn: () => Promise<unknown>) => fn(),
      workflow: { getHandle: () => ({ executeUpdate: (_def: unknown, opts: unknown) => (sent.push(opts), Promise.resolve('ok')) }) },
    } as unknown as Client;
    const gateway = new WorkflowGateway(client, { TEMPORAL_TASK_QUEUE: 'q' } as AppConfig);
    await gateway.update('wf', {} as never, { a: 1 } as never, { updateId: 'decide:t1:x' });
    await gateway.update('wf', {} as never, { a: 2 } as never);
    const stamp = { sentAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), nonce: expect.stringMatching(/^[0-9a-f-]{36}$/) };
    expect(sent).toEqual([{ args: [{ a: 1, ...stamp }], updateId: 'decide:t1:x' }, { args: [{ a: 2, ...stamp }] }]);
  });

  it('stamps every Update with the time and a fresh nonce (the workflow refuses a replayed copy), outside the Update id', async () => {
    const sent: { args: { nonce: string; sentAt: string }[]; updateId?: string }[] = [];
    const client = {
      withDeadline: (_d: number, fn: () => Promise<unknown>) => fn(),
      workflow: { getHandle: () => ({ executeUpdate: (_def: unknown, opts: never) => (sent.push(opts), Promise.resolve('ok')) }) },
    } as unknown as Client;
    const gateway = new WorkflowGateway(client, { TEMPORAL_TASK_QUEUE: 'q' } as AppConfig);
    const before = Date.now();
    await gateway.update('wf', {} as never, { a: 1 } as never, { updateId: 'same' });
    await gateway.update('wf', {} as never, { a: 1 } as never, { updateId: 'same' });
    expect(sent.map((s) => s.updateId)).toEqual(['same', 'same']);
    expect(sent[0].args[0].nonce).not.toBe(sent[1].args[0].nonce);
    for (const s of sent) expect(Date.parse(s.args[0].sentAt)).toBeGreaterThanOrEqual(before - 1);
  });
});
