import { TestWorkflowEnvironment } from '@temporalio/testing';
import { need, TEST_ENV } from './env.js';

/** The Java time-skipping test server: timers of days pass at once. */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = process.env[TEST_ENV.testServerPath];
  return TestWorkflowEnvironment.createTimeSkipping(path ? { server: { executable: { type: 'existing-path', path } } } : {});
}

/** The real Temporal dev server started by the global setup (or TEMPORAL_ADDRESS). */
export async function connectDevServer(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createFromExistingServer({ address: need(TEST_ENV.temporalAddress), namespace: 'default' });
}

/** The workflow code bundled once per test run. */
export function workflowBundle(): { codePath: string } {
  return { codePath: need(TEST_ENV.workflowBundle) };
}
