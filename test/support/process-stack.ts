import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { createActivities } from '../../activities/index.js';
import { createMailActivities, type SendMail } from '../../activities/mail.activities.js';
import { createChatActivities } from '../../activities/chat.activities.js';
import type { ChatTarget } from '../../libs/enforcement/chat-webhooks.js';
import type { MailSettings } from '../../libs/enforcement/mail-config.js';
import { EventStore } from '../../libs/domain/events/event-store.js';
import { parseIpRange } from '../../libs/domain/onboarding/ip-plan.js';
import type { EnforcementSettings } from '../../libs/enforcement/directory-config.js';
import type { WebhookSettings } from '../../libs/enforcement/webhook-config.js';
import { createProjectorRegistry } from '../../libs/domain/projectors.js';
import { guardActivities } from '../../libs/temporal/activity-guard.js';
import { call, loginAs, startTestApi, type TestApi } from './api.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { need, TEST_ENV } from './env.js';
import { startAccessRequest } from '../../bench/support/access-direct.js';
import { directoryUser, withPg } from '../../bench/support/db.js';
import { connectDevServer, testDataConverter, workflowBundle } from './temporal.js';

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
export async function startProcessStack(opts: { inProcessWorker?: boolean; apiEnv?: Record<string, string>; enforcement?: EnforcementSettings; webhooks?: WebhookSettings; mail?: { settings: MailSettings; send?: SendMail }; chat?: { targets: ChatTarget[]; publicUrl: string | null } } = {}): Promise<ProcessStack> {
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
      activities: guardActivities({
        ...createActivities({ dataSource: db.dataSource, events, ipPlan: parseIpRange('10.20.0.10-10.20.0.250'), enforcement: opts.enforcement, webhooks: opts.webhooks }),
        ...(opts.mail ? createMailActivities(events, opts.mail.settings, opts.mail.send) : {}),
        ...(opts.chat ? createChatActivities(events, opts.chat.targets, opts.chat.publicUrl) : {}),
      }),
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

/** A signed-in caller of a stack: `(method, path, body?, headers?)`. */
export type Caller = Awaited<ReturnType<ProcessStack['as']>>;

/** The open task of one process at one step, as a decider finds it in their inbox. */
export const taskOf = (who: Caller, processId: string, step: string) =>
  until(async () => (await who('GET', '/api/tasks')).body.items.find((t: any) => t.processId === processId && t.step === step), `${step} of ${processId}`);

/**
 * An external-network request of `requester` (SYS-1), approved by the supervisor and leadership and
 * enabled by IT over HTTP; resolves once it is active. A window in minutes goes through the API (at least
 * an hour); one in seconds is started on Temporal directly with the shortest window a setting of the
 * workflow (as the benchmarks do), so expiry is seen without waiting an hour.
 */
export async function enabledExternal(s: ProcessStack, requester: string, window: { minutes: number } | { ms: number } = { minutes: 600 }): Promise<string> {
  let id: string;
  if ('minutes' in window) {
    const created = await (await s.as(requester))('POST', '/api/access-requests', { kind: 'external_network', justification: 'supplier research', durationMinutes: window.minutes });
    expect(created.status).toBe(201);
    id = created.body.id;
  } else {
    const env = await connectDevServer({ custodian: true });
    try {
      const who = await withPg(s.db.url, (c) => directoryUser(c, requester));
      id = await startAccessRequest(env.client, { taskQueue: s.taskQueue, requester: who, durationMs: window.ms, justification: 'short window', settings: { minDurationMs: window.ms } });
    } finally {
      await env.teardown();
    }
  }
  const [sup, leader, it] = await Promise.all([s.as('supervisor'), s.as('leader'), s.as('it')]);
  expect((await sup('POST', `/api/tasks/${(await taskOf(sup, id, 'supervisor_review')).id}/complete`, { outcome: 'approve' })).status).toBe(200);
  expect((await leader('POST', `/api/tasks/${(await taskOf(leader, id, 'leadership_signoff')).id}/complete`, { outcome: 'approve' })).status).toBe(200);
  expect((await it('POST', `/api/tasks/${(await taskOf(it, id, 'it_enable')).id}/complete`, { outcome: 'done' })).status).toBe(200);
  await until(async () => (await it('GET', `/api/access-requests/${id}`)).body.status === 'active', 'active grant');
  return id;
}

/**
 * A caller whose token carries a fresh re-authentication (POST /api/auth/reauthenticate with the demo
 * password): what privileged decisions need (INF-12 special agent-ID requests, the SYS-5 cut-off).
 */
export async function reauthenticated(s: ProcessStack, username: string, password = 'demo-password'): Promise<Caller> {
  const again = await call(s.api.baseUrl, await loginAs(s.api.baseUrl, username, password), 'POST', '/api/auth/reauthenticate', { password });
  if (again.status !== 200) throw new Error(`${username} could not re-authenticate: ${again.status} ${JSON.stringify(again.body)}`);
  return (method, path, body, headers) => call(s.api.baseUrl, again.body.accessToken, method, path, body, headers);
}
