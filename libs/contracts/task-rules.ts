import type { Role } from '../auth/roles.js';
import type { TaskRejection } from './errors.js';
import type { ChangeAssignmentArgs, DecideTaskArgs, ExpectedData, Exclusion, RoleScope, TaskActor, TaskKind, TaskOutcome } from './tasks.js';

/**
 * The rules a workflow applies in its Update validators, before anything is written to history. Pure
 * functions, so the API can run the same checks to answer early and tests can call them directly.
 */
export interface TaskAuthority {
  kind: TaskKind;
  open: boolean;
  assigneeUserId: string | null;
  candidate: RoleScope | null;
  escalation: RoleScope & { mayDecide: boolean };
  escalated: boolean;
  excluded: Exclusion[];
  expected: ExpectedData | null;
}

/** "Supervisor level and up" may reassign tasks and release other people's claims. */
export const ASSIGNMENT_MANAGERS: Role[] = ['supervisor', 'leadership', 'cc_manager'];

const reject = (code: TaskRejection['code'], message: string): TaskRejection => ({ code, message });

const inScope = (actor: TaskActor, s: RoleScope | null): boolean =>
  !!s && actor.roles.includes(s.role) && (s.departmentId === null || s.departmentId === actor.departmentId);

/** May this actor act on the task at all (ignoring separation of duties)? */
export function isEligible(t: TaskAuthority, actor: TaskActor): boolean {
  if (t.assigneeUserId !== null ? actor.userId === t.assigneeUserId : inScope(actor, t.candidate)) return true;
  return t.escalated && t.escalation.mayDecide && inScope(actor, t.escalation);
}

const SOD_MESSAGES: Record<Exclusion['reason'], string> = {
  requester: 'you may not decide a task of your own request',
  other_stage: 'you already decided another stage of this request; a different person must decide this one',
  reporter: 'you reported this item; a different person must sign it off',
};

function checkActor(t: TaskAuthority, actor: TaskActor): TaskRejection | null {
  if (!t.open) return reject('ALREADY_DECIDED', 'this task is already decided or closed');
  const excluded = t.excluded.find((x) => x.userId === actor.userId);
  if (excluded) return reject('SEPARATION_OF_DUTIES', SOD_MESSAGES[excluded.reason]);
  if (!isEligible(t, actor)) return reject('FORBIDDEN', 'this task is not assigned to you or to a role you hold in its department');
  return null;
}

const MAX_COMMENT = 2000;
/** The outcomes each kind of task accepts (the inbox offers these buttons). */
export const OUTCOMES: Record<TaskKind, TaskOutcome[]> = {
  approval: ['approve', 'reject'],
  signoff: ['approve', 'reject'],
  it_action: ['done', 'reject'],
  agreement: ['done'],
  acknowledgement: ['done'],
  account_setup: ['done'],
  return_item: ['done'],
  virus_check: ['done'],
};

/**
 * Text PostgreSQL can store as text and jsonb: no NUL and no unpaired surrogate. Checked in the validator
 * because a value the database refuses would make the recording activity fail on every retry.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const isStorableText = (v: unknown): v is string => typeof v === 'string' && !v.includes('\u0000') && !LONE_SURROGATE.test(v);

/** A form field's rule and, for the 400 when it fails, what a valid value looks like. */
interface FieldRule {
  ok: (v: unknown) => boolean;
  says: string;
}
const nonEmpty = (max: number): FieldRule => ({
  ok: (v) => isStorableText(v) && v.trim().length > 0 && v.length <= max,
  says: `must be non-empty text of at most ${max} characters`,
});
const oneOf = (...values: unknown[]): FieldRule => ({
  ok: (v) => values.includes(v),
  says: values.length === 1 ? `must be ${JSON.stringify(values[0])}` : `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`,
});

/** The data each form accepts: required fields and their rules; unknown fields are refused. */
const FIELDS: Record<TaskKind, { required: Record<string, FieldRule>; optional?: Record<string, FieldRule> }> = {
  approval: { required: {} },
  signoff: { required: {} },
  it_action: { required: {} },
  agreement: { required: { agreementVersion: nonEmpty(100), textHash: nonEmpty(128) } },
  acknowledgement: { required: { acknowledged: oneOf(true) } },
  account_setup: { required: { emailAccount: nonEmpty(200), driveAccount: nonEmpty(200) } },
  return_item: { required: { status: oneOf('received', 'missing') }, optional: { machineRoomDisk: oneOf(true, false) } },
  virus_check: { required: { result: oneOf('clean', 'infected') } },
};

