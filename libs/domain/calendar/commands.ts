import type { EntityManager } from 'typeorm';
import { CALENDAR_DAY_KINDS, CALENDAR_NAME_MAX, CALENDAR_YEARS, isCalendarDate, type CalendarDayKind } from '../../policy/calendar.js';
import { invalid } from '../../policy/errors.js';
import type { LocalizedText } from '../../policy/text.js';
import { command } from '../command.js';
import { calendarDaySubject, CalendarEvent as E, type CalendarDayCleared, type CalendarDaySet } from './events.js';

/*
 * The call center keeps its working-day calendar (libs/policy/calendar.ts) by marking dates. Both
 * commands are idempotent: setting a date to what it already is, or clearing an unmarked date, emits
 * nothing, so a retry or a second click leaves one event in the log. The calendar itself serves the
 * recurring duties that read it and enforces no clause, so its events name none.
 */

function checkDate(date: string): void {
  if (!isCalendarDate(date)) throw invalid(`date must be a real calendar date written YYYY-MM-DD, e.g. 2026-10-01; got ${JSON.stringify(date)}`, { fields: { date: ['format'] } });
  const year = Number(date.slice(0, 4));
  if (year < CALENDAR_YEARS.min || year > CALENDAR_YEARS.max) throw invalid(`date must lie in the years ${CALENDAR_YEARS.min}-${CALENDAR_YEARS.max}`, { fields: { date: ['range'] } });
}

/**
 * Serializes the commands on one date, marked or not (a row lock cannot hold a row that does not exist
 * yet): two people setting the same new date at once produce one event, not two.
 */
async function lockDate(m: EntityManager, date: string): Promise<{ kind: CalendarDayKind; name: LocalizedText } | null> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [calendarDaySubject(date)]);
  const [row]: { kind: CalendarDayKind; en: string; zh: string }[] = await m.query(`SELECT kind, name_en AS en, name_zh AS zh FROM calendar_days WHERE day = $1`, [date]);
  return row ? { kind: row.kind, name: { en: row.en, zh: row.zh } } : null;
}

export interface SetDayInput {
  date: string;
  kind: CalendarDayKind;
  name: LocalizedText;
}

/** Marks a date a holiday or a make-up working day (调休), or changes its mark or name. */
export const setDay = command(async (uow, input: SetDayInput): Promise<{ date: string; changed: boolean }> => {
  checkDate(input.date);
  if (!CALENDAR_DAY_KINDS.includes(input.kind)) throw invalid(`kind must be one of ${CALENDAR_DAY_KINDS.join(', ')}`, { fields: { kind: ['unknown'] } });
  const name = { en: input.name?.en?.trim() ?? '', zh: input.name?.zh?.trim() ?? '' };
  for (const lang of ['en', 'zh'] as const) {
    if (!name[lang] || name[lang].length > CALENDAR_NAME_MAX) throw invalid(`name.${lang} must be 1-${CALENDAR_NAME_MAX} characters`, { fields: { [`name.${lang}`]: ['length'] } });
  }
  const now = await lockDate(uow.manager, input.date);
  if (now && now.kind === input.kind && now.name.en === name.en && now.name.zh === name.zh) return { date: input.date, changed: false };
  await uow.emit<CalendarDaySet>({ subject: calendarDaySubject(input.date), type: E.DaySet, payload: { date: input.date, kind: input.kind, name }, clauses: [] });
  return { date: input.date, changed: true };
});

/** Returns a date to the plain week's rule. */
export const clearDay = command(async (uow, input: { date: string }): Promise<{ date: string; changed: boolean }> => {
  checkDate(input.date);
  if (!(await lockDate(uow.manager, input.date))) return { date: input.date, changed: false };
  await uow.emit<CalendarDayCleared>({ subject: calendarDaySubject(input.date), type: E.DayCleared, payload: { date: input.date }, clauses: [] });
  return { date: input.date, changed: true };
});
