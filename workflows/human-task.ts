import { uuid4, workflowInfo } from '@temporalio/workflow';
import { type Recipient } from '../libs/policy/notifications.js';
import { type OpenTaskSummary } from '../libs/policy/process.js';
import { type ExpectedData, type Exclusion, type RoleScope, type TaskContext, type TaskDecision, type TaskKind, type TaskRecord, type TaskResult } from '../libs/policy/tasks.js';
import { type LocalizedText } from '../libs/policy/text.js';
import { TITLES } from '../libs/policy/titles.js';
import { type ProcessKind } from '../libs/policy/workflow-ids.js';
import type { RecordStepInput } from '../activities/types.js';
import { acts, keyOf, localSteps } from './activities.js';
import { installTaskUpdates, type LiveTask } from './task-updates.js';
import { waitUntil } from './timing.js';
import { UpdateStamps } from './update-stamps.js';

/** What a process asks of a person. Times are relative to the moment the task opens. */
export interface HumanTaskSpec {
  step: string;
  kind: TaskKind;
  title: LocalizedText;
  /** A named person (the employee who must sign), or else a role scoped to a department. */
  assigneeUserId?: string;
  candidate?: RoleScope;
  /** At the due time the task escalates to this role; `mayDecide` lets that role decide too. */
  escalation: RoleScope & { mayDecide: boolean };
  dueInMs: number;
  /** At the final deadline the task closes as expired (an approval counts as refused). */
  deadlineInMs?: number;
  excluded?: Exclusion[];
  expected?: ExpectedData;
  context: TaskContext;
  /** Besides the assignee/candidates and the escalation role, who is told when it escalates. */
  alsoNotify?: Recipient[];
  /** Writes the task when another step records it with its own events (a request's first task with the request). */
  open?: (task: TaskRecord) => Promise<void>;
  /** The process step a decision settles, recorded with it (runs on this version; see ProcessTracker.record). */
  settles?: (d: TaskDecision) => Omit<RecordStepInput, 'key'>;
  /**
   * The task a decision leads to, opened in the decision's own transaction (one write instead of two
   * before the decision's answer); null when it leads to none. Given back as `opened` for the next run().
   */
  then?: (d: TaskDecision) => HumanTaskSpec | null;
  /**
   * The task follows the process's end (IT switching off what the process granted): closeAll neither
   * refuses nor cancels it, so the process can end and still hold it.
   */
  afterEnd?: boolean;
}

/**
 * The read model's record of the task a spec describes, opened at `now` for the named workflow (this one,
 * or another that will adopt it: a task opened in the transaction of the step it follows from).
 */
export function taskRecordOf(spec: HumanTaskSpec, ref: Pick<TaskRecord, 'taskId' | 'workflowId' | 'process' | 'processKey'>, now: number): TaskRecord {
  return {
    ...ref,
    step: spec.step,
    kind: spec.kind,
    title: spec.title,
    assigneeUserId: spec.assigneeUserId ?? null,
    candidate: spec.candidate ?? null,
    escalation: spec.escalation,
    excluded: spec.excluded ?? [],
    expected: spec.expected ?? null,
    context: spec.context,
    dueAt: new Date(now + spec.dueInMs).toISOString(),
    deadlineAt: spec.deadlineInMs === undefined ? null : new Date(now + spec.deadlineInMs).toISOString(),
  };
}

/** A task opened by the step before it (HumanTaskSpec.then, taskRecordOf), to be awaited by run(). */
export interface OpenedTask {
  t: LiveTask;
  task: TaskRecord;
  deadlineAt: number | null;
}

/**
 * The reusable "wait for a person" step. One instance per workflow owns the decision and assignment
 * Updates of all its tasks (task-updates.ts). The main flow of each task is the only writer of its read
 * model: it opens the task, records the decision, escalates at the due time (notifying the people
 * concerned), and closes the task at its final deadline.
 */
export class HumanTasks {
  private readonly live = new Map<string, LiveTask>();
  /** Tasks of this run that are over, so a late second decision gets "already decided", not "unknown". */
  private readonly finished = new Set<string>();
  /** Step names of the tasks already in the read model (the status query lists only those). */
  private readonly steps = new Map<string, string>();
  private closedReason: string | null = null;
  /** Replay protection shared by every Update of this workflow (the return checklist's too). */
  readonly stamps = new UpdateStamps();

  constructor(
    private readonly process: ProcessKind,
    private readonly processKey: string,
  ) {
    installTaskUpdates(this.live, this.finished, this.stamps);
  }

  /**
   * Opens the task and waits for its outcome. `opened`: the task was already opened by the decision
   * that led to it (HumanTaskSpec.then), so it is only awaited here.
   */
  async run(spec: HumanTaskSpec, opened?: OpenedTask): Promise<TaskResult & { opened?: OpenedTask }> {
    if (!opened && this.closedReason !== null && !spec.afterEnd) return this.result(uuid4(), spec, 'cancelled');
    const { t, task, deadlineAt } = opened ?? this.prepare(spec);
    try {
      // Registered before the read model shows the task: whoever sees it there can already decide it.
      this.live.set(t.taskId, t);
      if (!opened) await (spec.open ? spec.open(task) : acts.openTask({ key: keyOf('task', t.taskId, 'open'), task }));
      this.steps.set(t.taskId, spec.step); // from now on the status query lists it, as the inbox does
      return await this.await(t, spec, deadlineAt);
    } finally {
      this.live.delete(t.taskId);
      this.steps.delete(t.taskId);
      this.finished.add(t.taskId);
    }
  }

