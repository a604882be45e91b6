import { ACCESS_KIND_NAMES, type AccessRequestInput, type AccessStage } from '../libs/policy/access-request.js';
import { type Exclusion, type TaskRecord, type TaskResult } from '../libs/policy/tasks.js';
import { text } from '../libs/policy/text.js';
import type { HumanTasks } from './human-task.js';
import type { ProcessTracker } from './process-tracker.js';

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
  for (const s of stages) {
    p.enter(s.step);
    const excluded: Exclusion[] = [
      { userId: input.requester.userId, reason: 'requester' },
      ...results.filter((r) => r.decidedBy !== null).map((r) => ({ userId: r.decidedBy!, reason: 'other_stage' as const })),
    ];
    const r = await tasks.run({
      step: s.step,
      kind: s.kind,
      title: s.title,
      candidate: { role: s.role, departmentId: s.department ? input.requester.departmentId : null },
      // Approvals may be taken over by the escalation role; IT's hands-on step is only reminded.
      escalation: { role: s.escalateTo, departmentId: null, mayDecide: s.kind === 'approval' },
      dueInMs: input.settings.stageDueMs,
      deadlineInMs: input.settings.stageDeadlineMs,
      excluded,
      context: {
        subjectUserId: input.requester.userId,
        subjectEmployeeId: input.requester.employeeId,
        requestedBy: input.requester.userId,
        summary: summaryOf(input.kind, ask.round),
        details: { requestId: input.requestId, kind: input.kind, justification: ask.reason, durationMs: ask.durationMs, round: ask.round },
      },
      alsoNotify: [{ userId: input.requester.userId }],
      ...(openFirst && results.length === 0 ? { open: openFirst } : {}),
      settles: (d) => p.record(s.step, passedBy(d.outcome) ? 'completed' : 'failed', d.decidedBy, { outcome: d.outcome, round: ask.round }),
    });
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
