import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { outcomeOf } from './activity-outcomes.js';

describe('activity outcome of a failed attempt', () => {
  const info = (attempt: number, retryPolicy?: { maximumAttempts?: number; nonRetryableErrorTypes?: string[] }) => ({ attempt, retryPolicy });

  it('retried while Temporal will try again; failed when not retryable, of a non-retryable type, or the last attempt; cancelled apart', () => {
    expect(outcomeOf(new Error('connection reset'), info(1, { maximumAttempts: 5 }))).toBe('retried');
    expect(outcomeOf(new Error('connection reset'), info(1))).toBe('retried'); // no policy known: the default retries forever
    expect(outcomeOf(new Error('connection reset'), info(5, { maximumAttempts: 5 }))).toBe('failed');
    expect(outcomeOf(ApplicationFailure.nonRetryable('forged', 'UNAUTHENTICATED_PAYLOAD'), info(1, { maximumAttempts: 5 }))).toBe('failed');
    expect(outcomeOf(ApplicationFailure.create({ type: 'DomainError', message: 'refused' }), info(1, { nonRetryableErrorTypes: ['DomainError'] }))).toBe('failed');
    class DomainError extends Error {
      override name = 'DomainError';
    }
    expect(outcomeOf(new DomainError('refused'), info(1, { nonRetryableErrorTypes: ['DomainError'] }))).toBe('failed');
    expect(outcomeOf(new CancelledFailure('cancelled'), info(1, { maximumAttempts: 5 }))).toBe('cancelled');
  });
});