/** Checks outcome, comment and data against the task's form; returns the first problem. */
export function checkPayload(t: TaskAuthority, outcome: unknown, comment: unknown, data: unknown): TaskRejection | null {
  if (!OUTCOMES[t.kind].includes(outcome as TaskOutcome)) return reject('VALIDATION_FAILED', `outcome must be one of ${OUTCOMES[t.kind].join(', ')}`);
  if (comment !== undefined && comment !== null && (!isStorableText(comment) || comment.length > MAX_COMMENT))
    return reject('VALIDATION_FAILED', `comment must be text of at most ${MAX_COMMENT} characters, without NUL or broken Unicode`);
  const d = data ?? {};
  if (typeof d !== 'object' || Array.isArray(d)) return reject('VALIDATION_FAILED', 'data must be an object');
  const values = d as Record<string, unknown>;
  const { required, optional = {} } = FIELDS[t.kind];
  for (const key of Object.keys(values)) if (!(key in required) && !(key in optional)) return reject('VALIDATION_FAILED', `data.${key} is not a field of this form`);
  for (const [key, rule] of Object.entries(required))
    if (!rule.ok(values[key])) return reject('VALIDATION_FAILED', `data.${key} ${key in values ? rule.says : `is required and ${rule.says}`}`);
  for (const [key, rule] of Object.entries(optional)) if (key in values && !rule.ok(values[key])) return reject('VALIDATION_FAILED', `data.${key} ${rule.says}`);
  for (const [key, want] of Object.entries(t.expected ?? {}))
    if (values[key] !== want) return reject('VALIDATION_FAILED', `data.${key} does not match the current version (expected ${want})`);
  const hasComment = typeof comment === 'string' && comment.trim().length > 0;
  if (outcome === 'reject' && !hasComment) return reject('VALIDATION_FAILED', 'a rejection needs a comment saying why');
  if (t.kind === 'return_item' && values.status === 'missing' && !hasComment) return reject('VALIDATION_FAILED', 'a missing item needs a comment describing what is missing');
  return null;
}

/** The decision validator: state, separation of duties, eligibility, then the payload. */
export function checkDecision(t: TaskAuthority, args: DecideTaskArgs): TaskRejection | null {
  return checkActor(t, args.actor) ?? checkPayload(t, args.outcome, args.comment, args.data);
}

/** The claim / unclaim / reassign validator. */
export function checkAssignment(t: TaskAuthority, claimedBy: string | null, args: ChangeAssignmentArgs): TaskRejection | null {
  if (!t.open) return reject('ALREADY_DECIDED', 'this task is already decided or closed');
  // A personal task (the employee's own signature) is nobody else's to take or give away.
  if (t.candidate === null) return reject('VALIDATION_FAILED', 'this task belongs to a named person and cannot be claimed or reassigned');
  const manager = args.actor.roles.some((r) => ASSIGNMENT_MANAGERS.includes(r));
  switch (args.action) {
    case 'claim':
      if (claimedBy === args.actor.userId) return null;
      if (claimedBy !== null) return reject('ALREADY_DECIDED', 'someone else has claimed this task');
      return checkActor(t, args.actor);
    case 'unclaim':
      if (claimedBy === null) return reject('VALIDATION_FAILED', 'this task is not claimed');
      return claimedBy === args.actor.userId || manager ? null : reject('FORBIDDEN', 'only the claimant or a supervisor may release this task');
    case 'reassign':
      if (!manager) return reject('FORBIDDEN', 'only supervisors and above may reassign tasks');
      if (!args.toUserId) return reject('VALIDATION_FAILED', 'toUserId is required to reassign');
      if (t.excluded.some((x) => x.userId === args.toUserId)) return reject('SEPARATION_OF_DUTIES', 'that person may not decide this task (separation of duties)');
      return null;
    default:
      return reject('VALIDATION_FAILED', 'action must be claim, unclaim or reassign');
  }
}
