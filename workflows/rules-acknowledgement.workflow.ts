import { continueAsNew, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { RulesActivities } from '../activities/rules.activities.js';
import { HOUR } from '../libs/policy/durations.js';
import { PERMANENT_ERROR_TYPES } from '../libs/policy/errors.js';
import type { RulesAcknowledgementInput } from '../libs/policy/rules.js';
import { TITLES } from '../libs/policy/titles.js';
import { HumanTasks } from './human-task.js';
import { refuseUnauthenticatedInput } from './update-stamps.js';

/** Its own proxy (activities/rules.activities.ts): short transactions, retried like every step. */
const rulesActs = proxyActivities<RulesActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: PERMANENT_ERROR_TYPES },
});

/**
 * EQ-5, SYS-3, SYS-4, AID-1: the employee acknowledges the behavioural rules, and again every year. One
 * cycle per run: a task for the employee alone that must repeat the current text's version and hash
 * (as the agreement signature does, INF-10); unanswered at its due time it escalates to the department's
 * supervisor, so an overdue acknowledgement shows in their inbox and in the task list; once answered it is
 * recorded, the run sleeps until the next is due, and continues as new (bounded history). Started by the
 * API with the onboarding, it waits (checking hourly) until the employee is active; a leaver's or a
 * withdrawn hire's cycle ends. The tasks belong to the employee's onboarding record.
 */
export async function rulesAcknowledgementWorkflow(input: RulesAcknowledgementInput): Promise<void> {
  refuseUnauthenticatedInput(input); // a start sent without Custodian's key fails here, having written nothing
  const { employeeId, employeeUserId, departmentId, settings } = input;
  const cycle = await rulesActs.rulesCycle({ employeeId });
  if (cycle.employee === 'gone') return;
  if (cycle.employee === 'pending') {
    // Started with the onboarding: the first acknowledgement is asked once the employee is active.
    await sleep(settings.startCheckEveryMs ?? HOUR);
    await continueAsNew<typeof rulesAcknowledgementWorkflow>(input);
  }
  const tasks = new HumanTasks('onboarding', employeeId);
  const ack = await tasks.run({
    step: 'rules_acknowledgement', kind: 'rules_acknowledgement', title: TITLES.rulesAcknowledgement, assigneeUserId: employeeUserId,
    escalation: { role: 'supervisor', departmentId, mayDecide: false }, dueInMs: settings.dueMs,
    expected: { rulesVersion: cycle.version, textHash: cycle.textHash },
    context: {
      subjectUserId: employeeUserId, subjectEmployeeId: employeeId, requestedBy: null,
      summary: { en: 'Read the rules and confirm them (yearly)', zh: '阅读并确认工作守则（每年一次）' }, details: { employeeId, rulesVersion: cycle.version },
    },
  });
  if (ack.outcome !== 'done' || !ack.decidedBy) return; // cancelled: the process is ending
  const nextDueAt = new Date(Date.parse(ack.decidedAt) + settings.everyMs).toISOString();
  await rulesActs.recordRulesAcknowledgement({
    key: `${workflowInfo().workflowId}:${workflowInfo().runId}:acknowledged`, employeeId, userId: ack.decidedBy, version: cycle.version, textHash: cycle.textHash,
    acknowledgedAt: ack.decidedAt, nextDueAt,
  });
  await sleep(Math.max(0, Date.parse(nextDueAt) - Date.now()));
  await continueAsNew<typeof rulesAcknowledgementWorkflow>(input);
}
