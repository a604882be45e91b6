import { createHmac } from 'node:crypto';
import type { WebhookEndpoint } from './webhook-config.js';

/**
 * Standard Webhooks (standardwebhooks.com): the signed content is `${id}.${timestamp}.${body}`, signed
 * with HMAC-SHA256 under each secret's key bytes; the header lists `v1,<base64 signature>` once per
 * secret, separated by spaces, so a receiver that rotates its secret accepts either during the overlap.
 */
export function signatureHeader(secrets: Buffer[], webhookId: string, timestamp: number, body: string): string {
  return secrets.map((key) => `v1,${createHmac('sha256', key).update(`${webhookId}.${timestamp}.${body}`).digest('base64')}`).join(' ');
}

export class WebhookRefused extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'WebhookRefused';
  }
}

/**
 * One try: POSTs the body with the three headers; a 2xx is the receiver's confirmation. Any other answer,
 * a timeout or a network error throws a WebhookRefused whose message names the status or the error kind
 * only (never the URL, which may carry a token, nor a header). Redirects are not followed: a receiver
 * that moved must be reconfigured, not followed to wherever it points.
 */
export async function sendWebhook(endpoint: WebhookEndpoint, webhookId: string, body: string, timeoutMs: number, now = Date.now()): Promise<{ status: number }> {
  const timestamp = Math.floor(now / 1000);
  let res: Response;
  try {
    res = await fetch(endpoint.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Custodian-Webhooks/1',
        'webhook-id': webhookId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureHeader(endpoint.secrets, webhookId, timestamp, body),
      },
      body,
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    const why = err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `network error (${err.cause?.code ?? err.name})`;
    throw new WebhookRefused(`the receiver could not be reached: ${why}`, null);
  }
  await res.body?.cancel().catch(() => undefined);
  if (res.status < 200 || res.status >= 300) throw new WebhookRefused(`the receiver answered HTTP ${res.status}`, res.status);
  return { status: res.status };
}
