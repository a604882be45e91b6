import { BadRequestException, Body, Controller, Delete, Get, Param, Put, type PipeTransform } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CALENDAR_YEARS, isCalendarDate } from '../../../../libs/policy/calendar.js';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { Allow, Authenticated, CurrentUser } from '../common/auth.decorators.js';
import { CalendarService } from './calendar.service.js';
import { CalendarChangeDto, CalendarYearDto, SetCalendarDayDto } from './dto/calendar.dto.js';

const inYears = (y: number) => y >= CALENDAR_YEARS.min && y <= CALENDAR_YEARS.max;

/** A year in the range the calendar keeps; the 400 says which. */
const yearPipe: PipeTransform<string, number> = {
  transform(value: string) {
    if (!/^\d{4}$/.test(value) || !inYears(Number(value))) throw new BadRequestException([`year must be a year from ${CALENDAR_YEARS.min} to ${CALENDAR_YEARS.max}, e.g. 2026`]);
    return Number(value);
  },
};

/** A real calendar date (not 2026-02-30) in that range; the 400 says what to write. */
const datePipe: PipeTransform<string, string> = {
  transform(value: string) {
    if (!isCalendarDate(value)) throw new BadRequestException([`date must be a real calendar date written YYYY-MM-DD, e.g. 2026-10-01`]);
    if (!inYears(Number(value.slice(0, 4)))) throw new BadRequestException([`date must lie in the years ${CALENDAR_YEARS.min}-${CALENDAR_YEARS.max}`]);
    return value;
  },
};

const yearParam = ApiParam({ name: 'year', example: 2026, schema: { type: 'integer', minimum: CALENDAR_YEARS.min, maximum: CALENDAR_YEARS.max } });
const dateParam = ApiParam({ name: 'date', example: '2026-10-01', schema: { type: 'string', format: 'date' } });

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Authenticated()
  @Get(':year')
  @yearParam
  @ApiOperation({ summary: "A year of the call center's working-day calendar: its holidays and make-up working days (调休), and the time zone that decides the end of a day." })
  @ApiOkResponse({ type: CalendarYearDto })
  year(@Param('year', yearPipe) year: number): Promise<CalendarYearDto> {
    return this.calendar.year(year);
  }

  @Allow('calendar.manage')
  @Put('days/:date')
  @dateParam
  @ApiOperation({ summary: 'Mark a date a holiday or a make-up working day (cc_manager). Setting what is already there records nothing (changed: false).' })
  @ApiOkResponse({ type: CalendarChangeDto })
  setDay(@CurrentUser() user: AuthUser, @Param('date', datePipe) date: string, @Body() dto: SetCalendarDayDto): Promise<CalendarChangeDto> {
    return this.calendar.setDay(user, date, dto);
  }

  @Allow('calendar.manage')
  @Delete('days/:date')
  @dateParam
  @ApiOperation({ summary: 'Return a date to the plain week (Monday to Friday work) (cc_manager). Clearing an unmarked date records nothing.' })
  @ApiOkResponse({ type: CalendarChangeDto })
  clearDay(@CurrentUser() user: AuthUser, @Param('date', datePipe) date: string): Promise<CalendarChangeDto> {
    return this.calendar.clearDay(user, date);
  }
}
