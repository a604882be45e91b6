import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/config.js';
import { ROLES, type Role } from '../policy/roles.js';

/**
 * Group-chat bots that repeat the notifications addressed to a role (in a department, or every
 * department) to that team's group: WeCom (企业微信), DingTalk (钉钉) and Feishu (飞书). Configured in the
 * JSON file CHAT_WEBHOOKS_FILE (it holds the bots' URLs and secrets, so it is a file, read by the API and
 * the worker only; neither is logged, put into an event or into an error message):
 *   [{ "name": "it-group", "platform": "dingtalk", "url": "https://…?access_token=…", "secret": "SEC…", "role": "it", "departmentId": null }]
 */
export const CHAT_PLATFORMS = ['wecom', 'dingtalk', 'feishu'] as const;
export type ChatPlatform = (typeof CHAT_PLATFORMS)[number];

export interface ChatTarget {
  /** Its name in logs and in the deliveries table (letters, digits, - and _). */
  name: string;
  platform: ChatPlatform;
  url: string;
  /** DingTalk's and Feishu's signing secret ("加签"); WeCom has none (the key is in the URL). */
  secret: string | null;
  role: Role;
  /** Only the notifications to the role in this department; null: the role's notifications of every scope. */
  departmentId: string | null;
}

/** Null when CHAT_WEBHOOKS_FILE is not set. Throws a ConfigError naming each bad entry (never a URL or a secret). */
export function loadChatTargets(env: Record<string, unknown> = process.env): ChatTarget[] | null {
  const file = typeof env.CHAT_WEBHOOKS_FILE === 'string' && env.CHAT_WEBHOOKS_FILE.trim() ? env.CHAT_WEBHOOKS_FILE.trim() : null;
  if (!file) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError([`CHAT_WEBHOOKS_FILE: cannot read a JSON array from the file (${(e as NodeJS.ErrnoException).code ?? 'not JSON'})`]);
  }
  if (!Array.isArray(raw)) throw new ConfigError(['CHAT_WEBHOOKS_FILE: must hold a JSON array of bots']);
  const problems: string[] = [];
  const names = new Set<string>();
  const targets = raw.map((t: any, i): ChatTarget => {
    const at = `CHAT_WEBHOOKS_FILE[${i}]`;
    if (typeof t?.name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(t.name) || names.has(t.name)) problems.push(`${at}.name: a unique name of letters, digits, - and _`);
    names.add(t?.name);
    if (!CHAT_PLATFORMS.includes(t?.platform)) problems.push(`${at}.platform: one of ${CHAT_PLATFORMS.join(', ')}`);
    let url: URL | null = null;
    try {
      url = new URL(t?.url);
    } catch {}
    const loopback = url && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))) problems.push(`${at}.url: an https URL (http only on loopback)`);
    if (t?.secret !== undefined && t?.secret !== null && typeof t.secret !== 'string') problems.push(`${at}.secret: a string`);
    if (t?.platform === 'wecom' && t?.secret) problems.push(`${at}.secret: WeCom bots have no signing secret`);
    if (!ROLES.includes(t?.role)) problems.push(`${at}.role: one of ${ROLES.join(', ')}`);
    if (t?.departmentId !== undefined && t?.departmentId !== null && typeof t.departmentId !== 'string') problems.push(`${at}.departmentId: a department id or null`);
    return { name: t?.name, platform: t?.platform, url: t?.url, secret: t?.secret || null, role: t?.role, departmentId: t?.departmentId ?? null };
  });
  if (problems.length) throw new ConfigError(problems);
  return targets;
}

/** DingTalk: HMAC-SHA256 of `timestamp\nsecret` keyed by the secret, base64; timestamp in milliseconds. */
export function dingTalkSign(timestampMs: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** Feishu: HMAC-SHA256 keyed by `timestamp\nsecret` over an empty message, base64; timestamp in seconds. */
export function feishuSign(timestampS: number, secret: string): string {
  return createHmac('sha256', `${timestampS}\n${secret}`).update('').digest('base64');
}

/** The request a bot takes for a text message, signed as its platform wants. */
export function chatRequest(t: ChatTarget, text: string, now: Date): { url: string; body: string } {
  if (t.platform === 'dingtalk') {
    const url = new URL(t.url);
    if (t.secret) {
      const ts = now.getTime();
      url.searchParams.set('timestamp', String(ts));
      url.searchParams.set('sign', dingTalkSign(ts, t.secret));
    }
    return { url: url.toString(), body: JSON.stringify({ msgtype: 'text', text: { content: text } }) };
  }
  if (t.platform === 'feishu') {
    const ts = Math.floor(now.getTime() / 1000);
    return { url: t.url, body: JSON.stringify({ ...(t.secret ? { timestamp: String(ts), sign: feishuSign(ts, t.secret) } : {}), msg_type: 'text', content: { text } }) };
  }
  return { url: t.url, body: JSON.stringify({ msgtype: 'text', text: { content: text } }) };
}

/**
 * Posts one message. The platforms answer 200 with an error code in the body for a refused message
 * (DingTalk and WeCom `errcode`, Feishu `code`): anything but 0 is an error, and so is a non-2xx status.
 * The error names the bot, never its URL or secret.
 */
export async function sendChat(t: ChatTarget, text: string, timeoutMs = 10_000): Promise<void> {
  const { url, body } = chatRequest(t, text, new Date());
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(timeoutMs) }).catch((e: Error) => {
    throw new Error(`chat bot ${t.name}: ${e.name === 'TimeoutError' ? 'timed out' : 'unreachable'}`);
  });
  const answer = (await r.json().catch(() => null)) as { errcode?: number; code?: number; errmsg?: string; msg?: string } | null;
  const code = answer?.errcode ?? answer?.code ?? 0;
  if (!r.ok || code !== 0) throw new Error(`chat bot ${t.name}: HTTP ${r.status}, code ${code} ${String(answer?.errmsg ?? answer?.msg ?? '').slice(0, 200)}`);
}
