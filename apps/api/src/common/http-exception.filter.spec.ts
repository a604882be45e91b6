import type { ArgumentsHost } from '@nestjs/common';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { DomainError, ErrorCode } from '../../../../libs/policy/errors.js';
import { AllExceptionsFilter, isDependencyDown } from './http-exception.filter.js';

/** An error as node-postgres raises it: a message and a SQLSTATE or socket code. */
const pgError = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

describe('isDependencyDown: what a PostgreSQL restart under load throws (seen by npm run test:faults)', () => {
  it.each([
    ['connection refused while it is stopped', pgError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a session terminated by the shutdown', new QueryFailedError('SELECT 1', [], pgError('terminating connection due to administrator command', '57P01'))],
    ['the server still starting up', pgError('the database system is starting up', '57P03')],
    ['a connection cut in the middle of a query', pgError('Connection terminated unexpectedly')],
    ['a pool with every client stuck', pgError('timeout exceeded when trying to connect')],
    ['a transaction whose connection was cut (query builder)', new QueryRunnerAlreadyReleasedError()],
    ['a transaction whose connection was cut (manager.query)', new QueryRunnerProviderAlreadyReleasedError()],
    ['Temporal unreachable', pgError('14 UNAVAILABLE: No connection established')],
    ['Temporal unreachable, as the client wraps it', new Error('Failed to start Workflow', { cause: Object.assign(pgError('14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED'), { code: 14 }) })],
  ])('503 for %s', (_what, error) => {
    expect(isDependencyDown(error)).toBe(true);
  });

  it.each([
    ['a constraint violation', new QueryFailedError('INSERT', [], pgError('duplicate key value violates unique constraint', '23505'))],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', undefined],
  ])('still a 500 for %s', (_what, error) => {
    expect(isDependencyDown(error)).toBe(false);
  });
});

/** Runs the filter on one exception and returns what the client would get. */
function answer(exception: unknown): { status: number; headers: Record<string, string> } {
  const out = { status: 0, headers: {} as Record<string, string> };
  const res = {
    setHeader: (k: string, v: string) => (out.headers[k.toLowerCase()] = v),
    getHeader: () => undefined,
    status: (s: number) => ((out.status = s), res),
    json: () => res,
  };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ id: 'req-1' }) }) } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return out;
}

describe('AllExceptionsFilter: a 503 always says when to retry', () => {
  it('a dependency down: 503 with Retry-After', () => {
    expect(answer(new QueryRunnerAlreadyReleasedError())).toEqual({ status: 503, headers: { 'retry-after': '5' } });
  });

  it('a domain "unavailable" without its own delay (e.g. started but not recorded yet): 503 with Retry-After', () => {
    expect(answer(new DomainError(ErrorCode.Unavailable, 'started but not recorded yet'))).toEqual({ status: 503, headers: { 'retry-after': '5' } });
  });

  it('a domain error with its own delay keeps it', () => {
    expect(answer(new DomainError(ErrorCode.RateLimited, 'too many', { retryAfterSeconds: 42 }))).toEqual({ status: 429, headers: { 'retry-after': '42' } });
  });
});
