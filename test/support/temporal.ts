import { TestWorkflowEnvironment } from '@temporalio/testing';
import { searchAttributeDefinitions } from '../../libs/contracts/search-attributes.js';
import { need, TEST_ENV } from './env.js';

/**
 * The Java time-skipping test server: timers of days pass at once. It knows no custom search attributes
 * until told (the dev server gets them on its command line), so they are registered here.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = process.env[TEST_ENV.testServerPath];
  const env = await TestWorkflowEnvironment.createTimeSkipping(path ? { server: { executable: { type: 'existing-path', path } } } : {});
  const keyword = 2; // temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD (proto is not a direct dependency)
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(Object.keys(searchAttributeDefinitions).map((k) => [k, keyword])),
  });
  return env;
}

/** The real Temporal dev server started by the global setup (or TEMPORAL_ADDRESS). */
export async function connectDevServer(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createFromExistingServer({ address: need(TEST_ENV.temporalAddress), namespace: 'default' });
}

/** The workflow code bundled once per test run. */
export function workflowBundle(): { codePath: string } {
  return { codePath: need(TEST_ENV.workflowBundle) };
}
