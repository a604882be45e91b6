import { checkAssignment, checkDecision, checkPayload, TASK_FORMS, type TaskAuthority } from './task-rules.js';
import type { TaskActor } from './tasks.js';

const task = (over: Partial<TaskAuthority> = {}): TaskAuthority => ({
  kind: 'approval',
  open: true,
  assigneeUserId: null,
  candidate: { role: 'supervisor', departmentId: 'd1' },
  escalation: { role: 'cc_manager', departmentId: null, mayDecide: true },
  escalated: false,
  excluded: [{ userId: 'req', reason: 'requester' }],
  expected: null,
  ...over,
});
const actor = (userId: string, roles: TaskActor['roles'], departmentId: string | null = null): TaskActor => ({ userId, roles, departmentId });
const to = (userId: string, roles: TaskActor['roles'], departmentIds: string[]) => ({ userId, roles, departmentIds });
const code = (r: { code: string } | null) => r?.code ?? null;

describe('task rules (the Update validators)', () => {
  it('SYS-1: a supervisor decides for their own department only', () => {
    expect(code(checkDecision(task(), { taskId: 't', actor: actor('s1', ['supervisor'], 'd1'), outcome: 'approve' }))).toBeNull();
    expect(code(checkDecision(task(), { taskId: 't', actor: actor('s2', ['supervisor'], 'd2'), outcome: 'approve' }))).toBe('FORBIDDEN');
  });

  it('separation of duties is checked before eligibility, and names the reason', () => {
    const r = checkDecision(task(), { taskId: 't', actor: actor('req', ['supervisor'], 'd1'), outcome: 'approve' });
    expect(r).toEqual({ code: 'SEPARATION_OF_DUTIES', message: expect.stringContaining('your own request') });
  });

  it('the escalation role may decide only once escalated, and only when the process allows it', () => {
    const ccm = actor('c', ['cc_manager']);
    expect(code(checkDecision(task(), { taskId: 't', actor: ccm, outcome: 'approve' }))).toBe('FORBIDDEN');
    expect(code(checkDecision(task({ escalated: true }), { taskId: 't', actor: ccm, outcome: 'approve' }))).toBeNull();
    expect(code(checkDecision(task({ escalated: true, escalation: { role: 'cc_manager', departmentId: null, mayDecide: false } }), { taskId: 't', actor: ccm, outcome: 'approve' }))).toBe('FORBIDDEN');
  });

  it('a closed task refuses every decision with ALREADY_DECIDED', () => {
    expect(code(checkDecision(task({ open: false }), { taskId: 't', actor: actor('s1', ['supervisor'], 'd1'), outcome: 'approve' }))).toBe('ALREADY_DECIDED');
  });

  it('INF-10: the agreement must repeat the expected version and hash', () => {
    const t = task({ kind: 'agreement', expected: { agreementVersion: 'v2', textHash: 'h' } });
    expect(code(checkPayload(t, 'done', undefined, { agreementVersion: 'v2', textHash: 'h' }))).toBeNull();
    expect(code(checkPayload(t, 'done', undefined, { agreementVersion: 'v1', textHash: 'h' }))).toBe('VALIDATION_FAILED');
  });

  it('payloads: known fields only, required fields present, comments where a refusal or a loss needs explaining', () => {
    expect(code(checkPayload(task({ kind: 'return_item' }), 'done', '', { status: 'missing' }))).toBe('VALIDATION_FAILED');
    expect(code(checkPayload(task({ kind: 'return_item' }), 'done', 'lost', { status: 'missing' }))).toBeNull();
    expect(code(checkPayload(task({ kind: 'virus_check' }), 'done', null, { result: 'maybe' }))).toBe('VALIDATION_FAILED');
    expect(code(checkPayload(task(), 'approve', 'x'.repeat(2001), {}))).toBe('VALIDATION_FAILED');
    expect(code(checkPayload(task(), 'approve', undefined, []))).toBe('VALIDATION_FAILED');
    // Text the database would refuse never reaches the recording activity (it would retry forever).
    expect(code(checkPayload(task({ kind: 'account_setup' }), 'done', undefined, { emailAccount: 'a\u0000b', driveAccount: 'x' }))).toBe('VALIDATION_FAILED');
    expect(code(checkPayload(task(), 'approve', 'broken \uD800', {}))).toBe('VALIDATION_FAILED');
  });

  it('INF-6: the declared form is what the validator checks: a machine-room disk only on a received item, a note on a missing one', () => {
    expect(TASK_FORMS.return_item).toEqual({
      fields: [
        { name: 'status', required: true, type: 'choice', values: ['received', 'missing'] },
        { name: 'machineRoomDisk', required: false, type: 'choice', values: [true, false], onlyWhen: { field: 'status', value: 'received' } },
      ],
      comment: { maxLength: 2000, requiredWhen: [{ field: 'status', value: 'missing' }] },
    });
    expect(TASK_FORMS.approval.comment.requiredWhen).toEqual([{ outcome: 'reject' }]);
    const t = task({ kind: 'return_item' });
    expect(checkPayload(t, 'done', undefined, { status: 'received', machineRoomDisk: true })).toBeNull();
    expect(checkPayload(t, 'done', 'gone', { status: 'missing', machineRoomDisk: true })?.message).toBe('data.machineRoomDisk is a field only when status is "received"');
    expect(checkPayload(t, 'done', ' ', { status: 'missing' })?.message).toBe('a comment is required when status is "missing"');
  });

  it('a refused form field says what a valid value looks like', () => {
    const msg = (kind: TaskAuthority['kind'], data: object) => checkPayload(task({ kind }), 'done', undefined, data)?.message;
    expect(msg('return_item', {})).toBe('data.status is required and must be one of "received", "missing"');
    expect(msg('acknowledgement', { acknowledged: 'yes' })).toBe('data.acknowledged must be true');
    expect(msg('account_setup', { emailAccount: ' ', driveAccount: 'x' })).toBe('data.emailAccount must be non-empty text of at most 200 characters');
  });

  it('claim, unclaim and reassign', () => {
    const s1 = actor('s1', ['supervisor'], 'd1');
    const agent = actor('a', ['employee'], 'd1');
    expect(code(checkAssignment(task(), null, { taskId: 't', actor: s1, action: 'claim' }))).toBeNull();
    expect(code(checkAssignment(task(), 'other', { taskId: 't', actor: s1, action: 'claim' }))).toBe('ALREADY_DECIDED');
    expect(code(checkAssignment(task(), 'other', { taskId: 't', actor: agent, action: 'unclaim' }))).toBe('FORBIDDEN');
    expect(code(checkAssignment(task(), null, { taskId: 't', actor: agent, action: 'reassign', toUserId: 'x' }))).toBe('FORBIDDEN');
    expect(code(checkAssignment(task(), null, { taskId: 't', actor: s1, action: 'reassign', toUserId: 'req', to: to('req', ['supervisor'], ['d1']) }))).toBe('SEPARATION_OF_DUTIES');
    expect(code(checkAssignment(task(), null, { taskId: 't', actor: s1, action: 'reassign', toUserId: 'x', to: to('x', ['supervisor'], ['d1']) }))).toBeNull();
    expect(code(checkAssignment(task(), null, { taskId: 't', actor: s1, action: 'reassign', toUserId: 'x' }))).toBe('VALIDATION_FAILED'); // the target's facts are required
    // INF-10: the employee's own signature cannot be handed to someone else.
    expect(code(checkAssignment(task({ kind: 'agreement', candidate: null, assigneeUserId: 'emp' }), null, { taskId: 't', actor: s1, action: 'reassign', toUserId: 'x' }))).toBe('VALIDATION_FAILED');
  });

  describe('reassign obeys the decision rules (SYS-1, INF-6, INF-12 separation of duties; INF-9 named owners)', () => {
    const reassign = (t: TaskAuthority, by: TaskActor, target: ReturnType<typeof to>) => code(checkAssignment(t, null, { taskId: 't', actor: by, action: 'reassign', toUserId: target.userId, to: target }));

    it('SYS-1: the requester, though a supervisor of the department, may not hand their own review on', () => {
      expect(reassign(task(), actor('req', ['supervisor'], 'd1'), to('s1', ['supervisor'], ['d1']))).toBe('SEPARATION_OF_DUTIES');
    });

    it('SYS-1: anyone barred from the task (an earlier stage decider) may not reassign it', () => {
      const t = task({ excluded: [{ userId: 'req', reason: 'requester' }, { userId: 'lead', reason: 'other_stage' }], candidate: { role: 'leadership', departmentId: null } });
      expect(reassign(t, actor('lead', ['leadership']), to('lead2', ['leadership'], []))).toBe('SEPARATION_OF_DUTIES');
      expect(reassign(t, actor('lead3', ['leadership']), to('lead2', ['leadership'], []))).toBeNull();
    });

    it('SYS-1: a supervisor of another department may neither reassign the task nor receive it', () => {
      expect(reassign(task(), actor('s2', ['supervisor'], 'd2'), to('s1', ['supervisor'], ['d1']))).toBe('FORBIDDEN');
      expect(reassign(task(), actor('s1', ['supervisor'], 'd1'), to('s2', ['supervisor'], ['d2']))).toBe('VALIDATION_FAILED');
      expect(reassign(task(), actor('ccm', ['cc_manager']), to('s2', ['supervisor'], ['d2']))).toBe('VALIDATION_FAILED');
      expect(reassign(task(), actor('ccm', ['cc_manager']), to('agent', ['employee'], ['d1']))).toBe('VALIDATION_FAILED');
      expect(reassign(task(), actor('ccm', ['cc_manager']), to('s3', ['supervisor'], ['d2', 'd1']))).toBeNull();
    });

    it('once escalated, the escalation role may receive the task only when it may decide', () => {
      expect(reassign(task({ escalated: true }), actor('s1', ['supervisor'], 'd1'), to('ccm', ['cc_manager'], []))).toBeNull();
      const noDecide = task({ escalated: true, escalation: { role: 'cc_manager', departmentId: null, mayDecide: false } });
      expect(reassign(noDecide, actor('s1', ['supervisor'], 'd1'), to('ccm', ['cc_manager'], []))).toBe('VALIDATION_FAILED');
    });

    it('a supervisor of two departments acts in both (an actor recorded with departmentId alone still counts it)', () => {
      const both: TaskActor = { userId: 's5', roles: ['supervisor'], departmentId: 'd2', departmentIds: ['d1', 'd2'] };
      expect(code(checkDecision(task(), { taskId: 't', actor: both, outcome: 'approve' }))).toBeNull();
      expect(code(checkDecision(task(), { taskId: 't', actor: actor('old', ['supervisor'], 'd1'), outcome: 'approve' }))).toBeNull();
    });
  });
});
