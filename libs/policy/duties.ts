import { isClauseId, type ClauseId } from './clauses.js';
import { isRole, type Role } from './roles.js';
import type { LocalizedText } from './text.js';
import type { TaskKind } from './tasks.js';

/**
 * Recurring duties (docs/policy.md, "recurring duties"): checklists that fall due on a schedule for a
 * named owner and escalate when late. A definition is data the call-center manager keeps through the API
 * (events duty.defined / duty.redefined / duty.paused / duty.resumed / duty.deleted); the built-in ones
 * below are seeded as definitions at the first boot. The API brings one Temporal Schedule per definition
 * in line with the definitions at boot and on every change, and every firing runs dutyOccurrenceWorkflow.
 * Pure data and rules, so the workflow, the API and the tests share them.
 */

/** A local time of day in the call center's time zone (DEFAULT_TIME_ZONE), `HH:MM`. */
export type LocalTime = `${number}:${number}`;

/** Who does it: a role (in one department, or company-wide), or one named person. */
export type DutyOwner = { role: Role; departmentId: string | null } | { userId: string };

/**
 * When it fires. Every occurrence needs a working day (the calendar decides at run time; a holiday records
 * nothing, a make-up working day 调休 counts): `working_day` fires daily, `week` on one ISO weekday
 * (1 Monday … 7 Sunday), `month` on one day of the month (1-28, so every month has it).
 */
export type DutyCadence =
  | { every: 'working_day'; at: LocalTime }
  | { every: 'week'; weekday: number; at: LocalTime }
  | { every: 'month'; day: number; at: LocalTime };

export interface DutyDefinition {
  id: DutyId;
  clauses: readonly ClauseId[];
  title: LocalizedText;
  owner: DutyOwner;
  cadence: DutyCadence;
  /** Not done by this local time the same day: escalated to `escalation` and recorded late. */
  dueAt: LocalTime;
  /** Not done by this local time the same day: recorded missed and the task closed; null: the next working day's start. */
  deadline: LocalTime | null;
  escalation: Role;
  /** The checklist task's kind: its form is that kind's (TASK_FORMS, libs/policy/task-rules.ts), checked by the server. */
  taskKind: DutyTaskKind;
  /**
   * EQ-2 unannounced: the schedule fires at cadence.at, and the run opens the checklist at a time it draws
   * at random before `until` (workflow randomness: deterministic on replay, different for every run).
   * Only the window is shown anywhere; absent or null: the checklist opens at cadence.at.
   */
  unannounced?: { until: LocalTime } | null;
  /**
   * EQ-4, INF-11(4): one checklist per active agent (a child workflow each, so every run's history stays
   * bounded) instead of one for the owner; `confirmBy`: that role confirms each agent's hand-in, and a
   * hand-in unconfirmed by the due time is late for both. Absent or null: one checklist for the owner.
   */
  perAgent?: { confirmBy: Role | null } | null;
}

/** The checklist kinds a duty may use: each has a form the server knows and checks (libs/policy/task-rules.ts). */
export const DUTY_TASK_KINDS = ['power_off_check', 'shift_handover', 'doors_windows_check', 'extinguisher_check', 'fire_training', 'backup_record', 'power_inspection', 'equipment_check', 'notes_handin', 'computer_locks_check'] as const satisfies readonly TaskKind[];
export type DutyTaskKind = (typeof DUTY_TASK_KINDS)[number];
export const isDutyTaskKind = (v: unknown): v is DutyTaskKind => typeof v === 'string' && (DUTY_TASK_KINDS as readonly string[]).includes(v);

/** A duty id: lower-case letters, digits and `_` (it is part of schedule and workflow ids, which use `-` as separator). */
export type DutyId = string;
export const DUTY_ID_SHAPE = /^[a-z][a-z0-9_]{2,49}$/;
export const isDutyId = (v: unknown): v is DutyId => typeof v === 'string' && DUTY_ID_SHAPE.test(v);

