import { AUTHORIZATION } from './authorization.js';
import { DUTY_TEXT_MAX } from './duties.js';
import type { Role } from './roles.js';
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
export const ASSIGNMENT_MANAGERS: readonly Role[] = AUTHORIZATION.tasks.reassign;
/** Managers of the whole company; a supervisor manages only the departments they work in or lead. */
const COMPANY_MANAGERS: Role[] = ['leadership', 'cc_manager'];

const reject = (code: TaskRejection['code'], message: string): TaskRejection => ({ code, message });

/** Every department a person works in or leads; an actor recorded before the list existed has its one. */
const departmentsOf = (p: { departmentId?: string | null; departmentIds?: readonly string[] }): readonly string[] =>
  p.departmentIds ?? (p.departmentId ? [p.departmentId] : []);

const inScope = (actor: { roles: readonly Role[]; departmentId?: string | null; departmentIds?: readonly string[] }, s: RoleScope | null): boolean =>
  !!s && actor.roles.includes(s.role) && (s.departmentId === null || departmentsOf(actor).includes(s.departmentId));

/** May this actor act on the task at all (ignoring separation of duties)? */
export function isEligible(t: TaskAuthority, actor: TaskActor): boolean {
  if (t.assigneeUserId !== null ? actor.userId === t.assigneeUserId : inScope(actor, t.candidate)) return true;
  return t.escalated && t.escalation.mayDecide && inScope(actor, t.escalation);
}

const SOD_MESSAGES: Record<Exclusion['reason'], string> = {
  requester: 'you may not decide a task of your own request',
  other_stage: 'you already decided another stage of this request; a different person must decide this one',
  reporter: 'you reported this item; a different person must sign it off',
  subject: 'this change is about your own account; a different person must decide it',
  borrower: 'you borrowed this medium; a different person must check it (INF-6)',
  leaver: 'you returned this item as a leaver; a different person must deal with it (INF-13)',
  holder: 'this access is your own; a different IT person must switch it off and confirm (SYS-1, INF-6, INF-7)',
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
  power_off_check: ['done'],
  shift_handover: ['done'],
  doors_windows_check: ['done'],
  extinguisher_check: ['done'],
  fire_training: ['done'],
  backup_record: ['done'],
  power_inspection: ['done'],
  hazard_fix: ['done'],
  equipment_check: ['done'],
  notes_handin: ['done'],
  notes_receipt: ['done'],
  quarantine_disposal: ['done'],
  handover: ['done'],
  rules_acknowledgement: ['done'],
  computer_locks_check: ['done'],
  quarantine_review: ['done'],
};

/**
 * Text PostgreSQL can store as text and jsonb: no NUL and no unpaired surrogate. Checked in the validator
 * because a value the database refuses would make the recording activity fail on every retry.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const isStorableText = (v: unknown): v is string => typeof v === 'string' && !v.includes('\u0000') && !LONE_SURROGATE.test(v);

/**
 * One field of a task's form, as data: the workflow's validator checks it (checkPayload) and the API
 * sends it with the task, so the web app renders and pre-checks the form from it instead of copying it.
 * `text`: non-empty text of at most maxLength; `choice`: one of values. A field the task's `expected`
 * names must repeat that value exactly (the agreement's version and text hash, INF-10). `onlyWhen`: the
 * field is part of the form only while another field has that value.
 */
export type FormField = { name: string; required: boolean; onlyWhen?: { field: string; value: string | boolean } } & (
  | { type: 'text'; maxLength: number }
  | { type: 'choice'; values: (string | boolean)[] }
);

/** When a comment is required: on that outcome, or when a data field has that value. */
export type CommentRule = { outcome: TaskOutcome } | { field: string; value: string | boolean };

/** A task kind's declared form: its data fields and the comment's rules. */
export interface TaskForm {
  fields: FormField[];
  comment: { maxLength: number; requiredWhen: CommentRule[] };
}

