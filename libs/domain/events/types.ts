/** An event as the domain emits it, before it has a place in the log. */
export interface NewEvent<P = Record<string, unknown>> {
  subject: string; // the stream, e.g. "employee:<uuid>", "agent-id:A1001", "access-request:<uuid>"
  type: string; // dotted, past tense: "agent_id.assigned"
  payload: P;
}

/** An event as stored. */
export interface StoredEvent<P = Record<string, unknown>> extends NewEvent<P> {
  seq: number;
  eventId: string;
  actor: string;
  occurredAt: string;
  prevHash: string;
  hash: string;
}

/** What a projector sees: the event with its actor and time, seq not yet known while live. */
export interface ProjectedEvent<P = Record<string, unknown>> extends NewEvent<P> {
  eventId: string;
  actor: string;
  occurredAt: string;
}