/** What a person may write in a checklist's free-text field. */
export const DUTY_TEXT_MAX = 500;
export const DUTY_TITLE_MAX = 200;

const siteManagers: DutyOwner = { role: 'site_manager', departmentId: null };

/**
 * The built-in duties, seeded as definitions at the first boot (a manager may change, pause or delete
 * them afterwards; a deleted one is not seeded again). Owners follow docs/policy.md "Roles":
 * `site_manager` is the on-site / machine-room manager (inspections, daily power-off); the call-center
 * manager leads machine-room safety (EQ-1) and is told when one is late.
 */
export const DUTIES: Record<string, DutyDefinition> = {
  // EQ-6: at day's end the managers switch off the machine room's main power, make sure nothing is live, do the routine check, and only then leave.
  machine_room_power_off: {
    id: 'machine_room_power_off',
    clauses: ['EQ-6'],
    title: { en: 'EQ-6: machine room power-off check', zh: 'EQ-6：机房下班断电检查' },
    owner: siteManagers,
    cadence: { every: 'working_day', at: '18:00' },
    dueAt: '19:00',
    deadline: null,
    escalation: 'cc_manager',
    taskKind: 'power_off_check',
  },
  // EQ-2: the machine-room managers inspect power, wiring, sockets and plugs on a schedule (weekly, Monday) ...
  power_inspection: {
    id: 'power_inspection',
    clauses: ['EQ-2'],
    title: { en: 'EQ-2: power, wiring, sockets and plugs inspection', zh: 'EQ-2：电源、线路、插座和插头检查' },
    owner: siteManagers,
    cadence: { every: 'week', weekday: 1, at: '10:00' },
    dueAt: '12:00',
    deadline: null,
    escalation: 'cc_manager',
    taskKind: 'power_inspection',
  },
  // ... and unannounced: every working day at a time drawn at random between 09:00 and 17:00, nobody can predict it.
  power_inspection_unannounced: {
    id: 'power_inspection_unannounced',
    clauses: ['EQ-2'],
    title: { en: 'EQ-2: unannounced power and wiring inspection', zh: 'EQ-2：电源线路突击检查' },
    owner: siteManagers,
    cadence: { every: 'working_day', at: '09:00' },
    dueAt: '18:00',
    deadline: null,
    escalation: 'cc_manager',
    taskKind: 'power_inspection',
    unannounced: { until: '17:00' },
  },
  // EQ-4: after work each active agent checks the equipment they used (a hazard they cannot fix goes to the machine-room managers at once).
  agent_equipment_check: {
    id: 'agent_equipment_check',
    clauses: ['EQ-4'],
    title: { en: 'EQ-4: end-of-work check of my equipment', zh: 'EQ-4：下班前检查本人使用的设备' },
    owner: { role: 'employee', departmentId: null },
    cadence: { every: 'working_day', at: '17:30' },
    dueAt: '18:30',
    deadline: null,
    escalation: 'site_manager',
    taskKind: 'equipment_check',
    perAgent: { confirmBy: null },
  },
  // INF-11(4): every day before leaving each agent hands in the notes written during work; the on-site manager confirms receipt.
  notes_handin: {
    id: 'notes_handin',
    clauses: ['INF-11'],
    title: { en: 'INF-11: hand in the notes written during work', zh: 'INF-11：上交工作中书写的记录' },
    owner: { role: 'employee', departmentId: null },
    cadence: { every: 'working_day', at: '17:30' },
    dueAt: '18:30',
    deadline: null,
    escalation: 'cc_manager',
    taskKind: 'notes_handin',
    perAgent: { confirmBy: 'site_manager' },
  },
  // EQ-8: the shift handover form, every working day and per shift (one definition per shift: add or change shifts through the API).
  shift_handover_day: {
    id: 'shift_handover_day',
    clauses: ['EQ-8'],
    title: { en: 'EQ-8: shift handover form (day shift)', zh: 'EQ-8：交接班记录（白班）' },
    owner: siteManagers,
    cadence: { every: 'working_day', at: '13:30' },
    dueAt: '14:30',
    deadline: '23:59',
    escalation: 'cc_manager',
    taskKind: 'shift_handover',
  },
  shift_handover_evening: {
    id: 'shift_handover_evening',
    clauses: ['EQ-8'],
    title: { en: 'EQ-8: shift handover form (evening shift)', zh: 'EQ-8：交接班记录（晚班）' },
    owner: siteManagers,
    cadence: { every: 'working_day', at: '21:00' },
    dueAt: '22:00',
    deadline: null,
    escalation: 'cc_manager',
    taskKind: 'shift_handover',
  },
  // EQ-7: doors and windows checked for security and theft; an anomaly is reported to general affairs (the `security` role).
  doors_windows: {
    id: 'doors_windows',
    clauses: ['EQ-7', 'INF-2'],
    title: { en: 'EQ-7: machine room doors and windows check', zh: 'EQ-7：机房门窗安全检查' },
    owner: siteManagers,
    cadence: { every: 'working_day', at: '17:30' },
    dueAt: '18:30',
    deadline: null,
    escalation: 'cc_manager',
    taskKind: 'doors_windows_check',
  },
  // EQ-3: the fire-equipment keeper checks the extinguishers (weekly, Monday) and trains the staff (monthly).
  extinguisher_check: {
    id: 'extinguisher_check',
    clauses: ['EQ-3'],
    title: { en: 'EQ-3: fire extinguisher check', zh: 'EQ-3：灭火器检查' },
    owner: siteManagers,
    cadence: { every: 'week', weekday: 1, at: '09:30' },
    dueAt: '12:00',
    deadline: null,
    escalation: 'cc_manager',
    taskKind: 'extinguisher_check',
  },
  fire_training: {
    id: 'fire_training',
    clauses: ['EQ-3'],
    title: { en: 'EQ-3: fire-safety training session', zh: 'EQ-3：消防安全培训' },
    owner: siteManagers,
    cadence: { every: 'month', day: 15, at: '10:00' },
    dueAt: '17:00',
    deadline: null,
    escalation: 'cc_manager',
    taskKind: 'fire_training',
  },
  // INF-8: important materials of the management posts backed up (weekly, Friday): what, and where.
  materials_backup: {
    id: 'materials_backup',
    clauses: ['INF-8'],
    title: { en: 'INF-8: backup of important materials', zh: 'INF-8：重要资料备份' },
    owner: { role: 'it', departmentId: null },
    cadence: { every: 'week', weekday: 5, at: '16:00' },
    dueAt: '18:00',
    deadline: null,
    escalation: 'cc_manager',
    taskKind: 'backup_record',
  },
  // INF-6: every machine-room computer's locks (USB, Internet, BIOS password) checked again each month by IT,
  // each check recorded on the computers page; one not in place is described.
  computer_locks: {
    id: 'computer_locks',
    clauses: ['INF-6'],
    title: { en: 'INF-6: re-check the machine-room computers (USB, Internet, BIOS password)', zh: 'INF-6：复查机房电脑（USB、外网、BIOS 密码）' },
    owner: { role: 'it', departmentId: null },
    cadence: { every: 'month', day: 1, at: '10:00' },
    dueAt: '17:00',
    deadline: null,
    escalation: 'cc_manager',
    taskKind: 'computer_locks_check',
  },
};

