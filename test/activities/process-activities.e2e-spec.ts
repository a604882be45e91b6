import { randomUUID } from 'node:crypto';
import { createProcessActivities } from '../../activities/process.activities.js';
import type { AgentIdPort, CommandContext, EmployeePort } from '../../activities/ports.js';
import type { ProcessActivities } from '../../activities/types.js';
import { CLAUSE_IDS } from '../../libs/policy/clauses.js';
import { days, processSubject, text, type TaskRecord } from '../../libs/policy/index.js';
import { accessRequestOpening, DEFAULT_ACCESS_SETTINGS } from '../../libs/policy/access-request.js';
import { openAccessRequest } from '../../libs/domain/access/access.js';
import { EventStore } from '../../libs/domain/events/event-store.js';
import { rebuildProjections } from '../../libs/domain/events/rebuild.js';
import { parseIpRange } from '../../libs/domain/onboarding/ip-plan.js';
import { createProjectorRegistry } from '../../libs/domain/projectors.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

/** A clause's place in docs/policy.md: the order events store their clauses in. */
const order = (id: string) => (CLAUSE_IDS as readonly string[]).indexOf(id);

/** Stand-ins for the agent-ID domain that remember every call. */
function recordingPorts() {
  const calls: { method: string; ctx: CommandContext; args: unknown[] }[] = [];
  const agentIds: AgentIdPort = {
    assignNextStandardId: async (ctx, employeeId) => (calls.push({ method: 'assign', ctx, args: [employeeId] }), { agentId: 'A1001' }),
    suspendIdOf: async (ctx, employeeId) => (calls.push({ method: 'suspend', ctx, args: [employeeId] }), { agentId: 'A1001' }),
    retireIdOf: async (ctx, employeeId) => (calls.push({ method: 'retire', ctx, args: [employeeId] }), { agentId: 'A1001' }),
    checkOutPrivilegedId: async (ctx, req) => (calls.push({ method: 'checkOut', ctx, args: [req] }), { agentId: 'P9001' }),
    checkInPrivilegedId: async (ctx, req) => void calls.push({ method: 'checkIn', ctx, args: [req] }),
  };
  const employees: EmployeePort = { setStatus: async (ctx, id, status, reason) => void calls.push({ method: 'status', ctx, args: reason === undefined ? [id, status] : [id, status, reason] }) };
  return { calls, agentIds, employees };
}

let db: TestDatabase;
let events: EventStore;
let acts: ProcessActivities;
let ports: ReturnType<typeof recordingPorts>;
beforeAll(async () => {
  db = await createTestDatabase();
  events = new EventStore(db.dataSource, createProjectorRegistry());
  ports = recordingPorts();
  acts = createProcessActivities({ events, agentIds: ports.agentIds, employees: ports.employees, ipPlan: parseIpRange('10.9.0.1-10.9.0.3') });
});
afterAll(async () => db?.drop());

const eventsOf = async (subject: string) =>
  (await db.dataSource.query(`SELECT type, actor FROM event_log WHERE subject = $1 ORDER BY seq`, [subject])) as { type: string; actor: string }[];

const taskRecord = (over: Partial<TaskRecord> = {}): TaskRecord => ({
  taskId: randomUUID(),
  workflowId: `access-request-${randomUUID()}`,
  process: 'access_request',
  processKey: randomUUID(),
  step: 'supervisor_review',
  kind: 'approval',
  title: text('SYS-1: Review', 'SYS-1：审核'),
  assigneeUserId: null,
  candidate: { role: 'supervisor', departmentId: 'dep-1' },
  escalation: { role: 'cc_manager', departmentId: null, mayDecide: true },
  excluded: [{ userId: 'agent1', reason: 'requester' }],
  expected: null,
  context: { subjectUserId: 'agent1', subjectEmployeeId: null, requestedBy: 'agent1', summary: text('x', 'x'), details: {} },
  dueAt: new Date(Date.now() + days(2)).toISOString(),
  deadlineAt: null,
  ...over,
});

