import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataConverter } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { searchAttributeDefinitions } from '../../libs/policy/search-attributes.js';
import type { UpdateStamp } from '../../libs/policy/trust.js';
import { custodianDataConverter } from '../../libs/temporal/payload-codec.js';
import { need, TEST_ENV } from './env.js';

/**
 * The Java time-skipping test server: timers of days pass at once. It knows no custom search attributes
 * until told (the dev server gets them on its command line), so they are registered here.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = process.env[TEST_ENV.testServerPath];
  const env = await TestWorkflowEnvironment.createTimeSkipping(path ? { server: { executable: { type: 'existing-path', path } } } : {});
  updateClock = () => env.currentTimeMs(); // the workflows compare an Update's stamp with the skipped time
  const keyword = 2; // temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD (proto is not a direct dependency)
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(Object.keys(searchAttributeDefinitions).map((k) => [k, keyword])),
  });
  return env;
}

let updateClock: () => Promise<number> = async () => Date.now();

/** What the API adds to every Update it sends (workflows/update-stamps.ts), for tests that send Updates themselves. */
export async function updateStamp(): Promise<UpdateStamp> {
  return { sentAt: new Date(await updateClock()).toISOString(), nonce: randomUUID() };
}

/**
 * The real Temporal dev server started by the global setup (or TEMPORAL_ADDRESS). `custodian`: the client
 * encrypts with this run's payload key, as it must to talk to Custodian's own workers; without it, it is
 * a plain client (for a worker of the test's own, or to play someone without the key).
 */
export async function connectDevServer(opts: { custodian?: boolean } = {}): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createFromExistingServer({
    address: need(TEST_ENV.temporalAddress),
    namespace: 'default',
    ...(opts.custodian ? { client: { dataConverter: testDataConverter() } } : {}),
  });
}

/** The payload codec with this run's key (what the API and workers use): a test client that talks to them needs it. */
export function testDataConverter(): DataConverter {
  return custodianDataConverter({ TEMPORAL_PAYLOAD_KEYS: need(TEST_ENV.payloadKeys) });
}

/** The workflow code bundled once per test run. */
export function workflowBundle(): { codePath: string } {
  return { codePath: need(TEST_ENV.workflowBundle) };
}
