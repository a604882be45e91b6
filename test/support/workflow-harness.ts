import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { Role } from '../../libs/policy/roles.js';
import { decideTaskUpdate, type ProcessStatusBase, type TaskActor, type TaskDecision, type TaskOutcome } from '../../libs/policy/index.js';
import { createFakeActivities, type FakeActivities } from './fake-activities.js';
import { updateStamp, workflowBundle } from './temporal.js';

export const person = (userId: string, roles: Role[], departmentId: string | null = null): TaskActor => ({ userId, roles, departmentId });

/** A worker on a task queue of its own with fresh fake activities: no test sees another's workflows. */
export async function withWorker<T>(env: TestWorkflowEnvironment, fn: (taskQueue: string, fake: FakeActivities) => Promise<T>, fake = createFakeActivities()): Promise<T> {
  const taskQueue = `tq-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities: fake.acts });
  return worker.runUntil(fn(taskQueue, fake));
}

/** Polls until `probe` returns a value (real time, a few ms per round: workflows answer fast). */
export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

type StatusHandle = WorkflowHandle<any>;

export async function status<S extends ProcessStatusBase>(handle: StatusHandle): Promise<S> {
  return handle.query<S>('status');
}

/** The id of the open task of `step` (waits until the workflow has opened it). */
export async function openTask(handle: StatusHandle, step: string, nth = 0): Promise<string> {
  return eventually(async () => (await status(handle)).openTasks.filter((t) => t.step === step)[nth]?.taskId, `open task ${step}`);
}

export async function decide(
  handle: StatusHandle,
  taskId: string,
  actor: TaskActor,
  outcome: TaskOutcome,
  extra: { comment?: string; data?: Record<string, unknown> } = {},
): Promise<TaskDecision> {
  return handle.executeUpdate(decideTaskUpdate, { args: [{ taskId, actor, outcome, ...extra, ...(await updateStamp()) }] });
}

/** The rejection code of a refused Update (its ApplicationFailure type), or a failure if it was accepted. */
export async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WorkflowUpdateFailedError) return (e.cause as { type?: string } | undefined)?.type ?? 'UNKNOWN';
    throw e;
  }
  throw new Error('the update was accepted, but a refusal was expected');
}
