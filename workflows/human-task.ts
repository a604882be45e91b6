import { ApplicationFailure, condition, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import {
  changeAssignmentUpdate,
  checkAssignment,
  checkDecision,
  decideTaskUpdate,
  TITLES,
  type AssignmentResult,
  type ChangeAssignmentArgs,
  type DecideTaskArgs,
  type ExpectedData,
  type Exclusion,
  type OpenTaskSummary,
  type ProcessKind,
  type Recipient,
  type RoleScope,
  type TaskAuthority,
  type TaskContext,
  type TaskDecision,
  type TaskKind,
  type TaskRejection,
  type TaskResult,
  type LocalizedText,
} from '../libs/contracts/index.js';
import { acts, keyOf } from './activities.js';
import { waitUntil } from './timing.js';

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
}

interface LiveTask extends TaskAuthority {
  taskId: string;
  spec: HumanTaskSpec;
  dueAt: number;
  claimedBy: string | null;
  decision: TaskDecision | null;
  recorded: boolean;
  cancelReason: string | null;
}

const refuse = (r: TaskRejection): never => {
  throw ApplicationFailure.create({ type: r.code, message: r.message, nonRetryable: true });
};

const malformed = (args: { taskId?: unknown; actor?: { userId?: unknown; roles?: unknown } } | undefined): TaskRejection | null =>
  !args || typeof args.taskId !== 'string' || !args.actor || typeof args.actor.userId !== 'string' || !Array.isArray(args.actor.roles)
    ? { code: 'VALIDATION_FAILED', message: 'taskId and actor { userId, roles, departmentId } are required' }
    : null;

/**
 * The reusable "wait for a person" step. One instance per workflow owns the decision and assignment
 * Updates for all of its tasks. Validators refuse, before anything reaches history: a malformed payload,
 * a task already decided, a separation-of-duties breach, and an actor who may not act. The main flow of
 * each task is the only writer of its read model: it records the decision, escalates at the due time,
 * and closes the task at its final deadline.
 */
export class HumanTasks {
  private readonly live = new Map<string, LiveTask>();
  /** Tasks of this run that are over, so a late second decision gets "already decided", not "unknown". */
  private readonly finished = new Set<string>();
  private closedReason: string | null = null;

  constructor(
    private readonly process: ProcessKind,
    private readonly processKey: string,
  ) {
    setHandler(decideTaskUpdate, (args) => this.decide(args), { validator: (args) => this.validateDecision(args) });
    setHandler(changeAssignmentUpdate, (args) => this.changeAssignment(args), { validator: (args) => this.validateAssignment(args) });
  }

  async run(spec: HumanTaskSpec): Promise<TaskResult> {
    const taskId = uuid4();
    const now = Date.now();
    const deadlineAt = spec.deadlineInMs === undefined ? null : now + spec.deadlineInMs;
    if (this.closedReason !== null) return this.result(taskId, spec, 'cancelled');
    await acts.openTask({
      key: keyOf('task', taskId, 'open'),
      task: {
        taskId,
        workflowId: workflowInfo().workflowId,
        process: this.process,
        processKey: this.processKey,
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
        deadlineAt: deadlineAt === null ? null : new Date(deadlineAt).toISOString(),
      },
    });
    const t: LiveTask = {
      taskId, spec, kind: spec.kind, open: true, assigneeUserId: spec.assigneeUserId ?? null, candidate: spec.candidate ?? null,
      escalation: spec.escalation, escalated: false, excluded: spec.excluded ?? [], expected: spec.expected ?? null,
      dueAt: now + spec.dueInMs, claimedBy: null, decision: null, recorded: false, cancelReason: this.closedReason,
    };
    this.live.set(taskId, t);
    try {
      return await this.await(t, deadlineAt);
    } finally {
      this.live.delete(taskId);
      this.finished.add(taskId);
    }
  }

  /** Cancels every open task and refuses new ones: the process is ending (revoked, cut off, finished). */
  closeAll(reason: string): void {
    this.closedReason ??= reason;
    for (const t of this.live.values()) t.cancelReason ??= reason;
  }

  openTasks(): OpenTaskSummary[] {
    return [...this.live.values()].map((t) => ({ taskId: t.taskId, step: t.spec.step, kind: t.kind, dueAt: new Date(t.dueAt).toISOString(), escalated: t.escalated }));
  }

