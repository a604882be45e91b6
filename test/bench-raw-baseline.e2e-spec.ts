import { WorkflowUpdateFailedError } from '@temporalio/client';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createRawActivities } from '../bench/raw/raw.activities.js';
import { RAW_STAGES, rawAccessRequestWorkflow, rawDecideUpdate, rawExpiryWorkflow } from '../bench/raw/raw.workflow.js';
import { connectDevServer } from './support/temporal.js';

// The benchmark's raw baseline must do the work it claims (three decisions, then enablement), or
// ours ÷ raw compares against nothing. Correctness only: speed is measured by `npm run bench`.
const rawPath = fileURLToPath(new URL('../bench/raw/raw.workflow.ts', import.meta.url));

describe('bench raw baseline workflow (real dev server)', () => {
  let bundle: { code: string };
  beforeAll(async () => {
    bundle = await bundleWorkflowCode({ workflowsPath: rawPath, logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never });
  });

  it('runs supervisor → leadership → it decisions in order to enablement, and refuses a second decision', async () => {
    const env = await connectDevServer();
    try {
      const taskQueue = `bench-raw-${randomUUID()}`;
      const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: createRawActivities() });
      await worker.runUntil(async () => {
        const handle = await env.client.workflow.start(rawAccessRequestWorkflow, { taskQueue, workflowId: `raw-${randomUUID()}`, args: ['req-1'] });
        for (const stage of RAW_STAGES) {
          await expect(handle.executeUpdate(rawDecideUpdate, { args: [{ stage, approve: true, actor: `${stage}-user` }] })).resolves.toBe('recorded');
        }
        // Refused either by the validator (workflow still running) or because the workflow has already
        // completed after the last stage: both are refusals, which is what this asserts.
        const again = await handle.executeUpdate(rawDecideUpdate, { args: [{ stage: 'it', approve: true, actor: 'again' }] }).catch((e: Error) => e);
        expect(again instanceof WorkflowUpdateFailedError || (again as Error).name === 'WorkflowNotFoundError').toBe(true);
        await expect(handle.result()).resolves.toBe('enabled');
      });
    } finally {
      await env.teardown();
    }
  });

  it('stops at a rejection without enabling', async () => {
    const env = await connectDevServer();
    try {
      const taskQueue = `bench-raw-${randomUUID()}`;
      const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: createRawActivities() });
      await worker.runUntil(async () => {
        const handle = await env.client.workflow.start(rawAccessRequestWorkflow, { taskQueue, workflowId: `raw-${randomUUID()}`, args: ['req-2'] });
        await handle.executeUpdate(rawDecideUpdate, { args: [{ stage: 'supervisor', approve: false, actor: 'supervisor-user' }] });
        await expect(handle.result()).resolves.toBe('rejected');
      });
    } finally {
      await env.teardown();
    }
  });

  it('the expiry baseline runs its activity only once the due instant has passed, for every workflow of a batch', async () => {
    const env = await connectDevServer();
    try {
      const taskQueue = `bench-raw-${randomUUID()}`;
      const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: createRawActivities() });
      await worker.runUntil(async () => {
        const dueAt = Date.now() + 2000;
        const handles = await Promise.all([0, 1, 2].map((i) => env.client.workflow.start(rawExpiryWorkflow, { taskQueue, workflowId: `raw-expiry-${randomUUID()}`, args: [`grant-${i}`, dueAt] })));
        const ranAt = await Promise.all(handles.map((h) => h.result()));
        for (const t of ranAt) expect(t).toBeGreaterThanOrEqual(dueAt);
      });
    } finally {
      await env.teardown();
    }
  });
});
