import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsString, Length, Max, Min, ValidateNested, validateSync } from 'class-validator';
import { IsInstant, validationMessages } from './validation.js';

class Item {
  @IsString() @Length(1, 20) label!: string;
}
class Body {
  @IsString() @Length(1, 500) reason!: string;
  @IsInt() @Min(60) @Max(600) minutes!: number;
  @ValidateNested({ each: true }) @Type(() => Item) items!: Item[];
}

const messages = (plain: object) =>
  validationMessages(validateSync(plainToInstance(Body, plain), { whitelist: true, forbidNonWhitelisted: true }));

describe('validation messages (bad input gets a 400 that says what to fix)', () => {
  it('names a missing field once, as required, instead of every constraint it fails', () => {
    expect(messages({ minutes: 60, items: [] })).toEqual(['reason is required']);
  });

  it('says what is wrong with a present value', () => {
    expect(messages({ reason: 'ok', minutes: 5, items: [] })).toEqual(['minutes must not be less than 60']);
  });

  it('gives nested fields their path', () => {
    expect(messages({ reason: 'ok', minutes: 60, items: [{ label: '' }] })).toEqual(['items.0.label must be longer than or equal to 1 characters']);
    expect(messages({ reason: 'ok', minutes: 60, items: [{}] })).toEqual(['items.0.label is required']);
  });

  it('refuses an unknown field by name', () => {
    expect(messages({ reason: 'ok', minutes: 60, items: [], extra: 1 })).toEqual(['property extra should not exist']);
  });
});

class Window {
  @IsInstant() from!: string;
}

describe('IsInstant (times a query compares with stored ones)', () => {
  const check = (from: unknown) => validationMessages(validateSync(plainToInstance(Window, { from })));
  it('takes RFC 3339 date-times with any offset it allows, and dates', () => {
    for (const ok of ['2026-11-29T08:00:00Z', '2000-01-12T20:33:05+19:25', '2000-01-12T20:33:05.123-23:59', '2026-11-29', '1000-01-01T00:00:00Z']) expect([ok, check(ok)]).toEqual([ok, []]);
  });
  it('refuses what is not one, or falls outside years 1-9999 once in UTC, saying what it expects', () => {
    for (const bad of ['yesterday', '2026-11-29 08:00:00Z', '2026-02-30T00:00:00Z', '2000-01-12T20:33:05+24:00', '9999-12-31T23:59:59-23:59', '0001-01-01T00:00:00+01:00', 42]) {
      expect([bad, check(bad)]).toEqual([bad, ['from must be a valid ISO 8601 date-time such as 2026-11-29T08:00:00Z (years 1-9999)']]);
    }
  });
});