const text = (name: string, maxLength: number): FormField => ({ name, required: true, type: 'text', maxLength });
const choice = (name: string, values: (string | boolean)[], more: Partial<Pick<FormField, 'required' | 'onlyWhen'>> = {}): FormField => ({ name, required: true, type: 'choice', values, ...more });

const FIELDS: Record<TaskKind, FormField[]> = {
  approval: [],
  signoff: [],
  it_action: [],
  agreement: [text('agreementVersion', 100), text('textHash', 128)],
  acknowledgement: [choice('acknowledged', [true])],
  account_setup: [text('emailAccount', 200), text('driveAccount', 200)],
  // INF-6: a received machine-room disk goes to a virus check; a missing item is described in the comment.
  return_item: [choice('status', ['received', 'missing']), choice('machineRoomDisk', [true, false], { required: false, onlyWhen: { field: 'status', value: 'received' } })],
  virus_check: [choice('result', ['clean', 'infected'])],
  // EQ-6: the end-of-day machine-room check; anything left running is described in the comment.
  power_off_check: [choice('powerOff', [true, false]), { name: 'leftRunning', required: false, type: 'text', maxLength: DUTY_TEXT_MAX }],
  // EQ-8: who took over, what was handed over (open matters, keys, equipment state), and anything still open.
  shift_handover: [text('handedOverTo', 200), text('handedOver', DUTY_TEXT_MAX), { name: 'openIssues', required: false, type: 'text', maxLength: DUTY_TEXT_MAX }],
  // EQ-7: doors and windows secure; INF-2: the "no entry for visitors" notice posted outside the machine room.
  // Either not so is an anomaly, described in the comment (and goes to general affairs as a task of its own).
  doors_windows_check: [choice('secure', [true, false]), choice('visitorNoticePosted', [true, false])],
  // EQ-3: the keeper's extinguisher check (present, pressure in the green, seal intact, in date).
  extinguisher_check: [choice('extinguishersOk', [true, false]), text('checked', DUTY_TEXT_MAX)],
  // EQ-3: a fire-safety training session held by the keeper, with its topic and who attended.
  fire_training: [text('topic', 200), text('attendees', 2000)],
  // INF-8: what was backed up, and where the copy is kept.
  backup_record: [text('whatBackedUp', DUTY_TEXT_MAX), text('location', 200)],
  // EQ-2: power supply, wiring, sockets and plugs each found in order or not; a hazard found is described
  // (and becomes a hazard the machine-room managers must fix, open until recorded fixed).
  power_inspection: [
    choice('powerOk', [true, false]),
    choice('wiringOk', [true, false]),
    choice('socketsOk', [true, false]),
    choice('plugsOk', [true, false]),
    { name: 'hazard', required: false, type: 'text', maxLength: DUTY_TEXT_MAX },
  ],
  // EQ-2, EQ-4: a hazard is open until someone records how it was removed.
  hazard_fix: [choice('fixed', [true]), text('howFixed', DUTY_TEXT_MAX)],
  // EQ-4: the agent's own equipment in order; a hazard they cannot fix is written here and goes to the managers at once.
  equipment_check: [choice('equipmentOk', [true, false]), { name: 'hazard', required: false, type: 'text', maxLength: DUTY_TEXT_MAX }],
  // INF-11(4): the notes written during work handed to the company (how many sheets); none written is said so.
  notes_handin: [choice('handedIn', [true, false]), { name: 'sheets', required: false, type: 'text', maxLength: 100, onlyWhen: { field: 'handedIn', value: true } }],
  // INF-11(4): the on-site manager confirms receiving an agent's notes.
  notes_receipt: [choice('received', [true])],
  // INF-6: an infected returned disk is dealt with (cleaned or destroyed) before the checklist can close.
  quarantine_disposal: [choice('disposition', ['cleaned', 'destroyed'])],
  // EQ-1, INF-9: done once the register names others; the workflow checks the register itself.
  handover: [],
  // EQ-5, SYS-3, SYS-4, AID-1: the rules' version and text hash repeated (task.expected), and the confirmation.
  rules_acknowledgement: [text('rulesVersion', 100), text('textHash', 128), choice('rulesAcknowledged', [true])],
  // INF-6: the monthly re-check of every machine-room computer's locks (each check recorded on the computers page); a lock not in place is described.
  computer_locks_check: [choice('allInPlace', [true, false])],
  // INF-6: security's part of a quarantine: where the infected medium is held (locked away, not in use) and
  // the seal on it, if sealed; anything else in the comment.
  quarantine_review: [text('heldAt', 200), { name: 'sealNumber', required: false, type: 'text', maxLength: 100 }],
};