/** The clauses a duty kind may serve: a definition names some of them. */
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const isLocalTime = (v: unknown): v is LocalTime => typeof v === 'string' && LOCAL_TIME.test(v);
const minutes = (t: LocalTime) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/**
 * The problems of a definition, field by field (empty: valid). The server's rule, so the API's 400 and a
 * seeded definition agree; the schedule and the workflow may trust a stored definition.
 */
export function dutyDefinitionProblems(d: DutyDefinition): Record<string, string> {
  const p: Record<string, string> = {};
  if (!isDutyId(d.id)) p.id = 'must be 3-50 lower-case letters, digits or _, starting with a letter';
  if (!Array.isArray(d.clauses) || d.clauses.length === 0 || !d.clauses.every(isClauseId)) p.clauses = 'must name at least one clause of docs/policy.md, e.g. EQ-6';
  for (const lang of ['en', 'zh'] as const) {
    const t = d.title?.[lang];
    if (typeof t !== 'string' || !t.trim() || t.length > DUTY_TITLE_MAX) p[`title.${lang}`] = `must be 1-${DUTY_TITLE_MAX} characters`;
  }
  const o = d.owner as Partial<{ role: unknown; departmentId: unknown; userId: unknown }> | undefined;
  if (!o || typeof o !== 'object') p.owner = 'must be { role, departmentId } or { userId }';
  else if ('userId' in o) {
    if (typeof o.userId !== 'string' || !o.userId.trim() || o.userId.length > 100 || 'role' in o) p.owner = 'a named owner is { userId } alone';
  } else if (!isRole(o.role) || !(o.departmentId === null || (typeof o.departmentId === 'string' && o.departmentId.length > 0 && o.departmentId.length <= 100)))
    p.owner = 'must be { role, departmentId } (a role of docs/policy.md; departmentId null for company-wide) or { userId }';
  const c = d.cadence as Partial<{ every: unknown; at: unknown; weekday: unknown; day: unknown }> | undefined;
  if (!c || !['working_day', 'week', 'month'].includes(c.every as string)) p['cadence.every'] = 'must be working_day, week or month';
  else {
    if (!isLocalTime(c.at)) p['cadence.at'] = 'must be a local time HH:MM';
    if (c.every === 'week' && !(Number.isInteger(c.weekday) && (c.weekday as number) >= 1 && (c.weekday as number) <= 7)) p['cadence.weekday'] = 'must be 1 (Monday) to 7 (Sunday)';
    if (c.every === 'month' && !(Number.isInteger(c.day) && (c.day as number) >= 1 && (c.day as number) <= 28)) p['cadence.day'] = 'must be a day of the month from 1 to 28';
  }
  if (!isLocalTime(d.dueAt)) p.dueAt = 'must be a local time HH:MM';
  else if (isLocalTime(c?.at) && minutes(d.dueAt) <= minutes(c.at)) p.dueAt = 'must come after cadence.at the same day';
  if (d.deadline !== null && !isLocalTime(d.deadline)) p.deadline = 'must be a local time HH:MM, or null for the next working day start';
  else if (d.deadline !== null && isLocalTime(d.dueAt) && minutes(d.deadline) <= minutes(d.dueAt)) p.deadline = 'must come after dueAt the same day';
  if (!isRole(d.escalation)) p.escalation = 'must be a role of docs/policy.md';
  if (!isDutyTaskKind(d.taskKind)) p.taskKind = `must be one of ${DUTY_TASK_KINDS.join(', ')}`;
  const pa = d.perAgent;
  if (pa !== undefined && pa !== null && (typeof pa !== 'object' || !(pa.confirmBy === null || isRole(pa.confirmBy)))) p['perAgent.confirmBy'] = 'must be a role of docs/policy.md, or null';
  const u = d.unannounced;
  if (u !== undefined && u !== null) {
    if (typeof u !== 'object' || !isLocalTime(u.until)) p['unannounced.until'] = 'must be a local time HH:MM';
    else if (isLocalTime(c?.at) && minutes(u.until) <= minutes(c.at)) p['unannounced.until'] = 'must come after cadence.at (the window opens then)';
    else if (isLocalTime(d.dueAt) && minutes(d.dueAt) < minutes(u.until)) p['unannounced.until'] = 'must not come after dueAt';
  }
  return p;
}