  private async await(t: LiveTask, deadlineAt: number | null): Promise<TaskResult> {
    const step = t.spec.step;
    // Keys name the task id: uuid4() is replayed identically, so a retry after a crash reuses the key.
    for (;;) {
      const timer = !t.escalated ? Math.min(t.dueAt, deadlineAt ?? Infinity) : deadlineAt;
      await waitUntil(() => t.decision !== null || t.cancelReason !== null, timer);
      if (t.decision) {
        await acts.recordDecision({ key: keyOf('task', t.taskId, 'decided'), decision: t.decision });
        t.recorded = true;
        return { ...t.decision, step };
      }
      if (t.cancelReason !== null || (deadlineAt !== null && Date.now() >= deadlineAt)) {
        t.open = false; // from here on the validator refuses decisions: the task is closing
        const status = t.cancelReason !== null ? 'cancelled' : 'expired';
        await acts.closeTask({ key: keyOf('task', t.taskId, status), taskId: t.taskId, status, reason: t.cancelReason ?? 'final deadline passed' });
        return this.result(t.taskId, t.spec, status);
      }
      if (!t.escalated && Date.now() >= t.dueAt) await this.escalate(t);
    }
  }

  private async escalate(t: LiveTask): Promise<void> {
    const concerned: Recipient[] = [t.assigneeUserId ? { userId: t.assigneeUserId } : t.candidate, t.spec.escalation, ...(t.spec.alsoNotify ?? [])].filter(
      (r): r is Recipient => !!r,
    );
    await acts.escalateTask({
      key: keyOf('task', t.taskId, 'escalated'),
      taskId: t.taskId,
      escalation: { role: t.spec.escalation.role, departmentId: t.spec.escalation.departmentId },
      notify: { subject: `task:${t.taskId}`, recipients: concerned, title: TITLES.overdue(t.spec.title), body: TITLES.overdueBody },
    });
    t.escalated = true;
  }

  private result(taskId: string, spec: HumanTaskSpec, outcome: 'expired' | 'cancelled'): TaskResult {
    return { taskId, step: spec.step, outcome, decidedBy: null, decidedAt: new Date().toISOString(), comment: null, data: {} };
  }

  private find(taskId: string): LiveTask {
    const t = this.live.get(taskId);
    if (t) return t;
    if (this.finished.has(taskId)) return refuse({ code: 'ALREADY_DECIDED', message: 'this task is already decided or closed' });
    return refuse({ code: 'NOT_FOUND', message: `task ${taskId} is not open in this process` });
  }

  private validateDecision(args: DecideTaskArgs): void {
    const bad = malformed(args) ?? checkDecision(this.find(args.taskId), args);
    if (bad) refuse(bad);
  }

  /** Runs only after the validator accepted: claims the decision synchronously, then waits until it is recorded. */
  private async decide(args: DecideTaskArgs): Promise<TaskDecision> {
    const t = this.find(args.taskId);
    t.open = false;
    t.decision = {
      taskId: t.taskId,
      outcome: args.outcome,
      decidedBy: args.actor.userId,
      decidedAt: new Date().toISOString(),
      comment: args.comment?.trim() || null,
      data: args.data ?? {},
    };
    await condition(() => t.recorded);
    return t.decision;
  }

  private validateAssignment(args: ChangeAssignmentArgs): void {
    const shape = malformed(args);
    if (shape) refuse(shape);
    const t = this.find(args.taskId);
    const bad = checkAssignment(t, t.claimedBy, args);
    if (bad) refuse(bad);
  }

  private async changeAssignment(args: ChangeAssignmentArgs): Promise<AssignmentResult> {
    const t = this.find(args.taskId);
    const to = args.action === 'claim' ? args.actor.userId : args.action === 'reassign' ? args.toUserId! : null;
    t.claimedBy = args.action === 'claim' ? args.actor.userId : null;
    t.assigneeUserId = to ?? t.spec.assigneeUserId ?? null;
    await acts.recordAssignment({ key: keyOf('task', t.taskId, args.action, uuid4()), taskId: t.taskId, action: args.action, by: args.actor.userId, assigneeUserId: t.assigneeUserId });
    return { taskId: t.taskId, assigneeUserId: t.assigneeUserId };
  }
}
