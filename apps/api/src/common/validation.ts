import { BadRequestException, ParseUUIDPipe, type PipeTransform } from '@nestjs/common';
import { isEmail, isISO8601, Matches, ValidateBy, ValidateIf, type ValidationError } from 'class-validator';

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
const isStorableText = (v: unknown): v is string => typeof v === 'string' && !v.includes('\u0000') && (v as string & { isWellFormed(): boolean }).isWellFormed();

export const IsText = () =>
  ValidateBy({
    name: 'isText',
    validator: {
      validate: isStorableText,
      defaultMessage: (a) => `${a?.property} must be text without NUL characters or broken Unicode`,
    },
  });

/**
 * A mail address (no display name, a top-level domain). Broken Unicode is refused first: the validator
 * library's own check throws on an unpaired surrogate (`npm run test:fuzz` met it as a 500).
 */
export const IsMailAddress = (message: string) =>
  ValidateBy({
    name: 'isMailAddress',
    validator: {
      validate: (v: unknown) => isStorableText(v) && isEmail(v, { allow_display_name: false, require_tld: true }),
      defaultMessage: () => message,
    },
  });

/**
 * An instant a query compares with stored times: ISO 8601 with a 'T' (or a date, meaning its UTC
 * midnight), any offset RFC 3339 allows, and a UTC year from 1 to 9999. Readers turn it into a Date
 * (UTC) before it reaches PostgreSQL, which refuses offsets beyond ±15:59 (`npm run test:fuzz` met
 * +19:25 as a 500) and years it cannot read.
 */
export const IsInstant = () =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (v: unknown) => {
        if (typeof v !== 'string' || !isISO8601(v, { strict: true, strictSeparator: true })) return false;
        const year = new Date(v).getUTCFullYear();
        return year >= 1 && year <= 9999;
      },
      defaultMessage: (a) => `${a?.property} must be a valid ISO 8601 date-time such as 2026-11-29T08:00:00Z (years 1-9999)`,
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
