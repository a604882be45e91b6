import type { Type as Class } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { COUNT_LIMIT, MAX_PAGE, MAX_PAGE_SIZE } from '../../../../libs/read-models/paging.js';

/** ?page=&pageSize= on every list. Query strings are converted explicitly (implicit conversion is off). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

export class PageMetaDto {
  @ApiProperty({ description: 'How many items the list holds (a floor when totalCapped is true).' }) total!: number;
  @ApiPropertyOptional({
    enum: [true],
    description: `Present (true) when counting stopped at total: the list holds more (the task inbox counts at most ${COUNT_LIMIT} rows past the start of the page).`,
  })
  totalCapped?: true;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

/** A page of one kind of item: the paging fields and the items (the schema is named after the subclass, e.g. TaskPageDto). */
export function PageOf<T>(item: Class<T>) {
  class Page extends PageMetaDto {
    @ApiProperty({ type: item, isArray: true }) items!: T[];
  }
  return Page;
}
