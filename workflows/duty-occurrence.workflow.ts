import { ApplicationFailure, defineQuery, executeChild, ParentClosePolicy, setHandler, sleep, startChild, uuid4, workflowInfo } from '@temporalio/workflow';
import { DUTIES, dutyAssignmentWorkflowId, dutyOfWorkflowId, type DutyOccurrenceInput, type DutyOutcome, type DutySnapshot } from '../libs/policy/duties.js';
import { hazardWorkflowId } from '../libs/policy/hazards.js';
import type { OpenTaskSummary } from '../libs/policy/process.js';
import { acts, applies, beginRun, keyOf } from './activities.js';
import { dutyAssignmentWorkflow, fanOutActs } from './duty-assignment.workflow.js';
import { hazardWorkflow } from './hazard.workflow.js';
import { HumanTasks } from './human-task.js';
import { waitUntil } from './timing.js';
import { refuseUnauthenticatedInput } from './update-stamps.js';

export interface DutyStatus {
  date: string | null;
  occurrenceId: string | null;
  late: boolean;
  openTasks: OpenTaskSummary[];
}
export const dutyStatusQuery = defineQuery<DutyStatus>('status');

/** A number in [0, 1) from the workflow's seeded randomness: the first 48 bits of a v4 uuid are random. */
const randomFraction = (): number => {
  const u = uuid4();
  return parseInt(u.slice(0, 8) + u.slice(9, 13), 16) / 2 ** 48;
};

/**
 * One day's occurrence of a recurring duty (EQ-6: the machine room's end-of-day power-off check),
 * started by the duty's Temporal Schedule. The calendar activity decides whether the day is a working
 * day (a holiday records nothing) and claims the occurrence by its id (duty and date), so a retried or
 * duplicated firing opens one task. The checklist task goes to the owner role; at the due time it
 * escalates to the escalation role and the duty is recorded late; at the deadline (the next working
 * day's start) the task closes and the duty is recorded missed.
 */
export async function dutyOccurrenceWorkflow(input?: DutyOccurrenceInput): Promise<DutyOutcome> {
  // A scheduled run has no arguments (see DutyOccurrenceInput); one with arguments must carry Custodian's key.
  if (input !== undefined) refuseUnauthenticatedInput(input);
  beginRun(['duty-definitions-from-log']);
  const workflowId = workflowInfo().workflowId;
  const dutyId = input?.dutyId ?? dutyOfWorkflowId(workflowId);
  // Definitions are events now (a manager's duty is not in the code): beginDuty reads it and refuses an
  // unknown one. A run recorded before that refused a duty the code did not know here, and still does.
  if (!dutyId || (!DUTIES[dutyId] && !applies('duty-definitions-from-log')))
    throw ApplicationFailure.create({ type: 'UNKNOWN_DUTY', message: `no duty is defined for ${JSON.stringify(dutyId ?? workflowId)}`, nonRetryable: true });
  const status: DutyStatus = { date: null, occurrenceId: null, late: false, openTasks: [] };
  let tasks: HumanTasks | null = null;
  setHandler(dutyStatusQuery, () => ({ ...status, openTasks: tasks?.openTasks() ?? [] }));

  const day = await acts.beginDuty({ key: keyOf('begin'), dutyId, date: input?.date, at: new Date().toISOString(), workflowId });
  status.date = day.date;
  if (!day.working) return { result: 'not_working_day', date: day.date };
  const { occurrenceId } = day;
  status.occurrenceId = occurrenceId;
  if (day.duplicateOf !== null) return { result: 'duplicate', date: day.date, occurrenceId, heldBy: day.duplicateOf };

  // The definition as it stood when the occurrence began; a run recorded before beginDuty returned it is a built-in duty.
  const duty: DutySnapshot = day.duty ?? DUTIES[dutyId]!;
  // EQ-2 unannounced: the schedule fired when the window opened; the checklist opens at a time drawn now.
  // The workflow's randomness (uuid4) is seeded per run: the same on replay, different for every run and
  // day; the drawn time is kept nowhere a person can read before it comes, so the owner cannot predict it.
  if (duty.unannounced && day.windowEndAt) {
    const windowMs = Date.parse(day.windowEndAt) - Date.now();
    if (windowMs > 0) await sleep(Math.floor(randomFraction() * windowMs));
  }
  if (duty.perAgent) return fanOut(duty, day, status);
  tasks = new HumanTasks('duty', occurrenceId);
  const now = Date.now();
  const dueAt = Date.parse(day.dueAt);
  const deadlineAt = Date.parse(day.deadlineAt);
  let over = false;
  const task = tasks
    .run({
      step: duty.id,
      kind: duty.taskKind,
      title: duty.title,
      ...('userId' in duty.owner ? { assigneeUserId: duty.owner.userId } : { candidate: { role: duty.owner.role, departmentId: duty.owner.departmentId } }),
      // The escalation role may do the check itself once it is late (someone must, before the deadline).
      escalation: { role: duty.escalation, departmentId: null, mayDecide: true },
      dueInMs: dueAt - now,
      deadlineInMs: deadlineAt - now,
      context: { subjectUserId: null, subjectEmployeeId: null, requestedBy: null, summary: duty.title, details: { dutyId: duty.id, date: day.date } },
    })
    .finally(() => {
      over = true;
    });
  // The task escalates itself at its due time; the duty's own record of lateness is this timer.
  const lateness = (async () => {
    await waitUntil(() => over, dueAt);
    if (over) return;
    status.late = true;
    await acts.recordDutyLate({ key: keyOf('late'), occurrenceId });
  })();
  const r = await task;
  await lateness;
  if (r.outcome === 'expired' || r.outcome === 'cancelled' || !r.decidedBy) {
    await acts.recordDutyMissed({ key: keyOf('missed'), occurrenceId });
    return { result: 'missed', date: day.date, occurrenceId, late: status.late, taskId: r.taskId };
  }
  await acts.recordDutyCompleted({ key: keyOf('completed'), occurrenceId, by: r.decidedBy, at: r.decidedAt, late: status.late, data: r.data, comment: r.comment });
  // EQ-2, EQ-4: a hazard written on the checklist goes to the machine-room managers at once, as a workflow of
  // its own that outlives this occurrence (open until fixed). Only forms with a hazard field have one, and
  // no run recorded before them did, so older histories replay unchanged.
  // EQ-7: a door or window found not secure, INF-2: the "no entry for visitors" notice missing, is an anomaly
  // for general affairs (`security`), described in the comment. (Checks recorded before INF-2 carry no notice field.)
  const notInOrder = r.data.secure === false || r.data.visitorNoticePosted === false;
  const anomaly = duty.taskKind === 'doors_windows_check' && notInOrder ? (r.comment ?? '').trim() : '';
  const hazard = typeof r.data.hazard === 'string' ? r.data.hazard.trim() : '';
  if (hazard || anomaly) {
    await startChild(hazardWorkflow, {
      workflowId: hazardWorkflowId(occurrenceId),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{ hazardId: occurrenceId, description: hazard || anomaly, reportedBy: r.decidedBy, dutyId: duty.id, occurrenceId, clauses: [...duty.clauses], ...(anomaly ? { to: 'security' as const } : {}) }],
    });
  }
  return { result: 'completed', date: day.date, occurrenceId, late: status.late, taskId: r.taskId };
}

