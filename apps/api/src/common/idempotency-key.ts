import { applyDecorators, BadRequestException, createParamDecorator, HttpException, Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { requireSetting, type AppConfig } from '../../../../libs/config/config.js';
import { conflict, DomainError, ErrorCode } from '../../../../libs/policy/errors.js';
import { claimIdempotencyKey, recordedFingerprint, releaseIdempotencyKey } from '../../../../libs/domain/admission/idempotency-keys.js';
import { canonicalJson } from '../../../../libs/domain/events/canonical.js';
import { CONFIG } from '../core/tokens.js';

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

/** What a keyed request is compared by: its route (with path parameters) and its whole validated body. */
export interface KeyedRequest {
  userId: string;
  /** The operation and what it applies to, e.g. `access-request` or `return-item:<employeeId>`. */
  route: string;
  key: string;
  /** The DTO after validation (whitelisted, transformed): its canonical JSON is what is compared. */
  body: unknown;
}

export const keyUsedForAnotherRequest = () =>
  conflict(`this ${IDEMPOTENCY_HEADER} was already used for another request; use a new key for a new request (the same body again returns the first result)`);

/**
 * One rule for every route that takes an Idempotency-Key: the first request under a key records a
 * fingerprint of its route and canonical body (libs/domain/events/canonical.ts) in command_results;
 * the same request again proceeds (and the keyed ids make it find the first result), any other body is
 * 409. The fingerprint is an HMAC under a server secret, since a body may hold a password (a new
 * hire's). Concurrent first requests are serialised by the key's primary key: one inserts, the other
 * compares with it. A request refused before it changed anything (a 4xx: invalid, forbidden, over
 * quota) gives its key back, so the corrected request can use it; after a 503 the key stays taken,
 * because the process may have started.
 */
@Injectable()
export class IdempotentRequests {
  constructor(
    private readonly ds: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async run<T>(req: KeyedRequest | undefined, fn: () => Promise<T>): Promise<T> {
    if (!req) return fn();
    const id = `idempotency-key:${req.route.split(':')[0]}:${req.userId}:${req.key}`;
    const fingerprint = createHmac('sha256', requireSetting(this.config, 'JWT_SECRET')).update(`idempotency-key\n${req.route}\n${canonicalJson(req.body)}`).digest('hex');
    const inserted = await claimIdempotencyKey(this.ds, id, fingerprint);
    if (!inserted) {
      const recorded = await recordedFingerprint(this.ds, id);
      // No row: the first request was refused and gave the key back in between; this one goes ahead.
      if (recorded !== undefined && recorded !== fingerprint) throw keyUsedForAnotherRequest();
    }
    try {
      return await fn();
    } catch (e) {
      if (inserted && changedNothing(e)) await releaseIdempotencyKey(this.ds, id).catch(() => undefined);
      throw e;
    }
  }
}

/** A refusal (4xx) happens before the process starts or the item is added; a 503 or a 500 may come after. */
export function changedNothing(e: unknown): boolean {
  if (e instanceof DomainError) return e.code !== ErrorCode.Unavailable;
  return e instanceof HttpException && e.getStatus() < 500;
}