/** One day's occurrence of a duty: the key that makes a retried or duplicated firing open one task. */
export const dutyOccurrenceId = (dutyId: string, date: string): string => `${dutyId}:${date}`;
export const dutySubject = (occurrenceId: string): string => `duty:${occurrenceId}`;
/** The event stream of one definition. */
export const dutyDefinitionSubject = (dutyId: string): string => `duty-definition:${dutyId}`;

/** The Temporal Schedule of one duty on one task queue (each deployment keeps its own). */
export const dutyScheduleId = (taskQueue: string, dutyId: string): string => `custodian-duty-${taskQueue}-${dutyId}`;
export const DUTY_SCHEDULE_PREFIX = (taskQueue: string): string => `custodian-duty-${taskQueue}-`;

export const DUTY_STATES = ['open', 'late', 'completed', 'missed'] as const;
export type DutyState = (typeof DUTY_STATES)[number];

/**
 * An occurrence started by hand (a test, an operator through a Custodian client). The schedule passes no
 * arguments: the payload codec binds every payload to its workflow id, which the schedule only knows at
 * each firing (it appends the time), so the run takes its duty from its workflow id instead.
 */
export interface DutyOccurrenceInput {
  dutyId: DutyId;
  /** The local date the occurrence is for; absent: the date the run starts on, in DEFAULT_TIME_ZONE. */
  date?: string;
}

