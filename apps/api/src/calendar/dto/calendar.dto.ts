import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CALENDAR_DAY_KINDS, CALENDAR_NAME_MAX, type CalendarDayKind } from '../../../../../libs/policy/calendar.js';
import { IsText } from '../../common/validation.js';

const NOT_BLANK = /\S/;

/** A holiday's or make-up day's name, in both languages (every text a person sees). */
export class CalendarNameDto {
  @ApiProperty({ maxLength: CALENDAR_NAME_MAX, example: 'National Day' })
  @IsString()
  @IsText()
  @Matches(NOT_BLANK, { message: 'name.en must not be blank' })
  @MaxLength(CALENDAR_NAME_MAX)
  en!: string;

  @ApiProperty({ maxLength: CALENDAR_NAME_MAX, example: '国庆节' })
  @IsString()
  @IsText()
  @Matches(NOT_BLANK, { message: 'name.zh must not be blank' })
  @MaxLength(CALENDAR_NAME_MAX)
  zh!: string;
}

export class SetCalendarDayDto {
  @ApiProperty({ enum: CALENDAR_DAY_KINDS, description: '`holiday`: a day off; `workday`: a make-up working day on a weekend (调休).' })
  @IsIn(CALENDAR_DAY_KINDS, { message: `kind must be one of: ${CALENDAR_DAY_KINDS.join(', ')}` })
  kind!: CalendarDayKind;

  @ApiProperty({ type: CalendarNameDto })
  @IsDefined()
  @IsObject({ message: 'name must be an object { en, zh }' })
  @ValidateNested()
  @Type(() => CalendarNameDto)
  name!: CalendarNameDto;
}

export class CalendarDayDto {
  @ApiProperty({ format: 'date', example: '2026-10-01' }) date!: string;
  @ApiProperty({ enum: CALENDAR_DAY_KINDS }) kind!: CalendarDayKind;
  @ApiProperty({ type: CalendarNameDto }) name!: CalendarNameDto;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CalendarYearDto {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ example: 'Asia/Shanghai', description: 'The call center time zone (DEFAULT_TIME_ZONE): it decides which date "today" and "end of day" are.' }) timeZone!: string;
  @ApiProperty({ type: CalendarDayDto, isArray: true, description: 'The dates marked differently from the Monday-to-Friday week, in date order.' }) days!: CalendarDayDto[];
  @ApiProperty({ description: 'How many working days the year has with these marks.' }) workingDayCount!: number;
}

export class CalendarChangeDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ description: 'False when the date already was so (nothing was recorded).' }) changed!: boolean;
}
