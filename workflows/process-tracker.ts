import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { type ProcessStatusBase, type StepEntry } from '../libs/policy/process.js';
import { custodianProcessKey, custodianStageKey } from '../libs/policy/search-attributes.js';
import { type NotificationRequest } from '../libs/policy/notifications.js';
import { type ProcessKind } from '../libs/policy/workflow-ids.js';
import type { FinishProcessInput, RecordStepInput, StartProcessInput } from '../activities/types.js';
import { acts, keyOf } from './activities.js';

type Detail = Record<string, string | number | boolean | null>;
type Ended = Exclude<ProcessStatusBase['state'], 'running'>;
type StartedBy = Omit<StartProcessInput, 'key' | 'process' | 'processKey' | 'workflowId' | 'stage'>;

/**
 * The timeline of one process: every step is recorded once (an event, via an activity) and mirrored in
 * the CustodianStage search attribute, which holds only the step name, never personal data.
 */
export class ProcessTracker {
  readonly steps: StepEntry[] = [];
  stage: string;
  state: ProcessStatusBase['state'] = 'running';

  constructor(
    readonly process: ProcessKind,
    readonly key: string,
    firstStage: string,
  ) {
    this.stage = firstStage;
    upsertSearchAttributes([
      { key: custodianProcessKey, value: process },
      { key: custodianStageKey, value: firstStage },
    ]);
  }

  async start(who: StartedBy): Promise<void> {
    await acts.startProcess({ ...this.started(who), key: keyOf('started') });
  }

  /** The process.started payload, for a first activity that records it with the process's own first event. */
  started(who: StartedBy): Omit<StartProcessInput, 'key'> {
    return { ...who, process: this.process, processKey: this.key, workflowId: workflowInfo().workflowId, stage: this.stage };
  }

  /** Marks the stage the process now waits in (search attribute only; the task it opens is the event). */
  enter(stage: string): void {
    this.moveTo(stage);
  }

  /** Records one step of the timeline: one event, once (the key carries the step's position). */
  async step(step: string, state: StepEntry['state'], by: string | null, detail?: Detail): Promise<void> {
    await acts.recordStep({ key: keyOf('step', this.steps.length, step, state), ...this.record(step, state, by, detail) });
    this.noted(step, state, by);
  }

  /** A step for another activity to record in its own transaction (a decision records the step it settles). */
  record(step: string, state: StepEntry['state'], by: string | null, detail?: Detail): Omit<RecordStepInput, 'key'> {
    return { process: this.process, processKey: this.key, step, state, by, detail };
  }

  /** Adds a step that was recorded with another event (record()) to the timeline. */
  noted(step: string, state: StepEntry['state'], by: string | null): void {
    this.steps.push({ step, state, at: new Date().toISOString(), by });
    this.moveTo(step);
  }

  /** Records the end (with `notify`, a notice sent in the same transaction). */
  async finish(state: Ended, finalStage: string, result: Record<string, unknown>, notify?: NotificationRequest): Promise<void> {
    await acts.finishProcess({ key: keyOf('finished'), ...this.finishing(state, finalStage, result, notify) });
    this.ended(state, finalStage);
  }

  /** The end for another activity to record in its own transaction (a grant's end records it: access-grant.ts). */
  finishing(state: Ended, finalStage: string, result: Record<string, unknown>, notify?: NotificationRequest): Omit<FinishProcessInput, 'key'> {
    return { process: this.process, processKey: this.key, state, stage: finalStage, result, ...(notify ? { notify } : {}) };
  }

  /** Notes an end recorded with another event (finishing()). */
  ended(state: Ended, finalStage: string): void {
    this.state = state;
    this.moveTo(finalStage);
  }

  private moveTo(stage: string): void {
    if (stage === this.stage) return;
    this.stage = stage;
    upsertSearchAttributes([{ key: custodianStageKey, value: stage }]);
  }

  base(openTasks: ProcessStatusBase['openTasks']): ProcessStatusBase {
    return { process: this.process, key: this.key, state: this.state, stage: this.stage, steps: [...this.steps], openTasks };
  }
}
