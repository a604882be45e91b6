import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ApiErrorCode } from '../../../../libs/policy/errors.js';
import { DomainError, ErrorCode } from '../../../../libs/policy/errors.js';
import type { ErrorBodyDto } from './error-body.dto.js';

const statusOf: Record<ErrorCode, number> = {
  [ErrorCode.Validation]: HttpStatus.BAD_REQUEST,
  [ErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.Conflict]: HttpStatus.CONFLICT,
  [ErrorCode.AlreadyDecided]: HttpStatus.CONFLICT,
  [ErrorCode.SeparationOfDuties]: HttpStatus.FORBIDDEN,
  [ErrorCode.RateLimited]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.Unavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.DecisionLinkGone]: HttpStatus.GONE,
  [ErrorCode.ReauthenticationRequired]: HttpStatus.FORBIDDEN,
};

const httpCode: Record<number, ErrorCode> = {
  400: ErrorCode.Validation,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  429: ErrorCode.RateLimited,
  503: ErrorCode.Unavailable,
};

/**
 * Connection-level failures of PostgreSQL or Temporal: the client should retry, not see a 500. The
 * shapes below were all seen by `npm run test:faults` while PostgreSQL and Temporal restarted under load.
 */
export function isDependencyDown(e: unknown): boolean {
  // The Temporal client wraps the gRPC failure ("Failed to start Workflow", cause "14 UNAVAILABLE: …").
  for (let err = e, depth = 0; err && depth < 4; err = (err as { cause?: unknown }).cause, depth++) if (isDownError(err)) return true;
  return false;
}

function isDownError(e: unknown): boolean {
  const err = e as { name?: string; code?: string; message?: string; driverError?: { code?: string } } | undefined;
  const code = err?.code ?? err?.driverError?.code;
  if (code && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', '53300'].includes(code)) return true;
  // A shutdown that cuts a connection in the middle of a transaction: TypeORM releases the
  // transaction's query runner on the driver's error, and the transaction's next query throws one of
  // these instead of the driver's error.
  if (err?.name === 'QueryRunnerAlreadyReleasedError' || err?.name === 'QueryRunnerProviderAlreadyReleasedError') return true;
  const msg = err?.message ?? '';
  return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|14 UNAVAILABLE|Failed to connect before the deadline/i.test(msg);
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const requestId = String(req.id ?? res.getHeader('x-request-id') ?? '');

    if (exception instanceof DomainError) {
      const retryAfter = exception.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
      // Every 503 tells the client when to retry (e.g. "started but not recorded yet": no worker running).
      else if (exception.code === ErrorCode.Unavailable) res.setHeader('Retry-After', '5');
      res.status(statusOf[exception.code]).json({ statusCode: statusOf[exception.code], code: exception.code, message: exception.message, details: exception.details, requestId } satisfies ErrorBodyDto);
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const raw = typeof body === 'string' ? body : (body as { message?: string | string[] }).message;
      const messages = Array.isArray(raw) ? raw : [raw ?? exception.message];
      const payload: ErrorBodyDto = {
        statusCode: status,
        code: httpCode[status] ?? ((status >= 500 ? 'INTERNAL' : 'HTTP_ERROR') satisfies ApiErrorCode),
        message: messages.join('; '),
        requestId,
      };
      if (Array.isArray(raw)) payload.errors = raw;
      if (status === 503 || status === 429) res.setHeader('Retry-After', '5');
      res.status(status).json(payload);
      return;
    }
    if (isDependencyDown(exception)) {
      this.logger.warn({ requestId, err: (exception as Error).message }, 'dependency unavailable');
      res.setHeader('Retry-After', '5');
      res.status(503).json({ statusCode: 503, code: ErrorCode.Unavailable, message: 'A backing service is unavailable; retry shortly.', requestId } satisfies ErrorBodyDto);
      return;
    }
    this.logger.error({ requestId, err: exception }, 'unhandled error');
    res.status(500).json({ statusCode: 500, code: 'INTERNAL', message: 'Internal error; quote the request id when reporting it.', requestId } satisfies ErrorBodyDto);
  }
}
