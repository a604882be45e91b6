import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { offboardingStatusQuery } from '../libs/policy/messages.js';
import { type OffboardingInput, type OffboardingResult } from '../libs/policy/offboarding.js';
import { systemActor } from '../libs/policy/process.js';
import { TITLES } from '../libs/policy/titles.js';
import { offboardingWorkflowId, processSubject } from '../libs/policy/workflow-ids.js';
import { acts, applies, beginRun, keyOf } from './activities.js';
import { HumanTasks } from './human-task.js';
import { answerWhenRecorded } from './process-recorded.js';
import { refuseUnauthenticatedInput } from './update-stamps.js';
import { openItDisableTask } from './it-disable.workflow.js';
import { ProcessTracker } from './process-tracker.js';
import { QUARANTINE_REVIEW_PATCH } from './quarantine.js';
import { LEAVER_LOANS_PATCH, ReturnChecklist } from './return-checklist.js';
import { handOverResponsibilities } from './responsibility-handover.js';
import { revokeAllAccess } from './revoke-access.js';

/**
 * A leaving employee. At once the account is locked, the agent ID suspended and every access revoked
 * (SYS-1, INF-6, AID-1), before the return checklist starts (INF-13, INF-11(5)); the agent ID is retired only when
 * every item is settled. The result is the final report: each item and who checked it.
 */
export async function offboardingWorkflow(input: OffboardingInput): Promise<OffboardingResult> {
  refuseUnauthenticatedInput(input); // a start sent without Custodian's key fails here, having written nothing
  // Patches newer than the local database steps, decided at the start (see beginRun).
  beginRun(['infected-return-quarantined', 'leaver-responsibilities-handed-over', QUARANTINE_REVIEW_PATCH, LEAVER_LOANS_PATCH]);
  const { employeeId } = input;
  const p = new ProcessTracker('offboarding', employeeId, 'access_revoked');
  const tasks = new HumanTasks('offboarding', employeeId);
  const checklist = new ReturnChecklist(tasks, input);
  let agentId: string | null = null;
  setHandler(offboardingStatusQuery, () => ({ ...p.base(tasks.openTasks()), employeeId, items: checklist.items.map((i) => ({ ...i })), agentId }));

  const answer = answerWhenRecorded(tasks.stamps); // the POST that started it waits for this (no new command: replay-safe)
  await p.start({ employeeId, subjectUserId: input.employeeUserId, departmentId: input.departmentId, startedBy: input.startedBy, note: input.reason ?? null });
  answer.recorded();
  // INF-13, AID-1: first the leaver's account is locked (sign-in, every token, every role) and their duties
  // are handed to HR. The API did it already when HR started the offboarding; this is the durable repeat
  // (a no-op then). Behind a patch: offboardings recorded before it replay without the step.
  if (applies('leaver-account-locked')) {
    await acts.lockLeaverAccount({ key: keyOf('account', 'lock'), employeeId, userId: input.employeeUserId, subject: processSubject('offboarding', employeeId) });
  }
  // INF-13, AID-1: then the directory. The leaver leaves every managed group (grant or not) and their
  // entry is disabled where configured, so the proxy refuses them before each grant has ended by itself
  // (the grants' own removals are then no-ops). It runs beside the steps below, which need no directory,
  // and is awaited before access counts as revoked: a directory that is down delays only that.
  // Patched: recorded offboardings replay without it.
  const directory = applies('leaver-directory-deprovisioned')
    ? acts.deprovisionPerson({ key: keyOf('directory', 'deprovision'), userId: input.employeeUserId, employeeId, by: systemActor('offboarding') })
    : null;
  await acts.setEmployeeStatus({ key: keyOf('employee', 'leaving'), employeeId, status: 'leaving' });
  agentId = (await acts.suspendAgentId({ key: keyOf('agent-id', 'suspend'), employeeId })).agentId;
  const revoked = await revokeAllAccess(input.employeeUserId, systemActor('offboarding'), input.settings.revokeCheckEveryMs, input.settings.revokeTimeoutMs);
  const inDirectory = directory ? await directory : null;
  await p.step('access_revoked', 'completed', null, {
    agentId, requestsRevoked: revoked.length,
    ...(inDirectory?.connected ? { directoryGroupsLeft: inDirectory.removedFrom.length, directoryDisabled: inDirectory.disabled } : {}),
  });
  // INF-7: IT disables the email and drive accounts that onboarding's IT set-up created. Opened now, in
  // its own workflow: the offboarding does not wait for it, and the task stays open (escalating to the
  // call center manager) until IT confirms. Patched: offboardings recorded before it replay without it.
  if (applies('offboarding-disables-it-accounts')) {
    const accounts = await acts.findItAccounts({ employeeId });
    await openItDisableTask(`${offboardingWorkflowId(employeeId)}:it-accounts`, {
      process: 'offboarding', processKey: employeeId, step: 'it_accounts_disable', title: TITLES.disableItAccounts, dueInMs: input.settings.itemDueMs,
      context: {
        subjectUserId: input.employeeUserId, subjectEmployeeId: employeeId, requestedBy: input.startedBy,
        summary: { en: 'Disable the leaver\'s email and network-drive accounts, then confirm', zh: '停用离职人员的邮箱和网盘账号后确认' },
        details: { employeeId, emailAccount: accounts.emailAccount ?? 'not recorded at onboarding', driveAccount: accounts.driveAccount ?? 'not recorded at onboarding', setUpBy: accounts.setUpBy },
      },
      record: { what: 'accounts', employeeId, emailAccount: accounts.emailAccount, driveAccount: accounts.driveAccount },
      excluded: [{ userId: input.employeeUserId, reason: 'holder' }], // a leaver of IT never confirms their own accounts disabled (INF-7)
    });
  }

  // EQ-1, INF-9: the leaver's named responsibilities are handed on (beside the checklist) before they go.
  // Patched: offboardings recorded before it replay without the step.
  const handover = applies('leaver-responsibilities-handed-over') ? handOverResponsibilities(tasks, input) : null;
  p.enter('return_checklist');
  const items = await checklist.settleAll();
  await p.step('return_checklist', 'completed', null, { items: items.length, missing: items.filter((i) => i.state === 'missing_signed_off').length });

  const handedOver = handover ? await handover : [];
  // AID-1: a retired ID is never issued again (the agent-ID domain enforces it).
  const retired = await acts.retireAgentId({ key: keyOf('agent-id', 'retire'), employeeId });
  await acts.releaseWorkstationIp({ key: keyOf('ip', 'release'), employeeId });
  await p.step('agent_id_retired', 'completed', null, { agentId: retired.agentId });
  await acts.setEmployeeStatus({ key: keyOf('employee', 'left'), employeeId, status: 'left' });
  const report: OffboardingResult = { employeeId, retiredAgentId: retired.agentId, items, ...(handover ? { responsibilitiesHandedOver: handedOver } : {}) };
  await acts.notify({
    key: keyOf('notify', 'done'), subject: processSubject('offboarding', employeeId), recipients: [{ userId: input.startedBy }],
    title: TITLES.offboardingDone, body: TITLES.offboardingDone,
  });
  await p.finish('completed', 'left', { ...report });
  await condition(allHandlersFinished);
  return report;
}