const formOf = (kind: TaskKind): TaskForm => ({
  fields: FIELDS[kind],
  comment: {
    maxLength: MAX_COMMENT,
    requiredWhen: [
      ...(OUTCOMES[kind].includes('reject') ? [{ outcome: 'reject' as const }] : []),
      ...(kind === 'return_item' ? [{ field: 'status', value: 'missing' }] : []),
      ...(kind === 'power_off_check' ? [{ field: 'powerOff', value: false }] : []),
      ...(kind === 'extinguisher_check' ? [{ field: 'extinguishersOk', value: false }] : []),
      ...(kind === 'doors_windows_check' ? [{ field: 'secure', value: false }, { field: 'visitorNoticePosted', value: false }] : []),
      ...(kind === 'equipment_check' ? [{ field: 'equipmentOk', value: false }] : []),
      ...(kind === 'notes_handin' ? [{ field: 'handedIn', value: false }] : []),
      ...(kind === 'computer_locks_check' ? [{ field: 'allInPlace', value: false }] : []),
      // Something not in order is described; a hazard in the hazard field also opens a hazard to fix.
      ...(kind === 'power_inspection' ? ['powerOk', 'wiringOk', 'socketsOk', 'plugsOk'].map((field) => ({ field, value: false })) : []),
    ],
  },
});

/** Every kind's declared form (the API shows it with each task). */
export const TASK_FORMS = Object.fromEntries(Object.keys(FIELDS).map((k) => [k, formOf(k as TaskKind)])) as Record<TaskKind, TaskForm>;

/** What a valid value looks like, for the 400 when a field's rule fails. */
const says = (f: FormField): string =>
  f.type === 'text'
    ? `must be non-empty text of at most ${f.maxLength} characters`
    : f.values.length === 1
      ? `must be ${JSON.stringify(f.values[0])}`
      : `must be one of ${f.values.map((v) => JSON.stringify(v)).join(', ')}`;
const fits = (f: FormField, v: unknown): boolean => (f.type === 'text' ? isStorableText(v) && v.trim().length > 0 && v.length <= f.maxLength : f.values.includes(v as string | boolean));

const COMMENT_NEEDED = (r: CommentRule): string => ('outcome' in r ? 'a rejection needs a comment saying why' : `a comment is required when ${r.field} is ${JSON.stringify(r.value)}`);

