import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { createActivities } from '../../../activities/index.js';
import { WorkflowGateway } from '../../../apps/api/src/processes/workflow-gateway.service.js';
import { EventStore } from '../../../libs/domain/events/event-store.js';
import { parseIpRange } from '../../../libs/domain/onboarding/ip-plan.js';
import { createProjectorRegistry } from '../../../libs/domain/projectors.js';
import { startTestApi, type TestApi } from '../../support/api.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createTimeSkippingEnv, testDataConverter, workflowBundle } from '../../support/temporal.js';
import { buildWebApp, launchBrowser } from '../support.js';

/** What a journey needs from the running system. */
export interface JourneySystem {
  browser: Browser;
  baseUrl: string;
  /** Moves the workflows' clock forward (time-skipping Temporal server), e.g. past an access window. */
  advanceTime(ms: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole system for the browser journeys: the built web app served by the real API (demo directory
 * seeded), a worker with the real activities, and Chromium. Temporal is the time-skipping test server,
 * so a journey can reach an access window's automatic expiry (an hour at least) in seconds: its clock
 * runs normally until the journey asks it to jump.
 */
export async function startJourneySystem(): Promise<JourneySystem> {
  await buildWebApp();
  const env: TestWorkflowEnvironment = await createTimeSkippingEnv();
  const db: TestDatabase = await createTestDatabase();
  const taskQueue = `custodian-web-${randomUUID()}`;
  const api: TestApi = await startTestApi(db.url, { SEED_DEMO: '1', TEMPORAL_TASK_QUEUE: taskQueue, TEMPORAL_ADDRESS: env.address });
  const events = new EventStore(db.dataSource, createProjectorRegistry());
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: workflowBundle(),
    activities: createActivities({ dataSource: db.dataSource, events, ipPlan: parseIpRange('10.30.0.10-10.30.0.250') }),
    dataConverter: testDataConverter(),
  });
  // The workflows compare each Update's stamp with their own clock, which advanceTime moves ahead.
  api.app.get(WorkflowGateway).clock = () => env.currentTimeMs();
  const running = worker.run();
  const browser = await launchBrowser();
  return {
    browser,
    baseUrl: api.baseUrl,
    advanceTime: (ms) => env.sleep(ms),
    close: async () => {
      await browser.close();
      await api.close();
      worker.shutdown();
      await running.catch(() => undefined);
      await env.teardown();
      await db.drop();
    },
  };
}
