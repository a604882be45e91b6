import { addDays, isCalendarDate, isWorkingDay, localDate, nextWorkingDay, startOfLocalDay, type DayRule } from '../../policy/calendar.js';
import { DUTIES, dutyOccurrenceId, dutySubject, parseLocalTime, type DutyId } from '../../policy/duties.js';
import { invalid } from '../../policy/errors.js';
import { command } from '../command.js';
import { DutyEvent as E, type DutyCompleted, type DutyLate, type DutyMissed, type DutyOpened } from './events.js';

/*
 * EQ-6 and the other recurring duties: the occurrence workflow's side effects. Every event names the
 * duty's clauses (its definition, libs/policy/duties.ts). The actor is the duty's system actor.
 */

const DUTY_ACTOR = 'system:duty';
const MINUTE = 60_000;
/** Far enough ahead to find the next working day after the longest holiday (Spring Festival with 调休). */
const LOOKAHEAD_DAYS = 31;

/** The instant of a local `HH:MM` on a local date (offset of that day's start; the call center's zone has no DST). */
const localInstant = (date: string, timeZone: string, at: `${number}:${number}`): Date => {
  const { hour, minute } = parseLocalTime(at);
  return new Date(startOfLocalDay(date, timeZone).getTime() + (hour * 60 + minute) * MINUTE);
};

export interface BeginDutyInput {
  dutyId: DutyId;
  timeZone: string;
  /** The local date of the occurrence; absent: the local date of `at`. */
  date?: string;
  /** When the run started (the workflow clock), ISO. */
  at: string;
  workflowId: string;
}

export type BeginDutyResult =
  | { working: false; date: string }
  | { working: true; date: string; occurrenceId: string; duplicateOf: string | null; dueAt: string; deadlineAt: string };

/**
 * Reads the working-day calendar and, on a working day, claims the day's occurrence (duty.opened).
 * Idempotent by occurrence: a second run for the same duty and date (a duplicated or overlapping
 * firing) is told which workflow already holds it and opens nothing. A day off records nothing.
 */
export const beginDuty = command(
  async (uow, input: BeginDutyInput): Promise<BeginDutyResult> => {
    const duty = DUTIES[input.dutyId];
    if (!duty) throw invalid(`unknown duty ${JSON.stringify(input.dutyId)}`);
    const date = input.date ?? localDate(new Date(input.at), input.timeZone);
    if (!isCalendarDate(date)) throw invalid(`date must be YYYY-MM-DD; got ${JSON.stringify(date)}`);
    const overrides: DayRule[] = await uow.manager.query(`SELECT day::text AS date, kind FROM calendar_days WHERE day BETWEEN $1 AND $2`, [date, addDays(date, LOOKAHEAD_DAYS)]);
    if (!isWorkingDay(date, overrides)) return { working: false, date };
    const occurrenceId = dutyOccurrenceId(duty.id, date);
    await uow.manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [dutySubject(occurrenceId)]);
    const [held]: { workflowId: string; dueAt: Date; deadlineAt: Date }[] = await uow.manager.query(
      `SELECT workflow_id AS "workflowId", due_at AS "dueAt", deadline_at AS "deadlineAt" FROM duty_occurrences WHERE occurrence_id = $1`,
      [occurrenceId],
    );
    if (held) {
      const duplicateOf = held.workflowId === input.workflowId ? null : held.workflowId;
      return { working: true, date, occurrenceId, duplicateOf, dueAt: held.dueAt.toISOString(), deadlineAt: held.deadlineAt.toISOString() };
    }
    const dueAt = localInstant(date, input.timeZone, duty.dueAt).toISOString();
    const deadlineAt = startOfLocalDay(nextWorkingDay(date, overrides), input.timeZone).toISOString();
    await uow.emit<DutyOpened>({
      subject: dutySubject(occurrenceId),
      type: E.Opened,
      payload: { occurrenceId, dutyId: duty.id, date, workflowId: input.workflowId, dueAt, deadlineAt },
      clauses: duty.clauses,
    });
    return { working: true, date, occurrenceId, duplicateOf: null, dueAt, deadlineAt };
  },
  { actor: () => DUTY_ACTOR, translateErrors: false },
);

const clausesOf = (occurrenceId: string) => DUTIES[occurrenceId.split(':')[0] as DutyId]?.clauses ?? [];

/** Past its due time: recorded late (the task itself escalates in the same moment). */
export const recordDutyLate = command(
  async (uow, input: DutyLate): Promise<void> => {
    await uow.emit<DutyLate>({ subject: dutySubject(input.occurrenceId), type: E.Late, payload: input, clauses: clausesOf(input.occurrenceId) });
  },
  { actor: () => DUTY_ACTOR, translateErrors: false },
);

/** The owner (or the escalation role) answered the checklist. */
export const recordDutyCompleted = command(
  async (uow, input: DutyCompleted): Promise<void> => {
    await uow.emit<DutyCompleted>({ subject: dutySubject(input.occurrenceId), type: E.Completed, payload: input, clauses: clausesOf(input.occurrenceId) });
  },
  { actor: (i) => i.by, translateErrors: false },
);

/** Nobody answered by the deadline: missed. */
export const recordDutyMissed = command(
  async (uow, input: DutyMissed): Promise<void> => {
    await uow.emit<DutyMissed>({ subject: dutySubject(input.occurrenceId), type: E.Missed, payload: input, clauses: clausesOf(input.occurrenceId) });
  },
  { actor: () => DUTY_ACTOR, translateErrors: false },
);
