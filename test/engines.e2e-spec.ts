import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { connectDevServer, createTimeSkippingEnv } from './support/temporal.js';
import { sleepThenWakeWorkflow, wakeSignal } from './fixtures/workflows/timer.workflow.js';

const fixturePath = fileURLToPath(new URL('./fixtures/workflows/timer.workflow.ts', import.meta.url));
let bundle: { code: string };

beforeAll(async () => {
  bundle = await bundleWorkflowCode({ workflowsPath: fixturePath, logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never });
});

describe('Temporal engines', () => {
  it('time-skipping test server: a 30-day timer passes at once', async () => {
    const env = await createTimeSkippingEnv();
    try {
      const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: `tq-${randomUUID()}`, workflowBundle: bundle });
      const started = Date.now();
      const result = await worker.runUntil(
        env.client.workflow.execute(sleepThenWakeWorkflow, { args: [30], taskQueue: worker.options.taskQueue, workflowId: `timer-${randomUUID()}` }),
      );
      expect(result).toBe('slept');
      expect(Date.now() - started).toBeLessThan(30_000); // 30 days + 1 minute of workflow time, not of ours
    } finally {
      await env.teardown();
    }
  });

  it('real dev server: a workflow runs, takes a signal and completes', async () => {
    const env = await connectDevServer();
    try {
      const taskQueue = `tq-${randomUUID()}`;
      const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle });
      await worker.runUntil(async () => {
        const handle = await env.client.workflow.start(sleepThenWakeWorkflow, { args: [0], taskQueue, workflowId: `timer-${randomUUID()}` });
        await handle.signal(wakeSignal);
        await expect(handle.result()).resolves.toBe('woken');
      });
    } finally {
      await env.teardown();
    }
  });
});
