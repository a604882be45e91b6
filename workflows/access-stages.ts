import { ACCESS_KIND_NAMES, type AccessRequestInput, type AccessStage } from '../libs/policy/access-request.js';
import { type TaskDecision, type TaskRecord, type TaskResult } from '../libs/policy/tasks.js';
import { applies } from './activities.js';
import { text } from '../libs/policy/text.js';
import type { HumanTasks, HumanTaskSpec, OpenedTask } from './human-task.js';
import type { ProcessTracker } from './process-tracker.js';

/**
 * Patched: each step of an access request is one write. An approval opens the next stage's task in the
 * transaction that records it; the grant, its 'active' step and the holder's notice are one transaction;
 * IT's task to switch off a grant with no connector is opened with the grant's end; the last notice and
 * the process's end are one transaction. Runs recorded before it took a write for each of these.
 */
export const ONE_WRITE_PER_STEP_PATCH = 'access-request-one-write-per-step';

export interface StagesOutcome {
  passed: boolean;
  results: TaskResult[];
}

/**
 * Runs stages in order, stopping at the first that is not approved/done. Separation of duties: the
 * requester decides none of them, and nobody decides two stages of one round (each stage bars the
 * deciders of the earlier ones).
 */
/** What this round asks for: the first request (round 0) or an extension. */
export interface Ask {
  round: number;
  durationMs: number;
  reason: string;
}

export async function runStages(
  p: ProcessTracker,
  tasks: HumanTasks,
  stages: AccessStage[],
  input: AccessRequestInput,
  ask: Ask,
  /** Writes the first stage's task with the request's own first events (a submission's one transaction). */
  openFirst?: (task: TaskRecord) => Promise<void>,
): Promise<StagesOutcome> {
  const results: TaskResult[] = [];
  // Each stage bars the requester and whoever decided an earlier stage of this round.
  const specOf = (i: number, decided: Pick<TaskResult, 'decidedBy'>[]): HumanTaskSpec => {
    const s = stages[i]!;
    return {
      step: s.step,
      kind: s.kind,
      title: s.title,
      candidate: { role: s.role, departmentId: s.department ? input.requester.departmentId : null },
      // Approvals may be taken over by the escalation role; IT's hands-on step is only reminded.
      escalation: { role: s.escalateTo, departmentId: null, mayDecide: s.kind === 'approval' },
      dueInMs: input.settings.stageDueMs,
      deadlineInMs: input.settings.stageDeadlineMs,
      excluded: [
        { userId: input.requester.userId, reason: 'requester' },
        ...decided.filter((r) => r.decidedBy !== null).map((r) => ({ userId: r.decidedBy!, reason: 'other_stage' as const })),
      ],
      context: {
        subjectUserId: input.requester.userId,
        subjectEmployeeId: input.requester.employeeId,
        requestedBy: input.requester.userId,
        summary: summaryOf(input.kind, ask.round),
        details: { requestId: input.requestId, kind: input.kind, justification: ask.reason, durationMs: ask.durationMs, round: ask.round },
      },
      alsoNotify: [{ userId: input.requester.userId }],
      ...(openFirst && i === 0 ? { open: openFirst } : {}),
      settles: (d) => p.record(s.step, passedBy(d.outcome) ? 'completed' : 'failed', d.decidedBy, { outcome: d.outcome, round: ask.round }),
      // Runs on this version: an approval opens the next stage's task in its own transaction.
      ...(i + 1 < stages.length && applies(ONE_WRITE_PER_STEP_PATCH)
        ? { then: (d: TaskDecision) => (passedBy(d.outcome) ? specOf(i + 1, [...decided, d]) : null) }
        : {}),
    };
  };
  let opened: OpenedTask | undefined;
  for (const [i, s] of stages.entries()) {
    p.enter(s.step);
    const { opened: next, ...r } = await tasks.run(specOf(i, results), opened);
    opened = next;
    results.push(r);
    const passed = passedBy(r.outcome);
    if (r.stepRecorded) p.noted(s.step, passed ? 'completed' : 'failed', r.decidedBy);
    else await p.step(s.step, passed ? 'completed' : 'failed', r.decidedBy, { outcome: r.outcome, round: ask.round });
    if (!passed) return { passed: false, results };
  }
  return { passed: true, results };
}

const passedBy = (outcome: TaskResult['outcome']): boolean => outcome === 'approve' || outcome === 'done';

/** The task's one-line summary, in words people read (not the kind's code). */
function summaryOf(kind: AccessRequestInput['kind'], round: number) {
  const name = ACCESS_KIND_NAMES[kind];
  return round === 0 ? text(`Access request: ${name.en}`, `访问申请：${name.zh}`) : text(`Extension of ${name.en}`, `延期申请：${name.zh}`);
}
