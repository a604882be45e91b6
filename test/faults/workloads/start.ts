/**
 * Starting a process as a careful client does: the POST carries an Idempotency-Key, and after a lost
 * answer (a restart, a hang) or a 503 the same request goes again with the same key. The API answers
 * a repeat with the process the first attempt started, so a retry never starts a second workflow and
 * no attempt's workflow goes unaccounted for.
 */
import { NoAnswer, type ApiResponse } from '../http.js';
import { FLOW_WAIT_MS } from './inbox.js';
import type { WorkloadContext } from './types.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startKeyed<T>(ctx: WorkloadContext, user: string, path: string, body: unknown, key: string, what: string): Promise<T> {
  const deadline = Date.now() + FLOW_WAIT_MS;
  for (;;) {
    let r: ApiResponse<T> | undefined;
    try {
      r = await ctx.sessions.once<T>(user, 'POST', path, body, { 'Idempotency-Key': key });
    } catch (e) {
      if (!(e instanceof NoAnswer)) throw e;
    }
    if (r?.status === 201) return r.body;
    if (r && r.status !== 503) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    if (Date.now() > deadline) throw new Error(`${what}: not started within ${FLOW_WAIT_MS / 1000} s (last: ${r?.status ?? 'no answer'})`);
    await sleep(r?.retryAfter ? Math.min(2000, Number(r.retryAfter) * 1000) : 1000);
  }
}
