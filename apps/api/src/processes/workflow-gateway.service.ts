import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, type Client } from '@temporalio/client';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { AppConfig } from '../../../../libs/config/config.js';
import { custodianProcessKey, processRecordedUpdate, TASK_REJECTIONS, type ProcessKind, type TaskRejectionCode, type UpdateStamp } from '../../../../libs/policy/index.js';
import { conflict, DomainError, ErrorCode } from '../../../../libs/policy/errors.js';
import { CONFIG, TEMPORAL_CLIENT } from '../core/tokens.js';

/**
 * How long a request waits for a workflow to answer an Update. With no worker polling (all of them
 * restarting: `npm run test:faults` SIGKILLs them) the server would hold the call until its own timeout,
 * and the person's click would hang; past this the answer is 503 "may still be recorded, look again".
 */
export const UPDATE_WAIT_MS = 15_000;

/** How long a start waits for its first events to be recorded: what the read-model polling it replaces waited. */
export const RECORD_WAIT_MS = 10_000;

/** A workflow rule's refusal as the API's error (same codes, so the same HTTP status). */
export const refusalError = (r: { code: TaskRejectionCode; message: string }): DomainError => new DomainError(r.code, r.message);

/**
 * The API's only way to change workflow state: start a workflow, send an Update (its validator's refusal
 * becomes the matching HTTP error), or a signal. Workflows are started by type name, so the API never
 * loads workflow code.
 */
@Injectable()
export class WorkflowGateway {
  /**
   * The time an Update is stamped with. Real time; a test on the time-skipping server sets the server's
   * clock here, since the workflows compare the stamp with their own (skipped) time.
   */
  clock: () => Promise<number> | number = () => Date.now();

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Starts the workflow. `retry: true` marks a start whose id came from the client's Idempotency-Key:
   * that id is never reused (not even after the first run ended), and finding it already started
   * means this is the same request again, answered 'existing' instead of 409.
   */
  async start(workflowType: string, workflowId: string, process: ProcessKind, input: unknown, opts: { retry?: boolean } = {}): Promise<'started' | 'existing'> {
    try {
      await this.client.workflow.start(workflowType, {
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        workflowId,
        args: [input],
        typedSearchAttributes: [{ key: custodianProcessKey, value: process }],
        ...(opts.retry ? { workflowIdReusePolicy: 'REJECT_DUPLICATE' as const } : {}),
      });
      return 'started';
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
      if (opts.retry) return 'existing';
      throw conflict(`${process.replace('_', ' ')} ${workflowId} is already running or done`);
    }
  }

