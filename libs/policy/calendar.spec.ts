import {
  addDays,
  dayOfWeek,
  dayRules,
  endOfLocalDay,
  isCalendarDate,
  isTimeZone,
  isWorkingDay,
  localDate,
  nextWorkingDay,
  startOfLocalDay,
  workingDaysBetween,
  type DayOverride,
} from './calendar.js';
import { text } from './text.js';

/*
 * A constructed example shaped like China's National Day "golden week" with 调休 (make-up working days).
 * The dates are illustrative, chosen for their weekdays; they are NOT the officially published 2026
 * schedule, which the call center enters itself each year.
 *   Sun 2026-09-27  make-up working day
 *   Thu 2026-10-01 … Thu 2026-10-08  days off (the weekdays among them marked holidays)
 *   Sat 2026-10-10  make-up working day
 */
const goldenWeek: DayOverride[] = [
  { date: '2026-09-27', kind: 'workday', name: text('Make-up working day', '调休上班') },
  ...['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08'].map((date): DayOverride => ({ date, kind: 'holiday', name: text('Example holiday', '示例假日') })),
  { date: '2026-10-10', kind: 'workday', name: text('Make-up working day', '调休上班') },
];

describe('working-day calendar (pure)', () => {
  it('knows real calendar dates and refuses impossible or malformed ones', () => {
    expect(isCalendarDate('2026-10-01')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-04-31', '2026-1-5', '2026-10-01T00:00:00Z', '', 'x']) expect(isCalendarDate(bad)).toBe(false);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('counts days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(dayOfWeek('2026-10-01')).toBe(4); // a Thursday
  });

  it('without overrides, Monday to Friday are working days and the weekend is not', () => {
    expect(workingDaysBetween('2026-11-28', '2026-12-06', [])).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    expect(isWorkingDay('2026-12-05', [])).toBe(false);
  });

  it('a holiday override takes a weekday off; a make-up day (调休) makes a weekend day a working day', () => {
    expect(isWorkingDay('2026-10-01', goldenWeek)).toBe(false); // Thursday, holiday
    expect(isWorkingDay('2026-09-27', goldenWeek)).toBe(true); // Sunday, make-up day
    expect(isWorkingDay('2026-10-10', goldenWeek)).toBe(true); // Saturday, make-up day
    expect(isWorkingDay('2026-10-11', goldenWeek)).toBe(false); // Sunday, unmarked
    expect(isWorkingDay('2026-10-09', goldenWeek)).toBe(true); // Friday, unmarked
  });

  it('the week around the example golden week: working days and the next working day skip the break', () => {
    expect(workingDaysBetween('2026-09-26', '2026-10-12', goldenWeek)).toEqual(['2026-09-27', '2026-09-28', '2026-09-29', '2026-09-30', '2026-10-09', '2026-10-10', '2026-10-12']);
    expect(nextWorkingDay('2026-09-30', goldenWeek)).toBe('2026-10-09');
    expect(nextWorkingDay('2026-10-09', goldenWeek)).toBe('2026-10-10');
    expect(nextWorkingDay('2026-10-10', goldenWeek)).toBe('2026-10-12');
    expect(nextWorkingDay('2026-09-26', dayRules(goldenWeek))).toBe('2026-09-27');
  });

  it('a calendar with no working day at all is reported, not looped over', () => {
    const allOff = Array.from({ length: 400 }, (_, i) => ({ date: addDays('2026-01-01', i), kind: 'holiday' as const }));
    expect(() => nextWorkingDay('2026-01-01', allOff)).toThrow(/no working day/);
  });

  it('the call center time zone decides the local date of an instant', () => {
    // 16:30 UTC on 31 December is already 1 January in Shanghai (UTC+8), still 31 December in UTC.
    const instant = new Date('2026-12-31T16:30:00Z');
    expect(localDate(instant, 'Asia/Shanghai')).toBe('2027-01-01');
    expect(localDate(instant, 'UTC')).toBe('2026-12-31');
    expect(localDate(new Date('2026-12-31T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2026-12-31');
  });

  it('end of day is the next local midnight in the zone, across daylight saving changes too', () => {
    expect(startOfLocalDay('2026-10-09', 'Asia/Shanghai').toISOString()).toBe('2026-10-08T16:00:00.000Z');
    expect(endOfLocalDay('2026-10-09', 'Asia/Shanghai').toISOString()).toBe('2026-10-09T16:00:00.000Z');
    // New York leaves daylight saving on 1 November 2026: that day lasts 25 hours.
    expect(startOfLocalDay('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(endOfLocalDay('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z');
    // …and enters it on 8 March 2026: that day lasts 23 hours.
    expect(endOfLocalDay('2026-03-08', 'America/New_York').getTime() - startOfLocalDay('2026-03-08', 'America/New_York').getTime()).toBe(23 * 3600_000);
  });

  it('knows a real time zone from a made-up one', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
