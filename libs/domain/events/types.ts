import type { ClauseId } from '../../policy/clauses.js';

/** An event as the domain emits it, before it has a place in the log. */
export interface NewEvent<P = Record<string, unknown>> {
  subject: string; // the stream, e.g. "employee:<uuid>", "agent-id:A1001", "access-request:<uuid>"
  type: string; // dotted, past tense: "agent_id.assigned"
  payload: P;
  /**
   * The clauses of docs/policy.md this event serves, said where it is emitted ([] when it serves none,
   * e.g. a notification read). Required, so no new event can leave it out.
   */
  clauses: readonly ClauseId[];
}

/** What a projector sees: the event with its actor and time, seq not yet known while live. */
export interface ProjectedEvent<P = Record<string, unknown>> extends Omit<NewEvent<P>, 'clauses'> {
  eventId: string;
  actor: string;
  occurredAt: string;
  /**
   * Distinct, in the policy's order. Null only for events written before events named their clauses
   * (migration 1764900000000-EventClauses): those rows are left as they were hashed.
   */
  clauses: ClauseId[] | null;
}

/** An event as stored. */
export interface StoredEvent<P = Record<string, unknown>> extends ProjectedEvent<P> {
  seq: number;
  prevHash: string;
  hash: string;
}
