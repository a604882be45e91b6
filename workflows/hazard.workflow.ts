import { defineQuery, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { HazardActivities } from '../activities/duties.activities.js';
import { PERMANENT_ERROR_TYPES } from '../libs/policy/errors.js';
import type { HazardReport } from '../libs/policy/hazards.js';
import type { OpenTaskSummary } from '../libs/policy/process.js';
import { keyOf } from './activities.js';
import { HumanTasks } from './human-task.js';
import { refuseUnauthenticatedInput } from './update-stamps.js';

/** The hazard steps' activities (activities/duties.activities.ts), with the same retry rules as every other database step. */
const hazardActs = proxyActivities<HazardActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: PERMANENT_ERROR_TYPES },
});

const HOUR_MS = 3_600_000;
/** Not removed within a working day: the call-center manager is told and may record the fix too. */
const ESCALATE_AFTER_MS = 24 * HOUR_MS;

export interface HazardStatus {
  hazardId: string;
  fixed: boolean;
  openTasks: OpenTaskSummary[];
}
export const hazardStatusQuery = defineQuery<HazardStatus>('status');

/** fixedBy null: the workflow was cancelled before anyone recorded the fix (the hazard stays open in the read model). */
export type HazardOutcome = { hazardId: string; fixedBy: string | null; fixedAt: string | null };

/**
 * EQ-2, EQ-4: a hazard found on an inspection or an equipment check. Recorded at once (idempotent: the
 * API may have recorded it already), it becomes a task for the machine-room managers (`site_manager`)
 * that has no deadline: it stays open until someone records how the hazard was removed. Past a day it
 * escalates to the call-center manager, who may record the fix too.
 */
const titleOf = (h: HazardReport) =>
  h.clauses.includes('EQ-7')
    ? { en: 'EQ-7: door or window anomaly, to remedy', zh: 'EQ-7：门窗异常，待处理' }
    : h.clauses.includes('EQ-4')
      ? { en: 'EQ-4: hazard reported, to remove', zh: 'EQ-4：上报的隐患，待排除' }
      : { en: 'EQ-2: hazard found, to remove', zh: 'EQ-2：发现的隐患，待排除' };

export async function hazardWorkflow(input: HazardReport): Promise<HazardOutcome> {
  refuseUnauthenticatedInput(input);
  const workflowId = workflowInfo().workflowId;
  const tasks = new HumanTasks('hazard', input.hazardId);
  let fixed = false;
  setHandler(hazardStatusQuery, () => ({ hazardId: input.hazardId, fixed, openTasks: tasks.openTasks() }));
  await hazardActs.reportHazard({ key: keyOf('reported'), ...input, workflowId });
  const summary = { en: `Hazard to remove: ${input.description}`, zh: `待排除的隐患：${input.description}` };
  // No deadline: the task is open until someone records the fix (only a cancelled workflow ends it otherwise).
  const r = await tasks.run({
    step: 'fix',
    kind: 'hazard_fix',
    title: titleOf(input),
    candidate: { role: input.to ?? 'site_manager', departmentId: null },
    escalation: { role: 'cc_manager', departmentId: null, mayDecide: true },
    dueInMs: ESCALATE_AFTER_MS,
    context: { subjectUserId: null, subjectEmployeeId: null, requestedBy: input.reportedBy, summary, details: { hazardId: input.hazardId, dutyId: input.dutyId, occurrenceId: input.occurrenceId } },
  });
  if (r.outcome !== 'done' || !r.decidedBy) return { hazardId: input.hazardId, fixedBy: null, fixedAt: null };
  await hazardActs.recordHazardFixed({ key: keyOf('fixed'), hazardId: input.hazardId, by: r.decidedBy, at: r.decidedAt, howFixed: String(r.data.howFixed ?? '') });
  fixed = true;
  return { hazardId: input.hazardId, fixedBy: r.decidedBy, fixedAt: r.decidedAt };
}
