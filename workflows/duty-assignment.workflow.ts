import { defineQuery, ParentClosePolicy, proxyActivities, setHandler, startChild } from '@temporalio/workflow';
import type { DutyFanOutActivities } from '../activities/duties.activities.js';
import { dutyAssignmentKey, type DutyAssignmentInput, type DutyAssignmentOutcome } from '../libs/policy/duties.js';
import { PERMANENT_ERROR_TYPES } from '../libs/policy/errors.js';
import { hazardWorkflowId } from '../libs/policy/hazards.js';
import type { OpenTaskSummary } from '../libs/policy/process.js';
import { keyOf } from './activities.js';
import { hazardWorkflow } from './hazard.workflow.js';
import { HumanTasks } from './human-task.js';
import { refuseUnauthenticatedInput } from './update-stamps.js';

/** The fan-out steps' activities (activities/duties.activities.ts), with the retry rules of every database step. */
export const fanOutActs = proxyActivities<DutyFanOutActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: PERMANENT_ERROR_TYPES },
});

export const dutyAssignmentStatusQuery = defineQuery<{ openTasks: OpenTaskSummary[] }>('status');

/**
 * One agent's part of a per-agent duty (EQ-4: the end-of-work equipment check; INF-11(4): the notes
 * handed in, then their receipt confirmed by the on-site manager). A child of the day's occurrence, so
 * the occurrence's history grows by a few events per agent and each agent's by two tasks at most. The
 * agent's task is theirs alone; at the due time the escalation role is told. A receipt confirmed after
 * the due time makes the hand-in late for both, the agent and the confirmer.
 */
export async function dutyAssignmentWorkflow(input: DutyAssignmentInput): Promise<DutyAssignmentOutcome> {
  refuseUnauthenticatedInput(input);
  const tasks = new HumanTasks('duty', dutyAssignmentKey(input.occurrenceId, input.userId));
  setHandler(dutyAssignmentStatusQuery, () => ({ openTasks: tasks.openTasks() }));
  const dueAt = Date.parse(input.dueAt);
  const deadlineAt = Date.parse(input.deadlineAt);
  const context = { subjectUserId: input.userId, subjectEmployeeId: null, requestedBy: null, summary: input.title, details: { dutyId: input.dutyId, occurrenceId: input.occurrenceId } };
  const own = await tasks.run({
    step: input.dutyId,
    kind: input.taskKind,
    title: input.title,
    assigneeUserId: input.userId,
    escalation: { role: input.escalation, departmentId: null, mayDecide: false },
    dueInMs: dueAt - Date.now(),
    deadlineInMs: deadlineAt - Date.now(),
    context,
  });
  const missed = async (): Promise<DutyAssignmentOutcome> => {
    await fanOutActs.recordDutyAssignment({ key: keyOf('assignment'), occurrenceId: input.occurrenceId, userId: input.userId, state: 'missed', late: true, data: own.decidedBy ? own.data : null, completedAt: own.decidedBy ? own.decidedAt : null, confirmedBy: null, confirmedAt: null });
    return { userId: input.userId, state: 'missed', late: true, confirmedBy: null };
  };
  if (own.outcome !== 'done' || !own.decidedBy) return missed();
  // EQ-4: a hazard the agent could not fix goes to the machine-room managers at once, open until fixed.
  const hazard = typeof own.data.hazard === 'string' ? own.data.hazard.trim() : '';
  if (hazard) {
    const hazardId = dutyAssignmentKey(input.occurrenceId, input.userId);
    await startChild(hazardWorkflow, {
      workflowId: hazardWorkflowId(hazardId),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{ hazardId, description: hazard, reportedBy: input.userId, dutyId: input.dutyId, occurrenceId: input.occurrenceId, clauses: [...input.clauses] }],
    });
  }
  let late = Date.parse(own.decidedAt) > dueAt;
  let confirmedBy: string | null = null;
  let confirmedAt: string | null = null;
  if (input.confirmBy) {
    const receipt = await tasks.run({
      step: 'receipt',
      kind: 'notes_receipt',
      title: { en: `INF-11: confirm receiving the notes of ${input.userId}`, zh: `INF-11：确认已收到 ${input.userId} 上交的记录` },
      candidate: { role: input.confirmBy, departmentId: null },
      escalation: { role: input.escalation, departmentId: null, mayDecide: true },
      dueInMs: Math.max(0, dueAt - Date.now()),
      deadlineInMs: deadlineAt - Date.now(),
      excluded: [{ userId: input.userId, reason: 'reporter' }],
      context,
    });
    // Unconfirmed by the deadline: the hand-in is not proven, so the agent's part is missed.
    if (receipt.outcome !== 'done' || !receipt.decidedBy) return missed();
    confirmedBy = receipt.decidedBy;
    confirmedAt = receipt.decidedAt;
    late = late || Date.parse(receipt.decidedAt) > dueAt;
  }
  await fanOutActs.recordDutyAssignment({ key: keyOf('assignment'), occurrenceId: input.occurrenceId, userId: input.userId, state: 'completed', late, data: own.data, completedAt: own.decidedAt, confirmedBy, confirmedAt });
  return { userId: input.userId, state: 'completed', late, confirmedBy };
}
