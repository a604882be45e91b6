import { proxyActivities } from '@temporalio/workflow';
import type { ResponsibilityActivities } from '../activities/responsibilities.activities.js';
import { PERMANENT_ERROR_TYPES } from '../libs/policy/errors.js';
import type { OffboardingInput } from '../libs/policy/offboarding.js';
import { TITLES } from '../libs/policy/titles.js';
import type { HumanTasks } from './human-task.js';

/** Its own proxy (activities/responsibilities.activities.ts): a short read, retried like every step. */
const registerActs = proxyActivities<ResponsibilityActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: PERMANENT_ERROR_TYPES },
});

/**
 * EQ-1, EQ-3, INF-9: a leaver named in the owners register must have every responsibility moved before
 * they go. While they hold any, the call center manager (who keeps the register) has a hand-over task;
 * "done" is believed only when the register agrees: otherwise a new task opens, naming what is left.
 */
export async function handOverResponsibilities(tasks: HumanTasks, input: OffboardingInput): Promise<string[]> {
  const handed: string[] = [];
  for (;;) {
    const { keys } = await registerActs.responsibilitiesHeldBy({ userId: input.employeeUserId });
    if (keys.length === 0) return handed;
    for (const k of keys) if (!handed.includes(k)) handed.push(k);
    await tasks.run({
      step: 'responsibility_handover', kind: 'handover', title: TITLES.handOverResponsibilities, candidate: { role: 'cc_manager', departmentId: null },
      escalation: { role: 'leadership', departmentId: null, mayDecide: false }, dueInMs: input.settings.itemDueMs,
      context: {
        subjectUserId: input.employeeUserId, subjectEmployeeId: input.employeeId, requestedBy: input.startedBy,
        summary: { en: `Name someone else for: ${keys.join(', ')}`, zh: `请为以下职责另行指定人员：${keys.join('、')}` }, details: { responsibilities: keys.join(', ') },
      },
    });
  }
}
