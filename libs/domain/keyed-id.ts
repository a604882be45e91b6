import { createHash } from 'node:crypto';
import type { DecideTaskArgs } from '../policy/index.js';
import { canonicalJson } from './events/canonical.js';

/**
 * A UUID (version-8 layout, RFC 9562) determined by its parts, for ids that a retried request must
 * find again (the `Idempotency-Key` of a POST that starts a process): the same parts always give the
 * same id, and parts that differ anywhere give different ids.
 */
export function keyedUuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest();
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** The id of the access request a user submits with an idempotency key (a key is scoped to its sender). */
export const keyedAccessRequestId = (userId: string, key: string): string => keyedUuid('access-request', userId, key);

/**
 * The Temporal Update id of a decision: the task, the person and what they submitted. The same form sent
 * again (a 503 while the workflow waited for a worker, a dropped answer, another API replica) joins the
 * first Update and gets its answer, where a second Update would be refused "already decided" before the
 * first is recorded. A different form is a different Update, checked on its own.
 */
export const decisionUpdateId = (a: DecideTaskArgs): string =>
  `decide:${a.taskId}:${keyedUuid('task-decision', a.taskId, a.actor.userId, canonicalJson({ outcome: a.outcome, comment: a.comment ?? null, data: a.data ?? {} }))}`;