/** What of a working day's beginDuty answer the fan-out needs. */
type Working = { date: string; occurrenceId: string; dueAt: string; deadlineAt: string };

/**
 * EQ-4, INF-11(4): one part per active agent, each a child workflow (its own task, and the receipt where
 * the duty asks for one), so this run's history grows by a few events per agent. The occurrence is late
 * when a part is still open at the due time, missed when a part was missed, and its record names them.
 */
async function fanOut(duty: DutySnapshot, day: Working, status: DutyStatus): Promise<DutyOutcome> {
  const { occurrenceId } = day;
  const agents = await fanOutActs.listActiveAgents({});
  let pending = agents.length;
  const parts = Promise.all(
    agents.map(async ({ userId }) => {
      const outcome = await executeChild(dutyAssignmentWorkflow, {
        workflowId: dutyAssignmentWorkflowId(occurrenceId, userId),
        args: [{ occurrenceId, dutyId: duty.id, userId, title: duty.title, taskKind: duty.taskKind, clauses: [...duty.clauses], escalation: duty.escalation, confirmBy: duty.perAgent?.confirmBy ?? null, dueAt: day.dueAt, deadlineAt: day.deadlineAt }],
      });
      pending--;
      return outcome;
    }),
  );
  const lateness = (async () => {
    await waitUntil(() => pending === 0, Date.parse(day.dueAt));
    if (pending === 0) return;
    status.late = true;
    await acts.recordDutyLate({ key: keyOf('late'), occurrenceId });
  })();
  const outcomes = await parts;
  await lateness;
  const data = { agents: outcomes.length, late: outcomes.filter((o) => o.late).map((o) => o.userId), missed: outcomes.filter((o) => o.state === 'missed').map((o) => o.userId) };
  if (data.missed.length) {
    await acts.recordDutyMissed({ key: keyOf('missed'), occurrenceId });
    return { result: 'missed', date: day.date, occurrenceId, late: status.late, taskId: '' };
  }
  await acts.recordDutyCompleted({ key: keyOf('completed'), occurrenceId, by: 'system:duty', at: new Date().toISOString(), late: status.late, data, comment: null });
  return { result: 'completed', date: day.date, occurrenceId, late: status.late, taskId: '' };
}
