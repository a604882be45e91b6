import type { Db } from '../db/sql.js';

/** A webhook delivery as the IT console lists it (SYS-1, INF-6, AID-2). */
export interface WebhookDeliveryRow {
  id: string;
  kind: string;
  type: string;
  requestId: string;
  grantId: string | null;
  status: 'dead_lettered' | 'retrying';
  attempts: number;
  lastError: string | null;
  at: Date | null;
}

/** Deliveries that failed every try, oldest first (at most 200). */
export async function deadLetteredDeliveries(db: Db): Promise<WebhookDeliveryRow[]> {
  return db.query(
    `SELECT id, kind, event_type AS type, request_id AS "requestId", grant_id AS "grantId", 'dead_lettered' AS status, attempts, last_error AS "lastError", dead_lettered_at AS at
       FROM webhook_deliveries WHERE status = 'dead_lettered' ORDER BY dead_lettered_at LIMIT 200`,
  );
}

/** Deliveries Temporal is still retrying, with their last error (at most 200). */
export async function retryingDeliveries(db: Db): Promise<WebhookDeliveryRow[]> {
  return db.query(
    `SELECT a.webhook_id AS id, a.kind, a.event_type AS type, a.request_id AS "requestId", NULL AS "grantId", 'retrying' AS status, a.attempts, a.last_error AS "lastError", a.last_attempt_at AS at
       FROM webhook_attempts a ORDER BY a.last_attempt_at LIMIT 200`,
  );
}

export interface WebhookDeliveryForRedelivery {
  id: string;
  kind: string;
  type: string;
  requestId: string;
  grantId: string | null;
  status: string;
  /** The status of the grant the delivery announced (null when it has none). */
  grantStatus: string | null;
}

/** One recorded delivery and its grant's status, for "send again"; undefined when there is none. */
export async function findWebhookDelivery(db: Db, id: string): Promise<WebhookDeliveryForRedelivery | undefined> {
  const [d] = await db.query(
    `SELECT d.id, d.kind, d.event_type AS type, d.request_id AS "requestId", d.grant_id AS "grantId", d.status, g.status AS "grantStatus"
       FROM webhook_deliveries d LEFT JOIN grants g ON g.id = d.grant_id WHERE d.id = $1`,
    [id],
  );
  return d;
}
