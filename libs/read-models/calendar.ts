import type { Db } from '../db/sql.js';
import { isCalendarDate, workingDaysBetween, type DayOverride } from '../policy/calendar.js';
import { invalid } from '../policy/errors.js';

/** A marked date as stored, with when it was last changed. */
export interface CalendarDayView extends DayOverride {
  updatedAt: Date;
}

interface Row {
  date: string;
  kind: DayOverride['kind'];
  en: string;
  zh: string;
  updatedAt: Date;
}

const SELECT = `SELECT day::text AS date, kind, name_en AS en, name_zh AS zh, updated_at AS "updatedAt" FROM calendar_days`;
const toView = (r: Row): CalendarDayView => ({ date: r.date, kind: r.kind, name: { en: r.en, zh: r.zh }, updatedAt: r.updatedAt });

/** The marked dates from `from` to `to`, both included, in date order. */
export async function calendarOverrides(db: Db, from: string, to: string): Promise<CalendarDayView[]> {
  if (!isCalendarDate(from) || !isCalendarDate(to)) throw invalid('from and to must be calendar dates written YYYY-MM-DD');
  const rows: Row[] = await db.query(`${SELECT} WHERE day BETWEEN $1 AND $2 ORDER BY day`, [from, to]);
  return rows.map(toView);
}

/** One year's holidays and make-up working days (调休), in date order. */
export const calendarYear = (db: Db, year: number): Promise<CalendarDayView[]> => {
  const y = String(year).padStart(4, '0');
  return calendarOverrides(db, `${y}-01-01`, `${y}-12-31`);
};

/** The call center's working days from `from` to `to`, both included, in order. */
export async function workingDays(db: Db, from: string, to: string): Promise<string[]> {
  return workingDaysBetween(from, to, await calendarOverrides(db, from, to));
}
