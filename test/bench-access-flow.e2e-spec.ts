import { randomUUID } from 'node:crypto';
import { startAccessRequest } from '../bench/support/access-direct.js';
import { awaitActive, decide, signIn, submitAndApprove, watchersFor } from '../bench/support/access-flow.js';
import { directoryUser, withPg } from '../bench/support/db.js';
import { Api } from '../bench/support/http.js';
import { LatencyRecorder } from '../bench/support/latency.js';
import { startProcessStack, until, type ProcessStack } from './support/process-stack.js';
import { connectDevServer } from './support/temporal.js';

// The benchmark drives the real API; these check its assumptions about the API's shapes (routes,
// bodies, the inbox's processId, the access request's status) so an API change breaks a test, not
// the next benchmark run. Mechanics only: speed is measured by `npm run bench`.
let s: ProcessStack;
beforeAll(async () => {
  s = await startProcessStack();
});
afterAll(async () => s?.close());

describe('bench access-request driver (real API, real worker, dev server)', () => {
  it('SYS-1: takes a request through supervisor, leadership and IT via the inbox to an active grant, with a requester hr created', async () => {
    const rec = new LatencyRecorder();
    const api = new Api(s.api.baseUrl, rec);
    const { deciders, requesters } = await signIn(api, 3, randomUUID().slice(0, 8));
    expect(requesters.map((r) => r.username)).toEqual(['agent1', 'agent2', expect.stringMatching(/^bench-/)]);
    const watchers = watchersFor(api, deciders);
    try {
      const id = await submitAndApprove(api, requesters[2], watchers, { durationMinutes: 60, stepTimeoutMs: 30_000 });
      const view = await awaitActive(api, requesters[2], id, 30_000);
      expect(view).toMatchObject({ id, status: 'active', expiresAt: expect.any(String) });
    } finally {
      for (const w of Object.values(watchers)) await w.stop();
    }
    expect(Object.keys(rec.summaries())).toEqual(expect.arrayContaining(['POST /api/access-requests', 'GET /api/tasks', 'POST /api/tasks/:id/complete', 'GET /api/access-requests/:id']));
  });

  it('SYS-1: a workflow started directly with a window of seconds expires by itself once enabled', async () => {
    const env = await connectDevServer({ custodian: true });
    const api = new Api(s.api.baseUrl);
    const { deciders } = await signIn(api, 2, randomUUID().slice(0, 8));
    const watchers = watchersFor(api, deciders);
    try {
      const requester = await withPg(s.db.url, (c) => directoryUser(c, 'agent2'));
      const id = await startAccessRequest(env.client, { taskQueue: s.taskQueue, requester, durationMs: 2000, justification: 'bench smoke', settings: { minDurationMs: 2000 } });
      for (const stage of ['supervisor', 'leadership', 'it'] as const) await decide(api, watchers[stage], stage, id, 30_000);
      const ended = await until(async () => (await api.call<{ status: string; endReason: string | null }>(deciders.it, 'GET', `/api/access-requests/${id}`)).endReason, 'expiry');
      expect(ended).toBe('expired');
    } finally {
      for (const w of Object.values(watchers)) await w.stop();
      await env.teardown();
    }
  });
});
