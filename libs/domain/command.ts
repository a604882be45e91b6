import { conflict, DomainError, invalid } from '../policy/errors.js';
import type { EventStore, ExecuteOptions, UnitOfWork } from './events/event-store.js';

/**
 * The database backs the invariants with constraints and triggers. When one of them refuses a change
 * (a race the code's own check could not see, or a bug), the caller gets a domain error, not a 500:
 * unique and check violations are conflicts, a dangling reference is invalid input.
 */
export function translateDbError(e: unknown): unknown {
  if (e instanceof DomainError) return e;
  const err = e as { code?: string; driverError?: { code?: string; constraint?: string; message?: string }; constraint?: string; message?: string };
  const code = err?.driverError?.code ?? err?.code;
  const constraint = err?.driverError?.constraint ?? err?.constraint;
  const message = err?.driverError?.message ?? err?.message ?? '';
  if (code === '23505') return conflict(`refused by the database: ${constraint ?? 'a unique rule'} (another change got there first)`, { constraint });
  if (code === '23514') return conflict(`refused by the database: ${message}`, { constraint });
  if (code === '23503') return invalid(`refers to something that does not exist (${constraint ?? 'foreign key'})`, { constraint });
  // Malformed input the HTTP layer let through (a bad uuid, a NUL byte, broken Unicode in jsonb).
  if (code === '22P02' || code === '22021' || code === '22P05') return invalid(`malformed value: ${message}`);
  return e;
}

export type CommandBody<I, R> = (uow: UnitOfWork, input: I) => Promise<R>;

/** What a caller passes when the command names its own actor: only the key. */
export type KeyedContext = Omit<ExecuteOptions, 'actor'>;

export interface Command<I, R, C = ExecuteOptions> {
  /** Runs the command in a transaction of its own (idempotent when ctx.idempotencyKey is given). */
  (events: EventStore, ctx: C, input: I): Promise<R>;
  /** Runs the command inside a caller's unit of work, so several commands commit together (the seed). */
  inUow: CommandBody<I, R>;
}

export interface CommandOptions<I> {
  /**
   * The actor follows from the input (a workflow's system actor, the person who decided a task): the
   * rule stays here, and callers pass only the idempotency key.
   */
  actor?: (input: I) => string;
  /**
   * false: a database error passes through unchanged. Commands behind Temporal activities use it, so a
   * refused write stays a retryable activity failure (as a raw error always was), instead of becoming
   * a non-retryable DomainError that ends the workflow's step.
   */
  translateErrors?: boolean;
}

/**
 * A domain command usable by the API, Temporal activities and the seed alike. Results must be plain
 * JSON (strings, not Dates): with an idempotency key, a retry gets the stored JSON of the first run.
 */
export function command<I, R>(body: CommandBody<I, R>, opts: CommandOptions<I> & { actor: (input: I) => string }): Command<I, R, KeyedContext>;
export function command<I, R>(body: CommandBody<I, R>, opts?: CommandOptions<I>): Command<I, R>;
export function command<I, R>(body: CommandBody<I, R>, opts: CommandOptions<I> = {}): Command<I, R, ExecuteOptions | KeyedContext> {
  const { actor, translateErrors = true } = opts;
  const run = async (events: EventStore, ctx: ExecuteOptions | KeyedContext, input: I): Promise<R> => {
    const options: ExecuteOptions = actor ? { ...ctx, actor: { id: actor(input) } } : (ctx as ExecuteOptions);
    try {
      return await events.execute(options, (uow) => body(uow, input));
    } catch (e) {
      throw translateErrors ? translateDbError(e) : e;
    }
  };
  return Object.assign(run, { inUow: body });
}
