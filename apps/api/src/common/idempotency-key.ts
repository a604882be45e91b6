import { applyDecorators, BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const SHAPE = /^[\x21-\x7e]{8,128}$/;

/**
 * The optional `Idempotency-Key` header of a POST that starts a process or adds to one. A client that
 * lost the answer (a dropped connection, a 503, a restart) sends the same request with the same key
 * and gets the first one's result instead of a second process or item: the process id, or the
 * Update's id, is derived from the sender and the key (libs/domain/keyed-id.ts).
 */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const raw: unknown = ctx.switchToHttp().getRequest().headers['idempotency-key'];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !SHAPE.test(raw)) throw new BadRequestException([`${IDEMPOTENCY_HEADER} must be 8 to 128 visible ASCII characters`]);
  return raw;
});

/** Documents the header on a route (schemathesis sends it too). */
export const ApiIdempotencyKey = () =>
  applyDecorators(
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description: 'Retrying with the same key (same user, same body) returns the first request\'s result instead of starting or adding another; another body under a used key is 409.',
      schema: { type: 'string', minLength: 8, maxLength: 128, pattern: '^[\\x21-\\x7e]{8,128}$' },
    }),
  );