  /** The task a spec describes, opened now in this workflow: as the workflow holds it and as the read model will show it. */
  private prepare(spec: HumanTaskSpec): OpenedTask {
    return this.adopt(spec, taskRecordOf(spec, { taskId: uuid4(), workflowId: workflowInfo().workflowId, process: this.process, processKey: this.processKey }, Date.now()));
  }

  /** A task another step has already opened for this workflow (taskRecordOf), to be awaited by run(). */
  adopt(spec: HumanTaskSpec, task: TaskRecord): OpenedTask {
    const deadlineAt = task.deadlineAt === null ? null : Date.parse(task.deadlineAt);
    const t: LiveTask = {
      taskId: task.taskId, kind: spec.kind, open: true, assigneeUserId: spec.assigneeUserId ?? null, namedAssignee: spec.assigneeUserId ?? null, candidate: spec.candidate ?? null,
      escalation: spec.escalation, escalated: false, excluded: spec.excluded ?? [], expected: spec.expected ?? null,
      dueAt: Date.parse(task.dueAt), claimedBy: null, decision: null, recorded: false, cancelReason: spec.afterEnd ? null : this.closedReason, afterEnd: !!spec.afterEnd,
    };
    return { t, task, deadlineAt };
  }

  /** Cancels every open task and refuses new ones: the process is ending (revoked, cut off, finished). Spares afterEnd tasks. */
  closeAll(reason: string): void {
    this.closedReason ??= reason;
    for (const t of this.live.values()) if (!t.afterEnd) t.cancelReason ??= reason;
  }

  openTasks(): OpenTaskSummary[] {
    return [...this.live.values()]
      .filter((t) => this.steps.has(t.taskId))
      .map((t) => ({ taskId: t.taskId, step: this.steps.get(t.taskId)!, kind: t.kind, dueAt: new Date(t.dueAt).toISOString(), escalated: t.escalated }));
  }

  private async await(t: LiveTask, spec: HumanTaskSpec, deadlineAt: number | null): Promise<TaskResult> {
    const step = spec.step;
    // Keys name the task id: uuid4() is replayed identically, so a retry after a crash reuses the key.
    for (;;) {
      const timer = !t.escalated ? Math.min(t.dueAt, deadlineAt ?? Infinity) : deadlineAt;
      await waitUntil(() => t.decision !== null || t.cancelReason !== null, timer);
      if (t.decision) {
        const settled = spec.settles && localSteps() ? spec.settles(t.decision) : undefined;
        const following = spec.then?.(t.decision);
        const opened = following ? this.prepare(following) : undefined;
        await acts.recordDecision({ key: keyOf('task', t.taskId, 'decided'), decision: t.decision, ...(settled ? { step: settled } : {}), ...(opened ? { next: opened.task } : {}) });
        t.recorded = true;
        if (opened) {
          // In the read model now: registered in the same activation that answers this decision's Update.
          opened.t.cancelReason ??= this.closedReason;
          this.live.set(opened.t.taskId, opened.t);
          this.steps.set(opened.t.taskId, opened.task.step);
        }
        return { ...t.decision, step, stepRecorded: !!settled, ...(opened ? { opened } : {}) };
      }
      if (t.cancelReason !== null || (deadlineAt !== null && Date.now() >= deadlineAt)) {
        t.open = false; // from here on the validator refuses decisions: the task is closing
        const status = t.cancelReason !== null ? 'cancelled' : 'expired';
        await acts.closeTask({ key: keyOf('task', t.taskId, status), taskId: t.taskId, status, reason: t.cancelReason ?? 'final deadline passed' });
        return this.result(t.taskId, spec, status);
      }
      if (!t.escalated && Date.now() >= t.dueAt) await this.escalate(t, spec);
    }
  }

  private async escalate(t: LiveTask, spec: HumanTaskSpec): Promise<void> {
    const concerned: Recipient[] = [t.assigneeUserId ? { userId: t.assigneeUserId } : t.candidate, spec.escalation, ...(spec.alsoNotify ?? [])].filter(
      (r): r is Recipient => !!r,
    );
    await acts.escalateTask({
      key: keyOf('task', t.taskId, 'escalated'),
      taskId: t.taskId,
      escalation: { role: spec.escalation.role, departmentId: spec.escalation.departmentId },
      notify: { subject: `task:${t.taskId}`, recipients: concerned, title: TITLES.overdue(spec.title), body: TITLES.overdueBody },
    });
    t.escalated = true;
  }

  private result(taskId: string, spec: HumanTaskSpec, outcome: 'expired' | 'cancelled'): TaskResult {
    return { taskId, step: spec.step, outcome, decidedBy: null, decidedAt: new Date().toISOString(), comment: null, data: {} };
  }
}
