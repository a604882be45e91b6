import { addDays, isCalendarDate, isWorkingDay, localDate, nextWorkingDay, startOfLocalDay, type DayRule } from '../../policy/calendar.js';
import type { EntityManager } from 'typeorm';
import type { ClauseId } from '../../policy/clauses.js';
import { DUTIES, dutyOccurrenceId, dutySubject, parseLocalTime, type DutyDefinition, type DutyId, type DutySnapshot } from '../../policy/duties.js';
import { invalid, notFound } from '../../policy/errors.js';
import { command } from '../command.js';
import { DutyEvent as E, type DutyAssignmentRecorded, type DutyCompleted, type DutyLate, type DutyMissed, type DutyOpened } from './events.js';

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
  // duty: absent in runs recorded before definitions were events (the workflow falls back to the built-in one).
  // windowEndAt: an unannounced duty's window closes then (EQ-2); the run draws its time before it.
  | { working: true; date: string; occurrenceId: string; duplicateOf: string | null; dueAt: string; deadlineAt: string; duty?: DutySnapshot; windowEndAt?: string | null };

/**
 * The duty's definition as it stands (duty_definitions). A duty never defined there is one of the
 * built-in ones before the API's first boot seeded them (a worker may start first); a deleted or unknown
 * one is refused, which ends the run (a DomainError is not retried).
 */
async function definitionOf(m: EntityManager, dutyId: string): Promise<DutyDefinition> {
  const [row]: { definition: DutyDefinition; deleted: boolean }[] = await m.query(`SELECT definition, deleted FROM duty_definitions WHERE duty_id = $1`, [dutyId]);
  const d = row ? (row.deleted ? undefined : row.definition) : DUTIES[dutyId];
  if (!d) throw notFound('duty', dutyId);
  return d;
}

const snapshot = (d: DutyDefinition): DutySnapshot => ({ id: d.id, clauses: d.clauses, title: d.title, owner: d.owner, escalation: d.escalation, taskKind: d.taskKind, unannounced: d.unannounced ?? null, perAgent: d.perAgent ?? null });

/**
 * Reads the working-day calendar and, on a working day, claims the day's occurrence (duty.opened).
 * Idempotent by occurrence: a second run for the same duty and date (a duplicated or overlapping
 * firing) is told which workflow already holds it and opens nothing. A day off records nothing.
 */
export const beginDuty = command(
  async (uow, input: BeginDutyInput): Promise<BeginDutyResult> => {
    const duty = await definitionOf(uow.manager, input.dutyId);
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
      return { working: true, date, occurrenceId, duplicateOf, dueAt: held.dueAt.toISOString(), deadlineAt: held.deadlineAt.toISOString(), duty: snapshot(duty) };
    }
    const dueAt = localInstant(date, input.timeZone, duty.dueAt).toISOString();
    // The deadline: a local time the same day, or else the next working day's start.
    const deadlineAt = (duty.deadline ? localInstant(date, input.timeZone, duty.deadline) : startOfLocalDay(nextWorkingDay(date, overrides), input.timeZone)).toISOString();
    await uow.emit<DutyOpened>({
      subject: dutySubject(occurrenceId),
      type: E.Opened,
      payload: { occurrenceId, dutyId: duty.id, date, workflowId: input.workflowId, dueAt, deadlineAt },
      clauses: duty.clauses,
    });
    const windowEndAt = duty.unannounced ? localInstant(date, input.timeZone, duty.unannounced.until).toISOString() : null;
    return { working: true, date, occurrenceId, duplicateOf: null, dueAt, deadlineAt, duty: snapshot(duty), windowEndAt };
  },
  { actor: () => DUTY_ACTOR, translateErrors: false },
);

/** The clauses of an occurrence's duty: its definition's (a deleted one keeps its row). */
async function clausesOf(m: EntityManager, occurrenceId: string): Promise<readonly ClauseId[]> {
  const dutyId = occurrenceId.split(':')[0]!;
  const [row]: { clauses: ClauseId[] }[] = await m.query(`SELECT definition->'clauses' AS clauses FROM duty_definitions WHERE duty_id = $1`, [dutyId]);
  return row?.clauses ?? DUTIES[dutyId]?.clauses ?? [];
}

/** Past its due time: recorded late (the task itself escalates in the same moment). */
export const recordDutyLate = command(
  async (uow, input: DutyLate): Promise<void> => {
    await uow.emit<DutyLate>({ subject: dutySubject(input.occurrenceId), type: E.Late, payload: input, clauses: await clausesOf(uow.manager, input.occurrenceId) });
  },
  { actor: () => DUTY_ACTOR, translateErrors: false },
);

/** The owner (or the escalation role) answered the checklist. */
export const recordDutyCompleted = command(
  async (uow, input: DutyCompleted): Promise<void> => {
    await uow.emit<DutyCompleted>({ subject: dutySubject(input.occurrenceId), type: E.Completed, payload: input, clauses: await clausesOf(uow.manager, input.occurrenceId) });
  },
  { actor: (i) => i.by, translateErrors: false },
);

/** Nobody answered by the deadline: missed. */
export const recordDutyMissed = command(
  async (uow, input: DutyMissed): Promise<void> => {
    await uow.emit<DutyMissed>({ subject: dutySubject(input.occurrenceId), type: E.Missed, payload: input, clauses: await clausesOf(uow.manager, input.occurrenceId) });
  },
  { actor: () => DUTY_ACTOR, translateErrors: false },
);

/** One agent's part of a per-agent duty (EQ-4, INF-11(4)); the actor is the agent. */
export const recordDutyAssignment = command(
  async (uow, input: DutyAssignmentRecorded): Promise<void> => {
    await uow.emit<DutyAssignmentRecorded>({ subject: dutySubject(input.occurrenceId), type: E.AssignmentRecorded, payload: input, clauses: await clausesOf(uow.manager, input.occurrenceId) });
  },
  { actor: (i) => i.userId, translateErrors: false },
);
