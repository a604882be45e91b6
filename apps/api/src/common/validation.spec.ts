import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsString, Length, Max, Min, ValidateNested, validateSync } from 'class-validator';
import { validationMessages } from './validation.js';

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