/** Checks outcome, comment and data against the task's declared form; returns the first problem. */
export function checkPayload(t: TaskAuthority, outcome: unknown, comment: unknown, data: unknown): TaskRejection | null {
  if (!OUTCOMES[t.kind].includes(outcome as TaskOutcome)) return reject('VALIDATION_FAILED', `outcome must be one of ${OUTCOMES[t.kind].join(', ')}`);
  const form = TASK_FORMS[t.kind];
  if (comment !== undefined && comment !== null && (!isStorableText(comment) || comment.length > form.comment.maxLength))
    return reject('VALIDATION_FAILED', `comment must be text of at most ${form.comment.maxLength} characters, without NUL or broken Unicode`);
  const d = data ?? {};
  if (typeof d !== 'object' || Array.isArray(d)) return reject('VALIDATION_FAILED', 'data must be an object');
  const values = d as Record<string, unknown>;
  const fields = new Map(form.fields.map((f) => [f.name, f]));
  for (const key of Object.keys(values)) if (!fields.has(key)) return reject('VALIDATION_FAILED', `data.${key} is not a field of this form`);
  for (const f of form.fields) {
    const present = f.name in values;
    if (present && f.onlyWhen && values[f.onlyWhen.field] !== f.onlyWhen.value)
      return reject('VALIDATION_FAILED', `data.${f.name} is a field only when ${f.onlyWhen.field} is ${JSON.stringify(f.onlyWhen.value)}`);
    if (f.required && !fits(f, values[f.name])) return reject('VALIDATION_FAILED', `data.${f.name} ${present ? says(f) : `is required and ${says(f)}`}`);
    if (!f.required && present && !fits(f, values[f.name])) return reject('VALIDATION_FAILED', `data.${f.name} ${says(f)}`);
  }
  for (const [key, want] of Object.entries(t.expected ?? {}))
    if (values[key] !== want) return reject('VALIDATION_FAILED', `data.${key} does not match the current version (expected ${want})`);
  const hasComment = typeof comment === 'string' && comment.trim().length > 0;
  for (const r of form.comment.requiredWhen) {
    const applies = 'outcome' in r ? outcome === r.outcome : values[r.field] === r.value;
    if (applies && !hasComment) return reject('VALIDATION_FAILED', COMMENT_NEEDED(r));
  }
  return null;
}

/** Whether this person may decide the task now (state, separation of duties, eligibility), before any payload: what a decision link checks. */
export const checkDecider = (t: TaskAuthority, actor: TaskActor): TaskRejection | null => checkActor(t, actor);

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
      return checkReassign(t, args);
    default:
      return reject('VALIDATION_FAILED', 'action must be claim, unclaim or reassign');
  }
}

/** The scopes a task is decided in now: its candidate role, and the escalation role once escalated (when it may decide). */
const decidingScopes = (t: TaskAuthority): RoleScope[] => [t.candidate, t.escalated && t.escalation.mayDecide ? t.escalation : null].filter((s): s is RoleScope => s !== null);

/** A manager of the task's own scope: leadership and the call-center manager company-wide, a supervisor in their departments. */
function managesScope(actor: TaskActor, s: RoleScope): boolean {
  if (actor.roles.some((r) => COMPANY_MANAGERS.includes(r))) return true;
  return actor.roles.includes('supervisor') && s.departmentId !== null && departmentsOf(actor).includes(s.departmentId);
}

const describeScope = (s: RoleScope): string => (s.departmentId === null ? `the role ${s.role}` : `the role ${s.role} in the task's department`);

/**
 * Reassigning is deciding who decides, so it obeys the same rules as deciding (SYS-1, INF-6, INF-12
 * separation of duties; INF-9 named owners): nobody barred from the task (the requester, an earlier
 * stage's decider) may hand it on; the reassigner acts in the task's own scope (eligible there, or a
 * manager of it); the new assignee must be eligible in that scope and not barred themselves.
 */
function checkReassign(t: TaskAuthority, args: ChangeAssignmentArgs): TaskRejection | null {
  const actor = args.actor;
  const excluded = t.excluded.find((x) => x.userId === actor.userId);
  if (excluded) return reject('SEPARATION_OF_DUTIES', `you may not reassign this task: ${SOD_MESSAGES[excluded.reason]}`);
  const scopes = decidingScopes(t);
  if (!scopes.some((s) => inScope(actor, s) || managesScope(actor, s))) return reject('FORBIDDEN', 'you may reassign only tasks of your own scope (your department, or a role you hold there)');
  const to = args.to;
  if (!args.toUserId || !to || to.userId !== args.toUserId || !Array.isArray(to.roles) || !Array.isArray(to.departmentIds))
    return reject('VALIDATION_FAILED', 'toUserId and to { userId, roles, departmentIds } of the same person are required to reassign');
  if (t.excluded.some((x) => x.userId === to.userId)) return reject('SEPARATION_OF_DUTIES', 'that person may not decide this task (separation of duties)');
  if (!scopes.some((s) => inScope(to, s))) return reject('VALIDATION_FAILED', `that person may not decide this task: it needs ${scopes.map(describeScope).join(' or ')}`);
  return null;
}