/** The workflow id the schedule gives each run; Temporal appends `-<scheduled time>`. */
export const dutyRunWorkflowIdPrefix = (dutyId: string): string => `duty-${dutyId}`;
/** The duty of a scheduled run, from its workflow id (`duty-<dutyId>-<time>`); null for any other id. */
export const dutyOfWorkflowId = (workflowId: string): DutyId | null => {
  const m = /^duty-([a-z0-9_]+)-/.exec(workflowId);
  return m && isDutyId(m[1]) ? m[1] : null;
};

export const parseLocalTime = (t: LocalTime): { hour: number; minute: number } => {
  const [hour, minute] = t.split(':').map(Number) as [number, number];
  return { hour, minute };
};

/** What the occurrence workflow needs of a definition, as it stood when the day's occurrence began. */
export type DutySnapshot = Pick<DutyDefinition, 'id' | 'clauses' | 'title' | 'owner' | 'escalation' | 'taskKind' | 'unannounced' | 'perAgent'>;

/** One agent's part of a per-agent duty's occurrence (EQ-4, INF-11(4)). */
export interface DutyAssignmentInput {
  occurrenceId: string;
  dutyId: string;
  userId: string;
  title: LocalizedText;
  taskKind: DutyTaskKind;
  clauses: readonly ClauseId[];
  escalation: Role;
  confirmBy: Role | null;
  dueAt: string;
  deadlineAt: string;
}

/** How one agent's part ended: `late` covers an agent late, or a hand-in confirmed late (late for both). */
export interface DutyAssignmentOutcome {
  userId: string;
  state: 'completed' | 'missed';
  late: boolean;
  confirmedBy: string | null;
}
export const dutyAssignmentKey = (occurrenceId: string, userId: string): string => `${occurrenceId}:${userId}`;
/** The workflow of one agent's part: from the occurrence (one run holds it), so a replay under another id starts the same children. */
export const dutyAssignmentWorkflowId = (occurrenceId: string, userId: string): string => `duty-assignment:${dutyAssignmentKey(occurrenceId, userId)}`;

/** How one run of dutyOccurrenceWorkflow ended. `duplicate`: another run already holds the day's occurrence. */
export type DutyOutcome =
  | { result: 'not_working_day'; date: string }
  | { result: 'duplicate'; date: string; occurrenceId: string; heldBy: string }
  | { result: 'completed' | 'missed'; date: string; occurrenceId: string; late: boolean; taskId: string };
