import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { onboardingStatusQuery } from '../libs/policy/messages.js';
import { type OnboardingInput, type OnboardingResult, type OnboardingStatus } from '../libs/policy/onboarding.js';
import { type TaskContext } from '../libs/policy/tasks.js';
import { text } from '../libs/policy/text.js';
import { TITLES } from '../libs/policy/titles.js';
import { processSubject } from '../libs/policy/workflow-ids.js';
import { acts, applies, beginRun, keyOf } from './activities.js';
import { HumanTasks } from './human-task.js';
import { answerWhenRecorded } from './process-recorded.js';
import { refuseUnauthenticatedInput } from './update-stamps.js';
import { ProcessTracker } from './process-tracker.js';

/**
 * A new employee, created pending by HR: signs the confidentiality and non-compete agreement (INF-10,
 * INF-11), gets the next free standard agent ID (AID-1), has IT set up accounts and the workstation IP
 * from the central plan (INF-7, SYS-2), acknowledges the fire-safety briefing (EQ-3), and becomes active.
 */
export async function onboardingWorkflow(input: OnboardingInput): Promise<OnboardingResult> {
  refuseUnauthenticatedInput(input); // a start sent without Custodian's key fails here, having written nothing
  beginRun();
  const { employeeId, employeeUserId, settings } = input;
  const p = new ProcessTracker('onboarding', employeeId, 'created');
  const tasks = new HumanTasks('onboarding', employeeId);
  const status: Pick<OnboardingStatus, 'agreement' | 'agentId' | 'workstationIp'> = { agreement: null, agentId: null, workstationIp: null };
  setHandler(onboardingStatusQuery, () => ({ ...p.base(tasks.openTasks()), employeeId, ...status }));
  const context = (summary: TaskContext['summary'], details: TaskContext['details'] = {}): TaskContext => ({
    subjectUserId: employeeUserId, subjectEmployeeId: employeeId, requestedBy: input.startedBy, summary, details: { employeeId, ...details },
  });
  const done = async (state: OnboardingResult['state']): Promise<OnboardingResult> => {
    await p.finish(state === 'active' ? 'completed' : 'cancelled', state, { agentId: status.agentId, workstationIp: status.workstationIp });
    await condition(allHandlersFinished);
    return { employeeId, state, agentId: status.agentId, workstationIp: status.workstationIp };
  };

  const answer = answerWhenRecorded(tasks.stamps); // the POST that started it waits for this (no new command: replay-safe)
  await p.start({ employeeId, subjectUserId: employeeUserId, departmentId: input.departmentId, startedBy: input.startedBy });
  answer.recorded();

  // INF-10, INF-11: the employee signs the current text; its version and hash are kept with the signature.
  p.enter('agreement');
  const signed = await tasks.run({
    step: 'agreement', kind: 'agreement', title: TITLES.agreement, assigneeUserId: employeeUserId,
    escalation: { role: 'hr', departmentId: null, mayDecide: false }, // HR is told; nobody signs for the employee
    dueInMs: settings.agreementEscalateAfterMs, deadlineInMs: settings.agreementDeadlineMs,
    expected: { agreementVersion: input.agreement.version, textHash: input.agreement.textHash },
    context: context(text('Confidentiality and non-compete agreement', '保密及竞业限制协议'), { agreementVersion: input.agreement.version }),
  });
  if (signed.outcome !== 'done') {
    await p.step('agreement', 'failed', null, { outcome: signed.outcome });
    // INF-10: nobody starts without the agreement, so the pending hire is withdrawn (ends `left`, never
    // active, no agent ID or IP ever given) instead of staying pending forever. The patch keeps
    // onboardings that took this branch before the change replaying as they ran.
    if (applies('onboarding-withdraws-pending-employee')) {
      const reason = `onboarding cancelled: the agreement was ${signed.outcome === 'expired' ? 'not signed by its deadline' : 'withdrawn'} (INF-10)`;
      await acts.withdrawPendingEmployee({ key: keyOf('employee', 'withdrawn'), employeeId, reason });
    }
    const recipients = [{ userId: input.startedBy }, { role: 'hr' as const, departmentId: null }];
    await acts.notify({ key: keyOf('notify', 'cancelled'), subject: processSubject('onboarding', employeeId), recipients, title: TITLES.onboardingCancelled, body: TITLES.onboardingCancelled });
    return done('cancelled');
  }
  await acts.recordAgreementSignature({ key: keyOf('agreement', 'signed'), employeeId, userId: signed.decidedBy!, agreement: input.agreement, signedAt: signed.decidedAt });
  status.agreement = { ...input.agreement, signedAt: signed.decidedAt, signedBy: signed.decidedBy! };
  await p.step('agreement', 'completed', signed.decidedBy);

  // AID-1: atomic and idempotent; a retry after a crash gets the same ID back, never a second one.
  status.agentId = (await acts.assignStandardAgentId({ key: keyOf('agent-id', 'assign'), employeeId })).agentId;
  await p.step('agent_id', 'completed', null, { agentId: status.agentId });

  // INF-7, SYS-2: the workstation IP comes from the central plan; IT sets up accounts with it.
  status.workstationIp = (await acts.allocateWorkstationIp({ key: keyOf('ip', 'allocate'), employeeId })).ip;
  p.enter('it_setup');
  const setup = await tasks.run({
    step: 'it_setup', kind: 'account_setup', title: TITLES.itSetup, candidate: { role: 'it', departmentId: null },
    escalation: { role: 'cc_manager', departmentId: null, mayDecide: false }, dueInMs: settings.taskDueMs,
    context: context(text('Accounts and workstation for a new employee', '新员工账号与工位'), { agentId: status.agentId, workstationIp: status.workstationIp }),
  });
  await p.step('it_setup', 'completed', setup.decidedBy, { workstationIp: status.workstationIp });

  // EQ-3: the employee confirms the fire-safety briefing before starting work.
  p.enter('fire_safety');
  const ack = await tasks.run({
    step: 'fire_safety', kind: 'acknowledgement', title: TITLES.fireSafety, assigneeUserId: employeeUserId,
    escalation: { role: 'hr', departmentId: null, mayDecide: false }, dueInMs: settings.taskDueMs,
    context: context(text('Fire-safety briefing', '消防安全培训')),
  });
  await p.step('fire_safety', 'completed', ack.decidedBy);

  await acts.setEmployeeStatus({ key: keyOf('employee', 'active'), employeeId, status: 'active' });
  await p.step('active', 'completed', null);
  return done('active');
}
