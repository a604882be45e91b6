import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { CLAUSE_IDS, type ClauseId } from '../../../../../libs/policy/clauses.js';
import { IsInstant } from '../../common/validation.js';

export const MAX_AUDIT_PAGE = 500;

// PostgreSQL text cannot hold NUL; other control characters are never part of a subject, actor or type.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const PRINTABLE = /^[^\u0000-\u001f\u007f]+$/;
const printable = (field: string) => Matches(PRINTABLE, { message: `${field} must not contain control characters` });

@ValidatorConstraint({ name: 'notBefore' })
class NotBeforeConstraint implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const other = (args.object as Record<string, unknown>)[args.constraints[0] as string];
    if (typeof value !== 'string' || typeof other !== 'string') return true; // the ISO check reports those
    return Date.parse(value) >= Date.parse(other);
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must not be earlier than ${args.constraints[0] as string}`;
  }
}

/** The filters shared by the list and the exports. */
export class AuditFilterDto {
  @ApiPropertyOptional({ description: 'Exact subject (stream), e.g. `agent-id:A1001`.', maxLength: 300 })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  @printable('subject')
  subject?: string;

  @ApiPropertyOptional({ description: 'Exact actor: a user id, or `system:<component>`.', maxLength: 300 })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  @printable('actor')
  actor?: string;

  @ApiPropertyOptional({
    description: 'Exact event type (`agent_id.assigned`), or a prefix ending in a dot for a whole family (`agent_id.`).',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @printable('type')
  type?: string;

  @ApiPropertyOptional({ description: 'Events that occurred at or after this instant (ISO 8601).', format: 'date-time' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Events that occurred before this instant (ISO 8601, exclusive); not earlier than `from`.', format: 'date-time' })
  @IsOptional()
  @IsInstant()
  @Validate(NotBeforeConstraint, ['from'])
  to?: string;

  @ApiPropertyOptional({ description: 'Only events that serve this clause of docs/policy.md, e.g. `INF-13`.', enum: CLAUSE_IDS })
  @IsOptional()
  @IsIn(CLAUSE_IDS, { message: `clause must be one clause id of docs/policy.md: ${CLAUSE_IDS.join(', ')}` })
  clause?: ClauseId;
}

/** The list adds keyset paging on seq. */
export class AuditListQueryDto extends AuditFilterDto {
  @ApiPropertyOptional({ description: 'Return events with seq greater than this: the `nextCursor` of the previous page. 0 starts at the beginning.', minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after: number = 0;

  @ApiPropertyOptional({ description: 'Events per page.', minimum: 1, maximum: MAX_AUDIT_PAGE, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_AUDIT_PAGE)
  limit: number = 100;
}
