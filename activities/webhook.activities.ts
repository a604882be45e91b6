import { Context } from '@temporalio/activity';
import type { AccessKind } from '../libs/policy/index.js';
import { recordGrantRemovedByHand, recordItAccountsDisabled } from '../libs/domain/access/manual-removal.js';
import { recordWebhookAttemptFailed, recordWebhookDeadLettered, recordWebhookDelivered, webhookDeliveredKey, type WebhookDelivery } from '../libs/domain/access/webhooks.js';
import type { EventStore } from '../libs/domain/events/event-store.js';
import type { WebhookSettings } from '../libs/enforcement/webhook-config.js';
import { sendWebhook } from '../libs/enforcement/webhook-sender.js';
import type { WebhookActivities } from './types.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * Grants of kinds the directory does not reach (SYS-1, INF-6, AID-2). A kind with WEBHOOK_URL_<KIND>
 * is told of each grant's start and end by a Standard Webhooks delivery; the URL and secrets stay in
 * these settings (the workflow passes ids only). A try that fails throws, and Temporal retries it with
 * exponential back-off; the try numbered WEBHOOK_MAX_ATTEMPTS dead-letters it instead (listed for IT)
 * and the workflow goes on. A kind with neither directory nor webhook is manual: IT's disable task.
 */
export function createWebhookActivities(events: EventStore, settings: WebhookSettings | null): WebhookActivities {
  const q = <T>(sql: string, params: unknown[]): Promise<T[]> => events.dataSource.query(sql, params);

  /** The body, built from recorded facts only, so every try (and a redelivery) signs the same bytes. */
  async function bodyOf(type: WebhookDelivery['type'], webhookId: string, grantId: string): Promise<string> {
    const [kept] = await q<{ body: string }>(`SELECT body FROM webhook_deliveries WHERE id = $1`, [webhookId]);
    if (kept) return kept.body;
    const [g] = await q<Record<string, any>>(
      `SELECT g.id::text AS id, g.request_id::text AS request_id, g.kind, g.holder_user_id, g.holder_employee_id, u.username, g.resource,
              g.starts_at, g.expires_at, g.ended_at, g.end_reason
         FROM grants g LEFT JOIN users u ON u.id::text = g.holder_user_id WHERE g.id = $1`,
      [grantId],
    );
    if (!g) throw new Error(`grant ${grantId} is not recorded yet`);
    const ended = type === 'grant.ended';
    if (ended && !g.ended_at) throw new Error(`grant ${grantId} is not recorded as ended yet`);
    return JSON.stringify({
      type,
      timestamp: iso(ended ? g.ended_at : g.starts_at),
      data: {
        grantId: g.id, requestId: g.request_id, kind: g.kind,
        holder: { userId: g.holder_user_id, employeeId: g.holder_employee_id, username: g.username ?? null },
        resource: g.resource, startsAt: iso(g.starts_at), expiresAt: iso(g.expires_at),
        ...(ended ? { endedAt: iso(g.ended_at), reason: g.end_reason ?? null } : {}),
      },
    });
  }

  return {
    grantConnector: async ({ kind }) => (settings?.endpoints[kind] ? 'webhook' : 'manual'),

    deliverWebhook: async ({ key, kind, type, webhookId, requestId, grantId, by }) => {
      const [done] = await q<{ status: string }>(`SELECT status FROM webhook_deliveries WHERE id = $1 AND status = 'delivered'`, [webhookId]);
      if (done) return { delivered: true }; // confirmed already (a retry after the confirmation was recorded)
      const attempt = Context.current().info.attempt;
      const body = await bodyOf(type, webhookId, grantId);
      const delivery: WebhookDelivery = { webhookId, kind: kind as AccessKind, type, requestId, grantId, body, attempts: attempt, by };
      const endpoint = settings?.endpoints[kind];
      const max = settings?.maxAttempts ?? 1;
      let error: string;
      try {
        if (!endpoint) throw new Error(`no webhook is configured for ${kind} (WEBHOOK_URL_${kind.toUpperCase()})`);
        const { status } = await sendWebhook(endpoint, webhookId, body, settings!.timeoutMs);
        await recordWebhookDelivered(events, { idempotencyKey: webhookDeliveredKey(webhookId) }, { ...delivery, status });
        return { delivered: true };
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      if (attempt >= max || !endpoint) {
        await recordWebhookDeadLettered(events, { idempotencyKey: `${key}:dead-lettered` }, { ...delivery, lastError: error });
        return { delivered: false };
      }
      await recordWebhookAttemptFailed(events, { webhookId, kind, type, requestId, error });
      throw new Error(`webhook ${webhookId} try ${attempt} of ${max}: ${error}`);
    },

    findItAccounts: async ({ employeeId }) => {
      const [r] = await q<{ data: Record<string, unknown>; decided_by: string }>(
        `SELECT d.data, d.decided_by FROM tasks t JOIN task_decisions d ON d.task_id = t.id
          WHERE t.process = 'onboarding' AND t.process_key = $1 AND t.kind = 'account_setup' AND d.outcome = 'done'
          ORDER BY d.decided_at DESC LIMIT 1`,
        [employeeId],
      );
      const text = (v: unknown) => (typeof v === 'string' ? v : null);
      return { emailAccount: text(r?.data.emailAccount), driveAccount: text(r?.data.driveAccount), setUpBy: r?.decided_by ?? null };
    },

    recordItDisabled: async ({ key, record, taskId, by }) => {
      if (record.what === 'grant') {
        const { requestId, grantId, kind, reason } = record;
        await recordGrantRemovedByHand(events, { idempotencyKey: key }, { grantId, requestId, kind, system: 'manual', taskId, by, reason });
      } else {
        await recordItAccountsDisabled(events, { idempotencyKey: key }, { employeeId: record.employeeId, emailAccount: record.emailAccount, driveAccount: record.driveAccount, taskId, by });
      }
    },
  };
}
