import { ApplicationFailure } from '@temporalio/common';
import type { DutyFanOutActivities, HazardActivities } from '../../activities/duties.activities.js';
import type { MediaActivities } from '../../activities/media.activities.js';
import type { ResponsibilityActivities } from '../../activities/responsibilities.activities.js';
import type { RulesActivities } from '../../activities/rules.activities.js';
import type { ProcessActivities as CoreActivities } from '../../activities/types.js';
import { DUTIES, type DutySnapshot } from '../../libs/policy/duties.js';

/** Every activity a worker registers, the hazards' (activities/duties.activities.ts) included. */
type ProcessActivities = CoreActivities & HazardActivities & DutyFanOutActivities & MediaActivities;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface Call {
  name: keyof ProcessActivities;
  input: any;
}

/**
 * Typed in-memory stand-ins for every activity, for workflow tests on the time-skipping server. Like the
 * real ones they are idempotent by key (a repeated key returns the first result), and they keep just
 * enough state for the workflows' reads: which access requests are open, which agent ID an employee holds.
 */
/** The rules text the fake offers for acknowledgement (EQ-5, SYS-3, SYS-4, AID-1). */
export const RULES = { version: 'rules-test-1', textHash: 'b'.repeat(64) };

export function createFakeActivities(overrides: Partial<ProcessActivities> = {}, holidays: ReadonlySet<string> = new Set(), duties: Record<string, DutySnapshot> = DUTIES) {
  const calls: Call[] = [];
  const results = new Map<string, unknown>();
  const openRequests = new Map<string, string>(); // requestId -> requester userId
  const occurrences = new Map<string, string>(); // duty occurrence id -> the workflow that holds it
  let nextAgentId = 1001;
  let nextIp = 10;

  async function once<T>(name: keyof ProcessActivities, input: any, produce: () => T): Promise<T> {
    if (input?.key !== undefined && results.has(input.key)) return results.get(input.key) as T;
    calls.push({ name, input });
    const r = produce();
    if (input?.key !== undefined) results.set(input.key, r);
    return r;
  }
  const record = (name: keyof ProcessActivities) => async (input: any) => once(name, input, () => undefined);
  /** A write another step made in its own transaction, recorded as the separate call it replaces (under a key of its own). */
  const alongside = (name: keyof ProcessActivities, key: string, input: object) => once(name, { key, ...input }, () => undefined);

  const acts: ProcessActivities & ResponsibilityActivities & RulesActivities = {
    openTask: record('openTask'),
    escalateTask: record('escalateTask'),
    recordDecision: async (i) => {
      await once('recordDecision', i, () => undefined);
      // The next stage's task opened in the same transaction counts as opened, as openTask would.
      if (i.next) await alongside('openTask', `${i.key}:next-task`, { task: i.next });
    },
    closeTask: record('closeTask'),
    recordAssignment: record('recordAssignment'),
    notify: record('notify'),
    recordAccountChangeRequest: record('recordAccountChangeRequest'),
    applyAccountChange: async (i) => once('applyAccountChange', i, () => ({ userId: i.change.kind === 'update_user' ? i.change.userId : `user-of-${i.requestId}` })),
    closeAccountChange: record('closeAccountChange'),
    startProcess: record('startProcess'),
    recordStep: record('recordStep'),
    finishProcess: async (i) => {
      const { notify, ...finished } = i;
      // The notice sent in the same transaction counts as sent, as notify would.
      if (notify) await alongside('notify', `${i.key}:notify`, notify);
      await once('finishProcess', finished, () => {
        if (i.process === 'access_request') openRequests.delete(i.processKey);
      });
    },
    submitAccessRequest: async (i) => once('submitAccessRequest', i, () => void openRequests.set(i.requestId, i.requesterUserId)),
    openAccessRequest: async (i) => {
      await once('openAccessRequest', i, () => void openRequests.set(i.submitted.requestId, i.submitted.requesterUserId));
      // The first task opened in the same transaction counts as opened, as openTask would.
      if (i.firstTask) await alongside('openTask', `${i.key}:first-task`, { task: i.firstTask });
    },
    activateGrant: async (i) => {
      const { step, notify, ...grant } = i;
      const view = await once('activateGrant', grant, () => ({ grantId: i.grantId, startsAt: i.startsAt, expiresAt: i.expiresAt, enabledBy: i.enabledBy, resource: i.kind === 'special_agent_id' ? 'P9001' : null }));
      // The step and the notice recorded in the same transaction count as recorded and sent, as recordStep and notify would.
      if (step) await alongside('recordStep', `${i.key}:step`, step);
      if (notify) await alongside('notify', `${i.key}:notify`, notify);
      return view;
    },
    extendGrant: record('extendGrant'),
    endGrant: async (i) => {
      const { removalTask, finish, ...ended } = i;
      await once('endGrant', ended, () => undefined);
      // IT's removal task, and the request's end with its last notice, written in the same transaction count
      // as opened, finished and sent, as openTask and finishProcess would.
      if (removalTask) await alongside('openTask', `${i.key}:removal-task`, { task: removalTask });
      if (finish) await acts.finishProcess({ key: `${i.key}:finished`, ...finish });
    },
    closeAbandonedAccessRequest: async (i) => once('closeAbandonedAccessRequest', i, () => ({ closed: openRequests.delete(i.requestId) })),
    listOpenAccessRequests: async ({ userId }) => [...openRequests].filter(([, u]) => u === userId).map(([id]) => id),
    // No directory: every kind stays manual, as without LDAP_URL.
    provisionGrant: async (i) => once('provisionGrant', i, () => null),
    deprovisionGrant: record('deprovisionGrant'),
    emptyAccessGroup: async (i) => once('emptyAccessGroup', i, () => ({ connected: false, removed: 0 })),
    reconcileDirectory: async (i) => once('reconcileDirectory', i, () => ({ found: 0, corrected: 0 })),
    deprovisionPerson: async (i) => once('deprovisionPerson', i, () => ({ connected: false, entry: null, removedFrom: [], disabled: false })),
    // Every other kind has a webhook that confirms at once (a test overrides grantConnector for the manual path).
    grantConnector: async () => 'webhook',
    // The directory when a test gives it one (provisionGrant), else the webhook or manual route above.
    grantRoute: async (i) => (overrides.provisionGrant ? 'directory' : acts.grantConnector(i)),
    deliverWebhook: async (i) => once('deliverWebhook', i, () => ({ delivered: true })),
    findItAccounts: async () => ({ emailAccount: null, driveAccount: null, setUpBy: null }),
    responsibilitiesHeldBy: async () => ({ keys: [] }), // EQ-1, INF-9: the leavers of these tests hold none
    rulesCycle: async () => ({ version: RULES.version, textHash: RULES.textHash, employee: 'active' as const }),
    recordRulesAcknowledgement: record('recordRulesAcknowledgement' as keyof ProcessActivities),
    recordItDisabled: record('recordItDisabled'),
    recordAgreementSignature: record('recordAgreementSignature'),
    assignStandardAgentId: async (i) => once('assignStandardAgentId', i, () => ({ agentId: `A${nextAgentId++}` })),
    suspendAgentId: async (i) => once('suspendAgentId', i, () => ({ agentId: 'A1001' })),
    lockLeaverAccount: async (i) => once('lockLeaverAccount', i, () => ({ changed: true, departmentsReleased: [], openTasks: 0 })),
    retireAgentId: async (i) => once('retireAgentId', i, () => ({ agentId: 'A1001' })),
    setEmployeeStatus: record('setEmployeeStatus'),
    withdrawPendingEmployee: record('withdrawPendingEmployee'),
    allocateWorkstationIp: async (i) => once('allocateWorkstationIp', i, () => ({ ip: `10.20.0.${nextIp++}` })),
    releaseWorkstationIp: record('releaseWorkstationIp'),
    listReturnItem: record('listReturnItem'),
    recordReturnItem: record('recordReturnItem'),
    // A working day unless the test names it a holiday: due an hour after the firing, missed a day after.
    beginDuty: async (i) =>
      once('beginDuty', i, () => {
        // As the real one: a duty without a definition is refused for good.
        const duty = duties[i.dutyId];
        if (!duty) throw ApplicationFailure.nonRetryable(`duty ${i.dutyId} does not exist`, 'DomainError');
        const date = i.date ?? i.at.slice(0, 10);
        if (holidays.has(date)) return { working: false as const, date };
        const occurrenceId = `${i.dutyId}:${date}`;
        const holder = occurrences.get(occurrenceId) ?? i.workflowId;
        occurrences.set(occurrenceId, holder);
        const at = Date.parse(i.at);
        const r = { working: true as const, date, occurrenceId, duplicateOf: holder === i.workflowId ? null : holder, dueAt: new Date(at + HOUR_MS).toISOString(), deadlineAt: new Date(at + DAY_MS).toISOString(), duty };
        // EQ-2 unannounced: a window of eight hours from the firing, due an hour after it closes.
        if (duty.unannounced) return { ...r, windowEndAt: new Date(at + 8 * HOUR_MS).toISOString(), dueAt: new Date(at + 9 * HOUR_MS).toISOString() };
        return r;
      }),
    recordDutyLate: record('recordDutyLate'),
    recordDutyCompleted: record('recordDutyCompleted'),
    recordDutyMissed: record('recordDutyMissed'),
    reportHazard: async (i) => once('reportHazard', i, () => ({ hazardId: i.hazardId, reported: true })),
    recordHazardFixed: record('recordHazardFixed'),
    // Two active agents unless a test says otherwise (EQ-4, INF-11(4) fan out to them).
    listActiveAgents: async () => [{ userId: 'agent1' }, { userId: 'agent2' }],
    recordDutyAssignment: record('recordDutyAssignment'),
    // INF-6: the media loans' own steps (activities/media.activities.ts).
    recordLoanOverdue: record('recordLoanOverdue'),
    recordMediaReturned: record('recordMediaReturned'),
    recordMediaVirusCheck: record('recordMediaVirusCheck'),
    recordMediaDisposal: record('recordMediaDisposal'),
    // INF-13: a leaver has no open loans unless a test says otherwise.
    leaverLoans: async (i: { borrowerUserId: string }) => once('leaverLoans' as keyof ProcessActivities, i, () => []),
    loanRecord: async () => null,
    ...overrides,
  };

  // The delivery workflows' own activities (activities/mail.activities.ts, chat.activities.ts): sent at once.
  const deliveries = {
    sendMail: async (_: { outboxId: string }) => ({ result: 'sent' as const }),
    sendChatMessage: async (_: { notificationId: string; target: string }) => ({ result: 'sent' as const }),
  };
  return {
    acts: { ...acts, ...deliveries },
    calls,
    /** Inputs of every call of one activity, in order. */
    inputs: <K extends keyof ProcessActivities>(name: K): Parameters<ProcessActivities[K]>[0][] => calls.filter((c) => c.name === name).map((c) => c.input),
    /** Position of the first call matching, for ordering assertions. */
    indexOf: (name: keyof ProcessActivities, match: (input: any) => boolean = () => true) => calls.findIndex((c) => c.name === name && match(c.input)),
    /** Keys used by more than one distinct call: must stay empty, or a retry could swallow a real step. */
    duplicateKeys: () => {
      const seen = new Map<string, number>();
      for (const c of calls) if (c.input?.key) seen.set(c.input.key, (seen.get(c.input.key) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([k]) => k);
    },
  };
}

export type FakeActivities = ReturnType<typeof createFakeActivities>;
