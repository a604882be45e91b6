import { BadRequestException, ParseUUIDPipe, type PipeTransform } from '@nestjs/common';
import { Matches, ValidateBy, ValidateIf, type ValidationError } from 'class-validator';

/**
 * For optional body fields that must not be null: absent is fine, but an explicit null is validated
 * (and refused) instead of slipping through @IsOptional() to the database.
 */
export const IsOptionalNotNull = () => ValidateIf((_o, v) => v !== undefined);

/** A path parameter that must be a UUID; the 400 names the parameter. */
export const uuidParam = (name: string) => new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException([`${name} must be a UUID`]) });

/** A path parameter that must match a pattern; the 400 names the parameter and the expected shape. */
export function patternParam(name: string, pattern: RegExp, example: string): PipeTransform<string, string> {
  return {
    transform(value: string) {
      if (!pattern.test(value)) throw new BadRequestException([`${name} must look like ${example}`]);
      return value;
    },
  };
}

/**
 * A string PostgreSQL can store as text and jsonb: no NUL character and no unpaired surrogate (both
 * would otherwise fail in the database as a 500).
 */
export const IsText = () =>
  ValidateBy({
    name: 'isText',
    validator: {
      validate: (v: unknown) => typeof v === 'string' && !v.includes('\u0000') && (v as string & { isWellFormed(): boolean }).isWellFormed(),
      defaultMessage: (a) => `${a?.property} must be text without NUL characters or broken Unicode`,
    },
  });

/**
 * Turns class-validator's errors into one message per problem a caller can act on: a missing field is
 * "x is required" (instead of every constraint it would also fail), a present one lists what is wrong,
 * and nested fields carry their path (`items.0.label`).
 */
export function validationMessages(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix + e.property;
    if (e.children?.length) return validationMessages(e.children, `${path}.`);
    const constraints = Object.values(e.constraints ?? {});
    if (e.value === undefined && !('whitelistValidation' in (e.constraints ?? {}))) return [`${path} is required`];
    return constraints.map((m) => (prefix && m.startsWith(`${e.property} `) ? prefix + m : m));
  });
}

export const validationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  exceptionFactory: (errors: ValidationError[]) => new BadRequestException(validationMessages(errors)),
};

/** A username's shape (2–64 characters: letters, digits, dot, hyphen, underscore), wherever one is given. */
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;
export const IsUsername = () => Matches(USERNAME_PATTERN, { message: 'username must be 2-64 characters: letters, digits, dot, hyphen, underscore' });
