import { accessRequestSubject as requestSubject, type AccessKind } from '../../policy/index.js';
import { command } from '../command.js';
import type { EventStore } from '../events/event-store.js';
import type { Projector } from '../events/projector.js';
import { ACCESS_KIND_CLAUSES } from '../processes/process-clauses.js';
import { EnforcementEvents } from './enforcement.js';

/**
 * Grants enforced by a signed webhook to the system that holds the access (the outbound dialer for
 * special agent IDs, endpoint management for USB: SYS-1, INF-6, AID-2). The receiver's 2xx is the
 * confirmation: webhook.delivered is written once per webhook id, and with it grant.provisioned or
 * grant.deprovisioned (system "webhook"). A delivery that failed every try is dead-lettered for IT, who
 * can send it again with the same webhook id. No event carries a secret, a signature or the URL.
 */
export const WebhookEvents = {
  delivered: 'webhook.delivered',
  deadLettered: 'webhook.dead_lettered',
} as const;

export type GrantWebhookType = 'grant.enabled' | 'grant.ended';

export interface WebhookDelivery {
  webhookId: string;
  kind: AccessKind;
  type: GrantWebhookType;
  requestId: string;
  grantId: string;
  /** The exact JSON body signed and sent (grant facts only), kept so a redelivery sends the same bytes. */
  body: string;
  /** Tries of this run (a redelivery counts from 1 again). */
  attempts: number;
  /** Who asked: the access workflow (system:access_request) or the IT person who pressed "send again". */
  by: string;
}
export interface WebhookDelivered extends WebhookDelivery {
  status: number;
}
export interface WebhookDeadLettered extends WebhookDelivery {
  lastError: string;
}


export const webhooksProjector: Projector = {
  name: 'webhooks',
  tables: ['webhook_deliveries'],
  handlers: {
    [WebhookEvents.delivered]: async (m, e) => {
      const p = e.payload as WebhookDelivered;
      await m.query(
        `INSERT INTO webhook_deliveries (id, kind, event_type, request_id, grant_id, body, status, attempts, last_error, delivered_at, delivered_by)
         VALUES ($1, $2, $3, $4, $5, $6, 'delivered', $7, NULL, $8, $9)
         ON CONFLICT (id) DO UPDATE SET status = 'delivered', attempts = webhook_deliveries.attempts + EXCLUDED.attempts, last_error = NULL,
                                        delivered_at = EXCLUDED.delivered_at, delivered_by = EXCLUDED.delivered_by`,
        [p.webhookId, p.kind, p.type, p.requestId, p.grantId, p.body, p.attempts, e.occurredAt, p.by],
      );
    },
    [WebhookEvents.deadLettered]: async (m, e) => {
      const p = e.payload as WebhookDeadLettered;
      await m.query(
        `INSERT INTO webhook_deliveries (id, kind, event_type, request_id, grant_id, body, status, attempts, last_error, dead_lettered_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'dead_lettered', $7, $8, $9)
         ON CONFLICT (id) DO UPDATE SET status = 'dead_lettered', attempts = webhook_deliveries.attempts + EXCLUDED.attempts,
                                        last_error = EXCLUDED.last_error, dead_lettered_at = EXCLUDED.dead_lettered_at`,
        [p.webhookId, p.kind, p.type, p.requestId, p.grantId, p.body, p.attempts, p.lastError, e.occurredAt],
      );
    },
  },
};

/* The actor is `by` of the input; database errors pass through so the activity retries (command.ts). */

/** A confirmation is recorded once per webhook id (a repeated confirmation changes nothing): its key. */
export const webhookDeliveredKey = (webhookId: string): string => `webhook:${webhookId}:delivered`;

/** The receiver confirmed; run it under webhookDeliveredKey(p.webhookId). */
export const recordWebhookDelivered = command(async (uow, p: WebhookDelivered) => {
  await uow.emit<WebhookDelivered>({ subject: requestSubject(p.requestId), type: WebhookEvents.delivered, payload: p, clauses: ACCESS_KIND_CLAUSES[p.kind] });
  const grant = { grantId: p.grantId, requestId: p.requestId, kind: p.kind, system: 'webhook' as const, webhookId: p.webhookId, by: p.by };
  if (p.type === 'grant.enabled') await uow.emit({ subject: requestSubject(p.requestId), type: EnforcementEvents.provisioned, payload: grant, clauses: ACCESS_KIND_CLAUSES[p.kind] });
  else await uow.emit({ subject: requestSubject(p.requestId), type: EnforcementEvents.deprovisioned, payload: { ...grant, reason: 'webhook confirmed' }, clauses: ACCESS_KIND_CLAUSES[p.kind] });
  await uow.manager.query(`DELETE FROM webhook_attempts WHERE webhook_id = $1`, [p.webhookId]);
}, { actor: (p) => p.by, translateErrors: false });

/** Every try of this run failed: listed for IT; the workflow goes on. Its key is the run's own. */
export const recordWebhookDeadLettered = command(async (uow, p: WebhookDeadLettered) => {
  await uow.emit<WebhookDeadLettered>({ subject: requestSubject(p.requestId), type: WebhookEvents.deadLettered, payload: p, clauses: ACCESS_KIND_CLAUSES[p.kind] });
  await uow.manager.query(`DELETE FROM webhook_attempts WHERE webhook_id = $1`, [p.webhookId]);
}, { actor: (p) => p.by, translateErrors: false });

/** A try failed and Temporal will retry it: IT sees the error (operational, not an event). */
export async function recordWebhookAttemptFailed(events: EventStore, p: { webhookId: string; kind: AccessKind; type: GrantWebhookType; requestId: string; error: string }): Promise<void> {
  await events.dataSource.query(
    `INSERT INTO webhook_attempts (webhook_id, kind, event_type, request_id, attempts, last_error, last_attempt_at) VALUES ($1, $2, $3, $4, 1, $5, now())
     ON CONFLICT (webhook_id) DO UPDATE SET attempts = webhook_attempts.attempts + 1, last_error = EXCLUDED.last_error, last_attempt_at = now()`,
    [p.webhookId, p.kind, p.type, p.requestId, p.error.slice(0, 500)],
  );
}
