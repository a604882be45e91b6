import type { Task, TaskOutcome } from '../api/index.js';

/**
 * Which form a task shows, by its kind: decide (approve / reject), mark done (an IT action, which may
 * also be refused), sign the agreement, acknowledge, set up accounts, settle a returned item, or record
 * a virus check. It picks the buttons' words only; the fields and their rules come from the form the
 * task declares (task.form, the workflow validator's own rules), so nothing here repeats the server.
 */
export type TaskForm = 'decide' | 'done' | 'agreement' | 'acknowledgement' | 'account_setup' | 'return_item' | 'virus_check';

export function formOf(task: Task): TaskForm {
  switch (task.kind) {
    case 'agreement':
    case 'acknowledgement':
    case 'account_setup':
    case 'return_item':
    case 'virus_check':
      return task.kind;
    default:
      return task.outcomes.includes('approve') ? 'decide' : 'done';
  }
}

export const isOpen = (task: Task) => task.status === 'open';

export type FormField = Task['form']['fields'][number];
export type CommentRule = Task['form']['comment']['requiredWhen'][number];
export type FieldValue = string | boolean | undefined;
export type FormValues = Record<string, FieldValue>;

/** Every choice is a flag (a checkbox) when its values are booleans; otherwise one of several (radio buttons). */
export const isFlag = (f: FormField) => f.type === 'choice' && (f.values ?? []).every((v) => typeof v === 'boolean');
/** A field whose value the task fixes (task.expected, e.g. the agreement's version and hash, INF-10): sent as given once the person agrees. */
export const isFixed = (task: Task, f: FormField) => !!task.expected && f.name in task.expected;
const applies = (f: FormField, values: FormValues) => !f.onlyWhen || values[f.onlyWhen.field] === f.onlyWhen.value;

/** Starting values: a required choice starts at its first value, a flag that may be false at false, the rest empty. */
export function initialValues(task: Task): FormValues {
  const values: FormValues = {};
  for (const f of task.form.fields) {
    if (isFixed(task, f)) continue;
    if (isFlag(f)) values[f.name] = f.values?.includes(false) ? false : undefined;
    else if (f.type === 'choice') values[f.name] = f.required ? f.values?.[0] : undefined;
    else values[f.name] = '';
  }
  return values;
}

/** The fields the person fills in now (a field with onlyWhen shows while its condition holds). */
export const shownFields = (task: Task, values: FormValues) => task.form.fields.filter((f) => !isFixed(task, f) && applies(f, values));

/** Whether the form asks the person to agree to values the task fixes (the agreement). */
export const needsConsent = (task: Task) => task.form.fields.some((f) => isFixed(task, f));

/** The data sent: the shown fields that have a value (text trimmed), and the fixed values. */
export function dataOf(task: Task, values: FormValues): Record<string, unknown> {
  const data: Record<string, unknown> = { ...(needsConsent(task) ? task.expected : {}) };
  for (const f of shownFields(task, values)) {
    const v = values[f.name];
    if (typeof v === 'string' && f.type === 'text') {
      if (v.trim()) data[f.name] = v.trim();
    } else if (v !== undefined) data[f.name] = v;
  }
  return data;
}

/** What the declared form says is missing, before anything is sent (the server checks the same and stays the authority). */
export type FormProblem = { field: FormField } | { comment: CommentRule } | { consent: true };

export function checkForm(task: Task, outcome: TaskOutcome, comment: string, data: Record<string, unknown>, agreed: boolean): FormProblem | null {
  const form = task.form;
  if (outcome === 'done') {
    if (needsConsent(task) && !agreed) return { consent: true };
    for (const f of form.fields) {
      const v = data[f.name];
      const ok = f.type === 'text' ? typeof v === 'string' && v.trim().length > 0 && v.length <= (f.maxLength ?? Infinity) : (f.values ?? []).includes(v as string | boolean);
      if (f.required && !ok) return { field: f };
    }
  }
  const hasComment = comment.trim().length > 0;
  for (const rule of form.comment.requiredWhen) {
    const holds = rule.outcome ? outcome === rule.outcome : rule.field !== undefined && data[rule.field] === rule.value;
    if (holds && !hasComment) return { comment: rule };
  }
  return null;
}