  /**
   * Starts the workflow and, in the same call (update-with-start), waits until its first activity has
   * committed the process's first events: the caller then reads the read model once, where before it
   * polled it. 'recorded': the record is there now. 'existing': an Idempotency-Key retry whose workflow
   * has ended (or one that cannot answer the Update: started by older code), so the caller falls back to
   * waiting for the read model. Conflict and reuse policies are start()'s: without a key a running
   * workflow of that id is 409; with one the same id is never started twice, and a running one gets the
   * Update (USE_EXISTING), which it answers at once. No answer within RECORD_WAIT_MS (no worker polling,
   * PostgreSQL down under the activity) is the same 503 "started but not recorded yet" as before: the
   * workflow is started and proceeds once a worker runs.
   */
  async startRecorded(workflowType: string, workflowId: string, process: ProcessKind, input: unknown, opts: { retry?: boolean } = {}): Promise<'recorded' | 'existing'> {
    const stamp: UpdateStamp = { sentAt: new Date(await this.clock()).toISOString(), nonce: randomUUID() };
    const startWorkflowOperation = new WithStartWorkflowOperation(workflowType, {
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      workflowId,
      args: [input],
      typedSearchAttributes: [{ key: custodianProcessKey, value: process }],
      workflowIdConflictPolicy: opts.retry ? 'USE_EXISTING' : 'FAIL',
      ...(opts.retry ? { workflowIdReusePolicy: 'REJECT_DUPLICATE' as const } : {}),
    });
    try {
      await this.client.withDeadline(Date.now() + RECORD_WAIT_MS, () => this.client.workflow.executeUpdateWithStart(processRecordedUpdate, { args: [stamp], startWorkflowOperation }));
      return 'recorded';
    } catch (e) {
      if (e instanceof WorkflowExecutionAlreadyStartedError) {
        if (opts.retry) return 'existing';
        throw conflict(`${process.replace('_', ' ')} ${workflowId} is already running or done`);
      }
      if (e instanceof WorkflowUpdateFailedError || e instanceof WorkflowNotFoundError) return 'existing';
      if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
        throw new DomainError(ErrorCode.Unavailable, `${process.replace('_', ' ')} ${workflowId} was started but is not recorded yet (is a worker running?); fetch it again shortly`);
      }
      throw recovering(e) ?? e;
    }
  }

  /**
   * Sends an Update and waits (at most UPDATE_WAIT_MS) for its result. `updateId`: an id the same action
   * always gets, so that sending it again joins the first instead of being a second one. Every Update is
   * stamped with the time and a fresh nonce: the workflow refuses a copy of it sent again later
   * (workflows/update-stamps.ts); the stamp is not part of `updateId`, so a repeat still joins the first.
   */
  async update<R, Arg extends object>(workflowId: string, def: UpdateDefinition<R, [Arg]>, arg: Arg, opts: { updateId?: string } = {}): Promise<R> {
    const stamp: UpdateStamp = { sentAt: new Date(await this.clock()).toISOString(), nonce: randomUUID() };
    try {
      return await this.client.withDeadline(Date.now() + UPDATE_WAIT_MS, () =>
        this.client.workflow.getHandle(workflowId).executeUpdate(def, { args: [{ ...arg, ...stamp }], ...(opts.updateId ? { updateId: opts.updateId } : {}) }),
      );
    } catch (e) {
      throw this.translate(e);
    }
  }

  /**
   * Runs a short system workflow (no business key, no process search attribute) and waits at most
   * `waitMs` for its result; past that the caller is told to look again (503), the workflow goes on.
   */
  async execute<R>(workflowType: string, workflowId: string, input: unknown, waitMs = UPDATE_WAIT_MS): Promise<R> {
    try {
      const handle = await this.client.workflow.start(workflowType, { taskQueue: this.config.TEMPORAL_TASK_QUEUE, workflowId, args: [input] });
      return (await Promise.race([
        handle.result(),
        new Promise((_, reject) => setTimeout(() => reject(new DomainError(ErrorCode.Unavailable, `${workflowType} is still running; look at it again shortly`)), waitMs).unref()),
      ])) as R;
    } catch (e) {
      throw this.translate(e);
    }
  }

  async signal<A extends [any, ...any[]]>(workflowId: string, def: SignalDefinition<A>, ...args: A): Promise<void> {
    try {
      await this.client.workflow.getHandle(workflowId).signal(def, ...args);
    } catch (e) {
      throw this.translate(e);
    }
  }

  private translate(e: unknown): unknown {
    if (e instanceof WorkflowUpdateFailedError) {
      const cause = e.cause as { type?: string; message?: string } | undefined;
      const type = cause?.type as TaskRejectionCode | undefined;
      if (type && TASK_REJECTIONS.includes(type)) return refusalError({ code: type, message: cause?.message ?? 'refused by the process' });
    }
    if (e instanceof WorkflowNotFoundError) return new DomainError(ErrorCode.AlreadyDecided, 'this process has already ended');
    // An Update the server did not see through in time (a busy Temporal: `npm run bench -- --full` met it as
    // a 500 after 30 s). It may still be applied, so the caller is told to look again (503, Retry-After).
    if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
      return new DomainError(ErrorCode.Unavailable, 'the process did not answer in time; your action may still be recorded: look at it again shortly');
    }
    return recovering(e) ?? e;
  }
}

/**
 * Temporal takes no Update while a workflow's last workflow task failed (a worker died in it, or its code
 * threw) until a worker runs that task again: FAILED_PRECONDITION "Workflow Task in failed state". The
 * fault suite met it when an onboarding POST was sent again under its key right after a worker SIGKILL.
 * It passes as soon as a worker takes the task: 503 with Retry-After, not a 500.
 */
function recovering(e: unknown): DomainError | null {
  for (let x: unknown = e, depth = 0; x && depth < 4; x = (x as { cause?: unknown }).cause, depth++) {
    const said = `${(x as { message?: string }).message ?? ''} ${(x as { details?: string }).details ?? ''}`;
    if (/workflow task in failed state/i.test(said)) return new DomainError(ErrorCode.Unavailable, 'the process is retrying a step that failed; try again in a few seconds');
  }
  return null;
}
