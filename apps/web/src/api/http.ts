import type { ApiErrorBody, Tokens as TokenAnswer } from './types.js';

/** A failed call, with the API's stable error `code` (the UI translates it, see i18n/errors.ts). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: string[] = [],
    readonly requestId?: string,
    /** The error body's details (e.g. why a decision link no longer works: `reason`). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

/*
 * Tokens live in sessionStorage, not localStorage: call-center workstations are shared, and a token
 * should not outlive the browser tab that signed in.
 */
const KEY = 'custodian.session';

function readTokens(): Tokens | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Tokens) : null;
  } catch {
    return null;
  }
}

let tokens: Tokens | null = readTokens();
const expiredListeners = new Set<() => void>();

export function setTokens(next: Tokens | null): void {
  tokens = next;
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
  else sessionStorage.removeItem(KEY);
}

export const hasSession = (): boolean => tokens !== null;
export const currentRefreshToken = (): string | null => tokens?.refreshToken ?? null;

/** Called when the refresh token no longer works: the app shows the sign-in page. */
export function onSessionExpired(fn: () => void): () => void {
  expiredListeners.add(fn);
  return () => expiredListeners.delete(fn);
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

async function toError(res: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> = {};
  try {
    body = (await res.json()) as Partial<ApiErrorBody>;
  } catch {}
  return new ApiError(res.status, body.code ?? `HTTP_${res.status}`, body.message ?? res.statusText, body.errors ?? [], body.requestId, body.details as Record<string, unknown> | undefined);
}

// One refresh at a time: several calls failing with 401 together must not each spend the refresh token.
let refreshing: Promise<boolean> | null = null;

async function refresh(): Promise<boolean> {
  const current = tokens;
  if (!current) return false;
  refreshing ??= (async () => {
    try {
      const res = await fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: current.refreshToken }),
      });
      if (!res.ok) return false;
      const next = (await res.json()) as TokenAnswer;
      setTokens({ accessToken: next.accessToken, refreshToken: next.refreshToken });
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** Per-request extras: `idempotencyKey` is sent as the Idempotency-Key header (POSTs that start or add). */
export interface SendOptions {
  idempotencyKey?: string;
}

async function send(method: string, path: string, body: unknown, opts: SendOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  if (tokens) headers.authorization = `Bearer ${tokens.accessToken}`;
  try {
    return await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', (e as Error).message);
  }
}

/** Sends a request; on 401 refreshes the access token once and retries; returns the raw response. */
export async function call(method: string, path: string, body?: unknown, opts: SendOptions = {}): Promise<Response> {
  let res = await send(method, path, body, opts);
  if (res.status === 401 && tokens && !path.startsWith('/api/auth/')) {
    if (await refresh()) res = await send(method, path, body, opts);
    else {
      setTokens(null);
      expiredListeners.forEach((fn) => fn());
    }
  }
  if (!res.ok) throw await toError(res);
  return res;
}

export async function json<T>(method: string, path: string, body?: unknown, opts: SendOptions = {}): Promise<T> {
  const res = await call(method, path, body, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
