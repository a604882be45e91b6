import type { LocalizedText } from './text.js';

/**
 * The call center's working-day calendar: which dates are working days. The recurring duties
 * (docs/policy.md, "recurring duties") fall due on working days and at the end of the working day, so
 * they read it; the calendar itself enforces no clause.
 *
 * A date is a working day Monday to Friday, unless the call center marks it a holiday; Saturday and
 * Sunday are not, unless marked a make-up working day (调休: China's public holidays move weekend days
 * into working days around them, published per year, so the call center keeps them per year).
 *
 * Pure (workflows replay it): dates are `YYYY-MM-DD` strings of the call center's local calendar, and
 * the one function that turns an instant into such a date takes the time zone as an argument.
 */

export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
/** `holiday`: a day off (a public holiday); `workday`: a make-up working day on a weekend (调休). */
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** One date the call center marks differently from the plain Monday-to-Friday week. */
export interface DayOverride {
  date: string;
  kind: CalendarDayKind;
  name: LocalizedText;
}

/** What the rules need of an override (the name is for people). */
export type DayRule = Pick<DayOverride, 'date' | 'kind'>;

/** The years the calendar keeps: wide enough for any duty, narrow enough that a typo is refused. */
export const CALENDAR_YEARS = { min: 2000, max: 2100 } as const;
/** Longest holiday or make-up day name, in either language. */
export const CALENDAR_NAME_MAX = 100;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Milliseconds since the epoch of the date's UTC midnight; NaN for anything but a real `YYYY-MM-DD` date. */
function dayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) return Number.NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  // Date.UTC rolls 2026-02-30 over to March 2: a real date survives the round trip unchanged.
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t : Number.NaN;
}

const fromDayNumber = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-29 is not one). */
export const isCalendarDate = (date: string): boolean => !Number.isNaN(dayNumber(date));

function mustDay(date: string): number {
  const t = dayNumber(date);
  if (Number.isNaN(t)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return t;
}

/** The date `n` days after (or, negative, before) `date`. */
export const addDays = (date: string, n: number): string => fromDayNumber(mustDay(date) + n * DAY_MS);

/** 0 = Sunday … 6 = Saturday. */
export const dayOfWeek = (date: string): number => new Date(mustDay(date)).getUTCDay();

export const isWeekend = (date: string): boolean => {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
};

/** The overrides by date, for repeated questions (a list is turned into one once). */
export type DayRules = ReadonlyMap<string, CalendarDayKind>;
export const dayRules = (overrides: Iterable<DayRule>): DayRules => new Map([...overrides].map((o) => [o.date, o.kind]));
const asRules = (overrides: Iterable<DayRule> | DayRules): DayRules => (overrides instanceof Map ? overrides : dayRules(overrides as Iterable<DayRule>));

/** Monday to Friday unless marked a holiday; Saturday and Sunday only when marked a make-up working day. */
export function isWorkingDay(date: string, overrides: Iterable<DayRule> | DayRules): boolean {
  const kind = asRules(overrides).get(date);
  if (kind === 'holiday') return false;
  if (kind === 'workday') return true;
  return !isWeekend(date);
}

/** Any run of days off longer than this is a calendar mistake, not a holiday (China's longest is 8-9 days). */
const LONGEST_BREAK = 366;

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: string, overrides: Iterable<DayRule> | DayRules): string {
  const rules = asRules(overrides);
  let d = date;
  for (let i = 0; i < LONGEST_BREAK; i++) {
    d = addDays(d, 1);
    if (isWorkingDay(d, rules)) return d;
  }
  throw new RangeError(`no working day within ${LONGEST_BREAK} days after ${date}: the calendar marks every day a holiday`);
}

/** The working days from `from` to `to`, both included, in order. */
export function workingDaysBetween(from: string, to: string, overrides: Iterable<DayRule> | DayRules): string[] {
  const rules = asRules(overrides);
  const out: string[] = [];
  for (let t = mustDay(from), end = mustDay(to); t <= end; t += DAY_MS) {
    const d = fromDayNumber(t);
    if (isWorkingDay(d, rules)) out.push(d);
  }
  return out;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for a zone the runtime does not know.
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of `instant` in `timeZone`, as if that wall clock were UTC (milliseconds). */
function wallClock(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

/** True when the runtime knows the IANA time zone (e.g. Asia/Shanghai). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local date (`YYYY-MM-DD`) of an instant in a time zone: which day "today" is for the call center. */
export const localDate = (instant: Date, timeZone: string): string => fromDayNumber(wallClock(instant, timeZone));

/**
 * The instant a local date begins in a time zone (its local midnight). The zone's offset is read at
 * the guess and again at the answer, so a date whose offset changes that night (daylight saving) still
 * lands on the right instant.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const midnight = mustDay(date);
  let t = midnight - (wallClock(new Date(midnight), timeZone) - midnight);
  t = midnight - (wallClock(new Date(t), timeZone) - t);
  return new Date(t);
}

/** The instant a local date ends (the next date's local midnight): "by the end of the day" in that zone. */
export const endOfLocalDay = (date: string, timeZone: string): Date => startOfLocalDay(addDays(date, 1), timeZone);
