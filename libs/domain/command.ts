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

export interface Command<I, R> {
  /** Runs the command in a transaction of its own (idempotent when ctx.idempotencyKey is given). */
  (events: EventStore, ctx: ExecuteOptions, input: I): Promise<R>;
  /** Runs the command inside a caller's unit of work, so several commands commit together (the seed). */
  inUow: CommandBody<I, R>;
}

/**
 * A domain command usable by the API, Temporal activities and the seed alike. Results must be plain
 * JSON (strings, not Dates): with an idempotency key, a retry gets the stored JSON of the first run.
 */
export function command<I, R>(body: CommandBody<I, R>): Command<I, R> {
  const run = async (events: EventStore, ctx: ExecuteOptions, input: I): Promise<R> => {
    try {
      return await events.execute(ctx, (uow) => body(uow, input));
    } catch (e) {
      throw translateDbError(e);
    }
  };
  return Object.assign(run, { inUow: body });
}
