import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/config.js';
import { clearDay, setDay } from '../../../../libs/domain/calendar/commands.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { calendarYear, workingDays } from '../../../../libs/read-models/calendar.js';
import { asActor } from '../common/actor.js';
import { CONFIG, EVENT_STORE } from '../core/tokens.js';
import type { CalendarChangeDto, CalendarYearDto, SetCalendarDayDto } from './dto/calendar.dto.js';

/**
 * The call center's working-day calendar. Everyone signed in reads it (it says when duties fall due);
 * the route rules let only the call center manager change it.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly ds: DataSource,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async year(year: number): Promise<CalendarYearDto> {
    const days = await calendarYear(this.ds, year);
    const count = (await workingDays(this.ds, `${year}-01-01`, `${year}-12-31`)).length;
    return {
      year,
      timeZone: this.config.DEFAULT_TIME_ZONE,
      days: days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, updatedAt: d.updatedAt.toISOString() })),
      workingDayCount: count,
    };
  }

  setDay(user: AuthUser, date: string, dto: SetCalendarDayDto): Promise<CalendarChangeDto> {
    return setDay(this.events, asActor(user), { date, kind: dto.kind, name: { en: dto.name.en, zh: dto.name.zh } });
  }

  clearDay(user: AuthUser, date: string): Promise<CalendarChangeDto> {
    return clearDay(this.events, asActor(user), { date });
  }
}