describe('process activities against PostgreSQL', () => {
  it('a task is opened, escalated with notifications and decided; each step writes one event, and a retried step writes none', async () => {
    const t = taskRecord();
    await acts.openTask({ key: `${t.workflowId}:task:${t.taskId}:open`, task: t });
    await acts.openTask({ key: `${t.workflowId}:task:${t.taskId}:open`, task: t }); // the activity retried after a crash
    const notify = { subject: `task:${t.taskId}`, recipients: [{ role: 'cc_manager' as const, departmentId: null }, { userId: 'agent1' }], title: text('Overdue', '逾期'), body: text('b', 'b') };
    await acts.escalateTask({ key: `${t.workflowId}:task:${t.taskId}:escalated`, taskId: t.taskId, escalation: { role: 'cc_manager', departmentId: null }, notify });
    const decision = { taskId: t.taskId, outcome: 'approve' as const, decidedBy: 'sup1', decidedAt: new Date().toISOString(), comment: 'ok', data: {} };
    await acts.recordDecision({ key: `${t.workflowId}:task:${t.taskId}:decided`, decision });
    await acts.recordDecision({ key: `${t.workflowId}:task:${t.taskId}:decided`, decision });

    expect(await eventsOf(`task:${t.taskId}`)).toEqual([
      { type: 'task.opened', actor: 'system:workflow' },
      { type: 'task.escalated', actor: 'system:workflow' },
      { type: 'notification.sent', actor: 'system:workflow' },
      { type: 'task.decided', actor: 'sup1' },
    ]);
    const [row] = await db.dataSource.query(`SELECT status, escalated_at IS NOT NULL AS escalated, candidate_department_id FROM tasks WHERE id = $1`, [t.taskId]);
    expect(row).toEqual({ status: 'decided', escalated: true, candidate_department_id: 'dep-1' });
    const decisions = await db.dataSource.query(`SELECT decided_by, outcome, comment, automatic FROM task_decisions WHERE task_id = $1`, [t.taskId]);
    expect(decisions).toEqual([{ decided_by: 'sup1', outcome: 'approve', comment: 'ok', automatic: false }]);
    const notes = await db.dataSource.query(`SELECT recipient_user_id, recipient_role FROM notifications WHERE subject = $1 ORDER BY recipient_role NULLS LAST`, [`task:${t.taskId}`]);
    expect(notes).toEqual([{ recipient_user_id: null, recipient_role: 'cc_manager' }, { recipient_user_id: 'agent1', recipient_role: null }]);
  });

  it('SYS-1: a decision and the process step it settles are recorded in one transaction, by the person who decided, once however often it retries', async () => {
    const t = taskRecord();
    await acts.openTask({ key: `${t.workflowId}:task:${t.taskId}:open`, task: t });
    const decision = { taskId: t.taskId, outcome: 'approve' as const, decidedBy: 'sup1', decidedAt: new Date().toISOString(), comment: null, data: {} };
    const step = { process: t.process, processKey: t.processKey, step: 'supervisor_review', state: 'completed' as const, by: 'sup1', detail: { outcome: 'approve', round: 0 } };
    await acts.recordDecision({ key: `${t.workflowId}:task:${t.taskId}:decided`, decision, step });
    await acts.recordDecision({ key: `${t.workflowId}:task:${t.taskId}:decided`, decision, step }); // the activity retried after a crash
    const rows = await db.dataSource.query(
      `SELECT type, actor, xmin::text AS txid FROM event_log WHERE subject = ANY($1) ORDER BY seq`,
      [[`task:${t.taskId}`, processSubject(t.process, t.processKey)]],
    );
    expect(rows.map((r: { type: string; actor: string }) => ({ type: r.type, actor: r.actor }))).toEqual([
      { type: 'task.opened', actor: 'system:workflow' },
      { type: 'task.decided', actor: 'sup1' },
      { type: 'process.step_recorded', actor: 'sup1' },
    ]);
    expect(rows[1].txid).toBe(rows[2].txid); // one transaction
  });

  it('a task closed at its deadline records an automatic decision by the workflow', async () => {
    const t = taskRecord();
    await acts.openTask({ key: `${t.workflowId}:open`, task: t });
    await acts.closeTask({ key: `${t.workflowId}:expired`, taskId: t.taskId, status: 'expired', reason: 'final deadline passed' });
    const [d] = await db.dataSource.query(`SELECT decided_by, outcome, automatic FROM task_decisions WHERE task_id = $1`, [t.taskId]);
    expect(d).toEqual({ decided_by: 'system:workflow', outcome: 'expired', automatic: true });
  });

  it('AID-2, INF-12: a special agent-ID grant checks a privileged ID out and in under one key each, however often the activities retry', async () => {
    const requestId = randomUUID();
    const wf = `access-request-${requestId}`;
    await acts.startProcess({ key: `${wf}:started`, process: 'access_request', processKey: requestId, workflowId: wf, employeeId: null, subjectUserId: 'agent1', departmentId: 'dep-1', startedBy: 'agent1', stage: 'submitted' });
    await acts.submitAccessRequest({ key: `${wf}:submitted`, requestId, workflowId: wf, kind: 'special_agent_id', requesterUserId: 'agent1', requesterEmployeeId: null, departmentId: 'dep-1', justification: 'campaign', durationMs: days(2) });
    const grant = { key: `${wf}:grant:activate`, requestId, grantId: randomUUID(), kind: 'special_agent_id' as const, holderUserId: 'agent1', holderEmployeeId: 'emp-agent1', enabledBy: 'ccm1', startsAt: new Date().toISOString(), expiresAt: new Date(Date.now() + days(2)).toISOString() };
    const before = ports.calls.length;
    await expect(acts.activateGrant(grant)).resolves.toMatchObject({ resource: 'P9001', enabledBy: 'ccm1' });
    await expect(acts.activateGrant(grant)).resolves.toMatchObject({ resource: 'P9001' });
    await acts.extendGrant({ key: `${wf}:grant:extend:1`, grantId: grant.grantId, expiresAt: new Date(Date.now() + days(3)).toISOString(), approvedBy: ['sup1', 'ccm1'] });
    await acts.endGrant({ key: `${wf}:grant:end`, grantId: grant.grantId, reason: 'expired', by: 'system:access_request', comment: null });
    await acts.endGrant({ key: `${wf}:grant:end`, grantId: grant.grantId, reason: 'expired', by: 'system:access_request', comment: null });
    await acts.finishProcess({ key: `${wf}:finished`, process: 'access_request', processKey: requestId, state: 'completed', stage: 'ended', result: { endReason: 'expired' } });

    // The port saw each call with a key derived from the activity's; the real agent-ID domain dedupes on it.
    const portCalls = ports.calls.slice(before);
    expect(new Set(portCalls.filter((c) => c.method === 'checkOut').map((c) => c.ctx.idempotencyKey))).toEqual(new Set([`${wf}:grant:activate:checkout`]));
    expect(new Set(portCalls.filter((c) => c.method === 'checkIn').map((c) => c.ctx.idempotencyKey))).toEqual(new Set([`${wf}:grant:end:checkin`]));
    expect((await eventsOf(`access-request:${requestId}`)).map((e) => e.type)).toEqual([
      'process.started', 'access_request.submitted', 'grant.activated', 'grant.extended', 'grant.ended', 'process.finished',
    ]);
    const [req] = await db.dataSource.query(`SELECT status, end_reason FROM access_requests WHERE id = $1`, [requestId]);
    expect(req).toEqual({ status: 'ended', end_reason: 'expired' });
    await expect(acts.listOpenAccessRequests({ userId: 'agent1' })).resolves.not.toContain(requestId);
  });

  it('SYS-1: a submission records the request and opens its first approval task in one transaction: the request by the requester, the task by the workflow; once under retries', async () => {
    const requestId = randomUUID();
    const wf = `access-request-${requestId}`;
    const started = { process: 'access_request' as const, processKey: requestId, workflowId: wf, employeeId: null, subjectUserId: 'agent3', departmentId: 'dep-1', startedBy: 'agent3', stage: 'submitted' };
    const submitted = { requestId, workflowId: wf, kind: 'external_network' as const, requesterUserId: 'agent3', requesterEmployeeId: 'emp-agent3', departmentId: 'dep-1', justification: 'supplier research', durationMs: days(1) };
    const firstTask = taskRecord({ workflowId: wf, processKey: requestId });
    await acts.openAccessRequest({ key: `${wf}:opened`, started, submitted, firstTask });
    await acts.openAccessRequest({ key: `${wf}:opened`, started, submitted, firstTask }); // retried
    const rows = await db.dataSource.query(`SELECT type, actor, xmin::text AS txid FROM event_log WHERE subject = ANY($1) ORDER BY seq`, [[processSubject('access_request', requestId), `task:${firstTask.taskId}`]]);
    expect(rows.map((r: { type: string; actor: string }) => `${r.type} by ${r.actor}`)).toEqual(['process.started by agent3', 'access_request.submitted by agent3', 'task.opened by system:workflow']);
    expect(new Set(rows.map((r: { txid: string }) => r.txid)).size).toBe(1);
    const [task] = await db.dataSource.query(`SELECT status, step FROM tasks WHERE id = $1`, [firstTask.taskId]);
    expect(task).toEqual({ status: 'open', step: firstTask.step });
  });

  it('SYS-1: the API and the workflow both record a new request (the API right after the start, the workflow in case the API stopped): at once, its events are written once and the task by the workflow', async () => {
    for (let round = 0; round < 5; round++) {
      const requestId = randomUUID();
      const wf = `access-request-${requestId}`;
      const input = { requestId, kind: 'external_network' as const, requester: { userId: 'agent3', employeeId: 'emp-agent3', departmentId: 'dep-1' }, justification: 'supplier research', durationMs: days(1), settings: DEFAULT_ACCESS_SETTINGS };
      const opening = accessRequestOpening(input, wf);
      const firstTask = taskRecord({ workflowId: wf, processKey: requestId });
      await Promise.all([openAccessRequest(events, {}, opening), acts.openAccessRequest({ key: `${wf}:opened`, ...opening, firstTask })]);
      const rows = await db.dataSource.query(`SELECT type, actor FROM event_log WHERE subject = ANY($1) ORDER BY seq`, [[processSubject('access_request', requestId), `task:${firstTask.taskId}`]]);
      expect(rows.map((r: { type: string; actor: string }) => r.type).sort()).toEqual(['access_request.submitted', 'process.started', 'task.opened']);
      expect(rows.find((r: { type: string }) => r.type === 'task.opened').actor).toBe('system:workflow');
    }
  });

  it('INF-9: every event of an access request names the clauses its kind serves, and an emergency end adds the cut-off clause', async () => {
    const kinds = [
      ['external_network', ['SYS-1'], 'emergency_cut_off'],
      ['usb_media', ['INF-6'], 'expired'],
      ['special_agent_id', ['INF-12', 'AID-2'], 'revoked'],
    ] as const;
    for (const [kind, clauses, reason] of kinds) {
      const requestId = randomUUID();
      const wf = `access-request-${requestId}`;
      await acts.startProcess({ key: `${wf}:started`, process: 'access_request', processKey: requestId, workflowId: wf, employeeId: null, subjectUserId: 'agent3', departmentId: 'dep-1', startedBy: 'agent3', stage: 'submitted' });
      await acts.submitAccessRequest({ key: `${wf}:submitted`, requestId, workflowId: wf, kind, requesterUserId: 'agent3', requesterEmployeeId: 'emp-agent3', departmentId: 'dep-1', justification: 'work', durationMs: days(1) });
      const t = taskRecord({ workflowId: wf, processKey: requestId });
      await acts.openTask({ key: `${wf}:task:open`, task: t });
      await acts.recordDecision({ key: `${wf}:task:decided`, decision: { taskId: t.taskId, outcome: 'approve', decidedBy: 'sup1', decidedAt: new Date().toISOString(), comment: null, data: {} } });
      await acts.recordStep({ key: `${wf}:step`, process: 'access_request', processKey: requestId, step: 'supervisor_review', state: 'completed', by: 'sup1' });
      const grantId = randomUUID();
      await acts.activateGrant({ key: `${wf}:grant:activate`, requestId, grantId, kind, holderUserId: 'agent3', holderEmployeeId: 'emp-agent3', enabledBy: 'it1', startsAt: new Date().toISOString(), expiresAt: new Date(Date.now() + days(1)).toISOString() });
      await acts.endGrant({ key: `${wf}:grant:end`, grantId, reason, by: 'it1', comment: null });
      await acts.finishProcess({ key: `${wf}:finished`, process: 'access_request', processKey: requestId, state: 'completed', stage: 'ended', result: { endReason: reason } });

      const ended = reason === 'emergency_cut_off' ? [...clauses, 'SYS-5'] : clauses;
      const logged = await db.dataSource.query(`SELECT type, clauses FROM event_log WHERE subject = ANY($1) ORDER BY seq`, [[`access-request:${requestId}`, `task:${t.taskId}`]]);
      expect({ kind, logged }).toEqual({
        kind,
        logged: [
          { type: 'process.started', clauses: [] }, // before the request (and so its kind) is recorded
          { type: 'access_request.submitted', clauses },
          { type: 'task.opened', clauses },
          { type: 'task.decided', clauses },
          { type: 'process.step_recorded', clauses },
          { type: 'grant.activated', clauses },
          { type: 'grant.ended', clauses: ended },
          { type: 'process.finished', clauses: ended },
        ],
      });
    }
  });

  it('INF-9: onboarding and offboarding events name the clauses of their step, and their start and end those of the whole process', async () => {
    const employeeId = randomUUID();
    const clausesOf = async (process: 'onboarding' | 'offboarding') =>
      db.dataSource.query(`SELECT payload->>'step' AS step, type, clauses FROM event_log WHERE subject = $1 ORDER BY seq`, [`${process}:${employeeId}`]);
    for (const process of ['onboarding', 'offboarding'] as const) {
      const wf = `${process}-${employeeId}`;
      await acts.startProcess({ key: `${wf}:started`, process, processKey: employeeId, workflowId: wf, employeeId, subjectUserId: null, departmentId: 'dep-1', startedBy: 'hr1', stage: 'created' });
      const steps = process === 'onboarding' ? ['agreement', 'agent_id', 'it_setup', 'fire_safety'] : ['access_revoked', 'return_checklist', 'agent_id_retired'];
      for (const step of steps) await acts.recordStep({ key: `${wf}:step:${step}`, process, processKey: employeeId, step, state: 'completed', by: null });
      await acts.finishProcess({ key: `${wf}:finished`, process, processKey: employeeId, state: 'completed', stage: 'done', result: {} });
    }
    const onboarding = ['INF-7', 'INF-10', 'INF-11', 'INF-12', 'AID-1', 'SYS-2', 'EQ-3'].sort((a, b) => order(a) - order(b));
    expect(await clausesOf('onboarding')).toEqual([
      { step: null, type: 'process.started', clauses: onboarding },
      { step: 'agreement', type: 'process.step_recorded', clauses: ['INF-10', 'INF-11'] },
      { step: 'agent_id', type: 'process.step_recorded', clauses: ['INF-12', 'AID-1'] },
      { step: 'it_setup', type: 'process.step_recorded', clauses: ['INF-7', 'SYS-2'] },
      { step: 'fire_safety', type: 'process.step_recorded', clauses: ['EQ-3'] },
      { step: null, type: 'process.finished', clauses: onboarding },
    ]);
    const offboarding = ['INF-6', 'INF-11', 'INF-13', 'AID-1', 'SYS-1'];
    expect(await clausesOf('offboarding')).toEqual([
      { step: null, type: 'process.started', clauses: offboarding },
      { step: 'access_revoked', type: 'process.step_recorded', clauses: ['INF-6', 'INF-12', 'AID-2', 'SYS-1'] },
      { step: 'return_checklist', type: 'process.step_recorded', clauses: ['INF-11', 'INF-13'] },
      { step: 'agent_id_retired', type: 'process.step_recorded', clauses: ['INF-12', 'AID-1'] },
      { step: null, type: 'process.finished', clauses: offboarding },
    ]);
  });

  it('SYS-1, AID-2, SYS-5: a request whose workflow is gone is closed in the domain: grant ended, privileged ID checked in, open tasks cancelled, request ended; once only', async () => {
    const requestId = randomUUID();
    const wf = `access-request-${requestId}`;
    await acts.startProcess({ key: `${wf}:started`, process: 'access_request', processKey: requestId, workflowId: wf, employeeId: null, subjectUserId: 'agent7', departmentId: 'dep-1', startedBy: 'agent7', stage: 'submitted' });
    await acts.submitAccessRequest({ key: `${wf}:submitted`, requestId, workflowId: wf, kind: 'special_agent_id', requesterUserId: 'agent7', requesterEmployeeId: 'emp-agent7', departmentId: 'dep-1', justification: 'campaign', durationMs: days(2) });
    const grantId = randomUUID();
    await acts.activateGrant({ key: `${wf}:grant:activate`, requestId, grantId, kind: 'special_agent_id', holderUserId: 'agent7', holderEmployeeId: 'emp-agent7', enabledBy: 'ccm1', startsAt: new Date().toISOString(), expiresAt: new Date(Date.now() + days(2)).toISOString() });
    const t = taskRecord({ workflowId: wf, processKey: requestId, step: 'extension' });
    await acts.openTask({ key: `${wf}:task:${t.taskId}:open`, task: t });

    const close = { key: `offboarding-x:access:${requestId}:closed`, requestId, reason: 'revoked' as const, by: 'system:offboarding', comment: 'offboarding: gone' };
    await expect(acts.closeAbandonedAccessRequest(close)).resolves.toEqual({ closed: true });
    await expect(acts.closeAbandonedAccessRequest({ ...close, key: 'another-key' })).resolves.toEqual({ closed: false }); // already ended
    expect(ports.calls.filter((c) => c.method === 'checkIn' && c.ctx.idempotencyKey === `${close.key}:checkin`)).toHaveLength(1);
    const [row] = await db.dataSource.query(
      `SELECT ar.status, ar.end_reason, g.status AS grant_status, g.ended_by, t.status AS task_status FROM access_requests ar JOIN grants g ON g.request_id = ar.id JOIN tasks t ON t.workflow_id = ar.workflow_id WHERE ar.id = $1`,
      [requestId],
    );
    expect(row).toEqual({ status: 'ended', end_reason: 'revoked', grant_status: 'ended', ended_by: 'system:offboarding', task_status: 'cancelled' });
    await expect(acts.listOpenAccessRequests({ userId: 'agent7' })).resolves.toEqual([]);
  });

  it('INF-10: a cancelled onboarding withdraws the pending hire through the employee port (pending → left, with the reason)', async () => {
    await acts.withdrawPendingEmployee({ key: 'onboarding-e1:employee:withdrawn', employeeId: 'e1', reason: 'onboarding cancelled (INF-10)' });
    expect(ports.calls.at(-1)).toMatchObject({ method: 'status', ctx: { actor: 'system:onboarding', idempotencyKey: 'onboarding-e1:employee:withdrawn' }, args: ['e1', 'left', 'onboarding cancelled (INF-10)'] });
  });

  it('AID-2: the database refuses a second active grant of the same privileged ID', async () => {
    const mk = async () => {
      const requestId = randomUUID();
      await acts.submitAccessRequest({ key: `k:${requestId}`, requestId, workflowId: `w-${requestId}`, kind: 'special_agent_id', requesterUserId: 'agent2', requesterEmployeeId: null, departmentId: 'dep-1', justification: 'x', durationMs: days(1) });
      return acts.activateGrant({ key: `k:${requestId}:grant`, requestId, grantId: randomUUID(), kind: 'special_agent_id', holderUserId: 'agent2', holderEmployeeId: 'emp-agent2', enabledBy: 'ccm1', startsAt: new Date().toISOString(), expiresAt: new Date(Date.now() + days(1)).toISOString() });
    };
    await mk();
    await expect(mk()).rejects.toThrow(/grants_one_holder_per_resource/);
  });

  it('SYS-2: the IP plan hands each person one address, never one address to two people, and reuses released ones', async () => {
    const [a, b, c, d] = ['e-a', 'e-b', 'e-c', 'e-d'];
    const [ipA, ipB] = await Promise.all([acts.allocateWorkstationIp({ key: `ip:${a}`, employeeId: a }), acts.allocateWorkstationIp({ key: `ip:${b}`, employeeId: b })]);
    expect(new Set([ipA.ip, ipB.ip]).size).toBe(2);
    await expect(acts.allocateWorkstationIp({ key: `ip:${a}:again`, employeeId: a })).resolves.toEqual(ipA); // keeps their address
    const ipC = await acts.allocateWorkstationIp({ key: `ip:${c}`, employeeId: c });
    await expect(acts.allocateWorkstationIp({ key: `ip:${d}`, employeeId: d })).rejects.toThrow(/no free address/);
    await acts.releaseWorkstationIp({ key: `ip:${b}:release`, employeeId: b });
    await expect(acts.allocateWorkstationIp({ key: `ip:${d}:retry`, employeeId: d })).resolves.toEqual(ipB);
    expect([ipA.ip, ipB.ip, ipC.ip].sort()).toEqual(['10.9.0.1', '10.9.0.2', '10.9.0.3']);
  });

  it('INF-13, INF-6: the return checklist read model keeps who checked, the virus check and the sign-off', async () => {
    const employeeId = randomUUID();
    const [disk, notes] = [randomUUID(), randomUUID()];
    const wf = `offboarding-${employeeId}`;
    await acts.listReturnItem({ key: `${wf}:1`, workflowId: wf, employeeId, itemId: disk, kind: 'disks', label: 'Disks', addedBy: 'hr1' });
    await acts.listReturnItem({ key: `${wf}:2`, workflowId: wf, employeeId, itemId: notes, kind: 'notes', label: 'Notes', addedBy: 'hr1' });
    await acts.recordReturnItem({ key: `${wf}:3`, itemId: disk, state: 'virus_check', by: 'site1', note: null });
    await acts.recordReturnItem({ key: `${wf}:4`, itemId: disk, state: 'received', by: 'it1', note: null, virusCheck: 'clean' });
    await acts.recordReturnItem({ key: `${wf}:5`, itemId: notes, state: 'missing', by: 'site1', note: 'lost' });
    await acts.recordReturnItem({ key: `${wf}:6`, itemId: notes, state: 'missing_signed_off', by: 'ccm1', note: 'lost' });
    const rows = await db.dataSource.query(`SELECT kind, state, checked_by, note, virus_result, virus_checked_by, signed_off_by FROM return_items WHERE employee_id = $1 ORDER BY kind`, [employeeId]);
    expect(rows).toEqual([
      { kind: 'disks', state: 'received', checked_by: 'site1', note: null, virus_result: 'clean', virus_checked_by: 'it1', signed_off_by: null },
      { kind: 'notes', state: 'missing_signed_off', checked_by: 'site1', note: 'lost', virus_result: null, virus_checked_by: null, signed_off_by: 'ccm1' },
    ]);
    expect((await eventsOf(`offboarding:${employeeId}`)).every((e) => e.type.startsWith('return_item.'))).toBe(true);
  });

  it('INF-10: the signature keeps the agreement version and text hash; AID-1 passes the activity key to the agent-ID domain', async () => {
    const employeeId = randomUUID();
    await acts.recordAgreementSignature({ key: `onboarding-${employeeId}:agreement`, employeeId, userId: 'u1', agreement: { version: 'v3', textHash: 'f'.repeat(64) }, signedAt: new Date().toISOString() });
    const [sig] = await db.dataSource.query(`SELECT version, text_hash, user_id FROM agreement_signatures WHERE employee_id = $1`, [employeeId]);
    expect(sig).toEqual({ version: 'v3', text_hash: 'f'.repeat(64), user_id: 'u1' });
    await acts.assignStandardAgentId({ key: `onboarding-${employeeId}:agent-id:assign`, employeeId });
    expect(ports.calls.at(-1)).toMatchObject({ method: 'assign', ctx: { actor: 'system:onboarding', idempotencyKey: `onboarding-${employeeId}:agent-id:assign` } });
  });

  it('rebuilt read models equal the live ones', async () => {
    const tables = ['tasks', 'task_decisions', 'notifications', 'processes', 'process_steps', 'access_requests', 'grants', 'return_items', 'agreement_signatures', 'ip_allocations'];
    const snapshot = async () => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await db.dataSource.query(`SELECT * FROM ${t} ORDER BY 1, 2`)])));
    const live = await snapshot();
    await rebuildProjections(db.dataSource, createProjectorRegistry());
    expect(await snapshot()).toEqual(live);
  });

  it('INF-13, AID-1: locking a leaver is idempotent: a retried activity (same key) and a second run (new key) write no second event', async () => {
    const { departmentWithEmployees, userWith } = await import('../support/directory.js');
    const { employeeIds: [employeeId] } = await departmentWithEmployees(events, 'lock-dept', 1);
    const userId = await userWith(events, 'lockme', ['it'], { employeeId });
    const task = taskRecord({ assigneeUserId: userId, candidate: null });
    await acts.openTask({ key: `open-${task.taskId}`, task });
    const input = { key: `offboarding-${employeeId}:account:lock`, employeeId, userId, subject: `offboarding:${employeeId}` };
    expect(await acts.lockLeaverAccount(input)).toMatchObject({ changed: true, openTasks: 1 });
    // The open task assigned to them is flagged to HR, by id, in both languages.
    const notices: { body_en: string; body_zh: string; recipient_role: string }[] = await db.dataSource.query(`SELECT body_en, body_zh, recipient_role FROM notifications WHERE subject = $1`, [input.subject]);
    expect(notices).toHaveLength(1);
    expect(notices[0].recipient_role).toBe('hr');
    expect(notices[0].body_en).toContain(task.taskId);
    expect(notices[0].body_zh).toContain(task.taskId);
    expect(await acts.lockLeaverAccount(input)).toMatchObject({ changed: true }); // the first result, replayed
    expect(await acts.lockLeaverAccount({ ...input, key: `${input.key}:again` })).toMatchObject({ changed: false });
    expect((await eventsOf(`user:${userId}`)).map((e) => e.type)).toEqual(['user.created', 'user.deactivated', 'user.roles_set']);
    const [{ session_version }] = await db.dataSource.query(`SELECT session_version FROM user_sessions WHERE user_id = $1`, [userId]);
    expect(session_version).toBeGreaterThan(0);
    expect(await db.dataSource.query(`SELECT 1 FROM notifications WHERE subject = $1`, [input.subject])).toHaveLength(1); // no second notice
  });
});
