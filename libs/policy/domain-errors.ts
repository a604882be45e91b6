import { ErrorCode } from './errors.js';

export { ErrorCode };

/**
 * Domain errors carry a stable code (the web app translates it) and an English message that says what
 * to fix. One exception filter maps codes to HTTP statuses; nothing else in the code picks statuses.
 */

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string) => new DomainError(ErrorCode.NotFound, `${what} ${id} does not exist or is not visible to you`);
export const forbidden = (why: string) => new DomainError(ErrorCode.Forbidden, why);
export const conflict = (why: string, details?: Record<string, unknown>) => new DomainError(ErrorCode.Conflict, why, details);
export const invalid = (why: string, details?: Record<string, unknown>) => new DomainError(ErrorCode.Validation, why, details);
