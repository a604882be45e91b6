import type { CalendarDayKind } from '../../policy/calendar.js';
import type { LocalizedText } from '../../policy/text.js';

/** Every change to the working-day calendar is an event on the stream `calendar-day:<YYYY-MM-DD>`. */
export const CalendarEvent = {
  DaySet: 'calendar.day_set',
  DayCleared: 'calendar.day_cleared',
} as const;

/** The date is marked a holiday or a make-up working day (调休), replacing what it was. */
export interface CalendarDaySet {
  date: string;
  kind: CalendarDayKind;
  name: LocalizedText;
}

/** The date is back to the plain week's rule (Monday to Friday work, weekend off). */
export interface CalendarDayCleared {
  date: string;
}

export const calendarDaySubject = (date: string) => `calendar-day:${date}`;
