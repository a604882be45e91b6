/**
 * Acting on the inbox as a careful person would: wait until the process has opened the task, submit
 * the form, and when the answer was lost (a restart, a 503) submit again — a second submission that
 * meets "already decided" (409) is fine once the task shows as decided.
 */
import { NoAnswer, type ApiResponse } from '../http.js';
import type { WorkloadContext } from './types.js';

/** Long enough for a workflow whose activity ran on a killed worker (30 s start-to-close) to move on. */
export const FLOW_WAIT_MS = 150_000;
const POLL_MS = 1000;

export interface Task {
  id: string;
  kind: string;
  step: string;
  status: string;
  processId: string;
  workflowId: string;
  expected: Record<string, string> | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls a read (retried through outages) until pick returns something. */
export async function waitUntil<T, R>(ctx: WorkloadContext, user: string, path: string, pick: (body: T) => R | undefined | false | null, what: string): Promise<R> {
  const deadline = Date.now() + FLOW_WAIT_MS;
  for (;;) {
    const r = await ctx.sessions.as<T>(user, 'GET', path, { retryForMs: FLOW_WAIT_MS });
    if (r.status !== 200) throw new Error(`${what}: GET ${path} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
    const found = pick(r.body);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not there after ${FLOW_WAIT_MS / 1000} s`);
    await sleep(POLL_MS);
  }
}

/** The open task of one step of one process, in the user's inbox. */
export function waitForTask(ctx: WorkloadContext, user: string, processId: string, step: string): Promise<Task> {
  return waitUntil<{ items: Task[] }, Task>(
    ctx,
    user,
    '/api/tasks?pageSize=100',
    (b) => b.items.find((t) => t.processId === processId && t.step === step && t.status === 'open'),
    `${user}'s ${step} task of ${processId}`,
  );
}

/** What the form of each kind of task is filled with (libs/policy/task-rules.ts). */
function formFor(task: Task): { outcome: string; data: Record<string, unknown> } {
  switch (task.kind) {
    case 'approval':
    case 'signoff':
      return { outcome: 'approve', data: {} };
    case 'agreement':
      return { outcome: 'done', data: { ...task.expected } }; // INF-10: the version and text hash shown
    case 'account_setup':
      return { outcome: 'done', data: { emailAccount: `${task.processId}@corp.example`, driveAccount: `drive-${task.processId}` } };
    case 'acknowledgement':
      return { outcome: 'done', data: { acknowledged: true } };
    case 'return_item':
      return { outcome: 'done', data: { status: 'received' } };
    case 'virus_check':
      return { outcome: 'done', data: { result: 'clean' } };
    default:
      return { outcome: 'done', data: {} };
  }
}

/** Submits the task's form until the workflow has the decision. */
export async function completeTask(ctx: WorkloadContext, user: string, task: Task): Promise<void> {
  const form = formFor(task);
  const deadline = Date.now() + FLOW_WAIT_MS;
  for (;;) {
    let r: ApiResponse | undefined;
    try {
      r = await ctx.sessions.once(user, 'POST', `/api/tasks/${task.id}/complete`, form);
    } catch (e) {
      if (!(e instanceof NoAnswer)) throw e;
    }
    if (r?.status === 200) return;
    if (r?.status === 404 && /not open in this process/.test(String((r.body as { message?: string })?.message))) {
      // The inbox shows the task (its read model is written by the opening activity) but the workflow
      // has not yet taken in that the activity completed, so its Update validator does not know the
      // task. A person would be told "not found" for a task in their inbox: reported, then retried.
      ctx.report('task-not-open-yet', `${user} completing ${task.step} of ${task.processId}: 404 for a task the inbox shows as open (${(r.body as { message?: string }).message})`);
      await sleep(1000);
      continue;
    }
    if (r?.status === 409) {
      // An earlier attempt got through but its answer was lost (nobody else acts on the load's
      // tasks): the task must now show as decided.
      const t = await ctx.sessions.as<Task>(user, 'GET', `/api/tasks/${task.id}`, { retryForMs: FLOW_WAIT_MS });
      if (t.status === 200 && t.body.status === 'decided') return;
    }
    if (r && r.status !== 503) throw new Error(`${user} completing ${task.step} of ${task.processId}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    if (Date.now() > deadline) throw new Error(`${user} could not complete ${task.step} of ${task.processId} within ${FLOW_WAIT_MS / 1000} s (last: ${r?.status ?? 'no answer'})`);
    await sleep(r?.retryAfter ? Math.min(2000, Number(r.retryAfter) * 1000) : 500);
  }
}

/** Waits for the step's task in the user's inbox and completes it. */
export async function act(ctx: WorkloadContext, user: string, processId: string, step: string): Promise<void> {
  await completeTask(ctx, user, await waitForTask(ctx, user, processId, step));
}
