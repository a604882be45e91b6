import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { createActivities } from '../../activities/index.js';
import { EventStore } from '../../libs/domain/events/event-store.js';
import { parseIpRange } from '../../libs/domain/onboarding/ip-plan.js';
import type { EnforcementSettings } from '../../libs/enforcement/directory-config.js';
import type { WebhookSettings } from '../../libs/enforcement/webhook-config.js';
import { createProjectorRegistry } from '../../libs/domain/projectors.js';
import { guardActivities } from '../../libs/temporal/activity-guard.js';
import { call, loginAs, startTestApi, type TestApi } from './api.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { need, TEST_ENV } from './env.js';
import { testDataConverter, workflowBundle } from './temporal.js';

/**
 * The whole system for HTTP end-to-end tests: a database of its own with the demo directory, the real
 * API, and (unless the test brings its own process) a worker with the real activities, all on a task
 * queue of their own on the real Temporal dev server.
 */
export interface ProcessStack {
  db: TestDatabase;
  api: TestApi;
  events: EventStore;
  taskQueue: string;
  /** A signed-in caller: `as('hr')('POST', '/api/onboardings', body)`. */
  as: (username: string, password?: string) => Promise<(method: string, path: string, body?: unknown, headers?: Record<string, string>) => ReturnType<typeof call>>;
  close: () => Promise<void>;
}

/** `apiEnv`: more settings for the API (e.g. short due times, a Temporal Web UI address). */
export async function startProcessStack(opts: { inProcessWorker?: boolean; apiEnv?: Record<string, string>; enforcement?: EnforcementSettings; webhooks?: WebhookSettings } = {}): Promise<ProcessStack> {
  const db = await createTestDatabase();
  const taskQueue = `custodian-${randomUUID()}`;
  const api = await startTestApi(db.url, { SEED_DEMO: '1', TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'error', ...opts.apiEnv });
  const events = new EventStore(db.dataSource, createProjectorRegistry());
  let stopWorker = async () => {};
  if (opts.inProcessWorker ?? true) {
    const connection = await NativeConnection.connect({ address: need(TEST_ENV.temporalAddress) });
    const worker = await Worker.create({
      connection,
      taskQueue,
      workflowBundle: workflowBundle(),
      activities: guardActivities(createActivities({ dataSource: db.dataSource, events, ipPlan: parseIpRange('10.20.0.10-10.20.0.250'), enforcement: opts.enforcement, webhooks: opts.webhooks })),
      dataConverter: testDataConverter(),
    });
    const running = worker.run();
    stopWorker = async () => {
      worker.shutdown();
      await running.catch(() => undefined);
      await connection.close();
    };
  }
  const tokens = new Map<string, string>();
  return {
    db,
    api,
    events,
    taskQueue,
    as: async (username, password) => {
      const token = tokens.get(username) ?? (await loginAs(api.baseUrl, username, password));
      tokens.set(username, token);
      return (method, path, body, headers) => call(api.baseUrl, token, method, path, body, headers);
    },
    close: async () => {
      await stopWorker();
      await api.close();
      await db.drop();
    },
  };
}

/** Polls until `probe` returns something truthy (the workflows answer in milliseconds; CI may be slow). */
export async function until<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
