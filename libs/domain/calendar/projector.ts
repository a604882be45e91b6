import type { Projector } from '../events/projector.js';
import type { ProjectedEvent } from '../events/types.js';
import { CalendarEvent as E, type CalendarDayCleared, type CalendarDaySet } from './events.js';

/** The calendar's marked dates (calendar_days); an unmarked date has no row. */
export const calendarProjector: Projector = {
  name: 'calendar',
  tables: ['calendar_days'],
  handlers: {
    [E.DaySet]: async (m, e: ProjectedEvent<CalendarDaySet>) => {
      const p = e.payload;
      await m.query(
        `INSERT INTO calendar_days (day, kind, name_en, name_zh, updated_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name_en = EXCLUDED.name_en, name_zh = EXCLUDED.name_zh, updated_at = EXCLUDED.updated_at`,
        [p.date, p.kind, p.name.en, p.name.zh, new Date(e.occurredAt)],
      );
    },
    [E.DayCleared]: async (m, e: ProjectedEvent<CalendarDayCleared>) => {
      await m.query(`DELETE FROM calendar_days WHERE day = $1`, [e.payload.date]);
    },
  },
};
