/**
 * The fault run's HTTP client. It behaves like a well-written API client (retries a 503 after the
 * Retry-After it was given, retries a dropped connection or the gateway's 502 for a replica that died
 * under a request, signs in again on 401) and records what a
 * client must never see: a 5xx other than 503, a 503 without Retry-After, or a request that hangs.
 */
import type { Violations } from './violations.js';

export const DEMO_PASSWORD = 'demo-password';

/** A request that takes longer than this counts as hung: PostgreSQL being down must not stall callers. */
export const HANG_MS = 20_000;

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  retryAfter: string | null;
  requestId: string | null;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Retry 503s and dropped connections until this many ms have passed (0: one attempt). */
  retryForMs?: number;
  /**
   * For a POST that is not idempotent: before any retry (a dropped connection, or a 503 that may have
   * come after the commit), ask whether the first attempt was applied; a value found is the answer.
   */
  appliedCheck?: () => Promise<unknown | undefined>;
}

/** Transport failure (no HTTP answer): connection refused or reset, or our own hang timeout. */
export class NoAnswer extends Error {
  /** Connection refused: the request never reached the API, so it certainly was not applied. */
  readonly refused: boolean;
  constructor(
    readonly path: string,
    readonly hung: boolean,
    readonly reason: string,
  ) {
    super(`${path}: ${hung ? `no answer within ${HANG_MS} ms` : reason}`);
    this.refused = reason === 'ECONNREFUSED';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Http {
  /** Counts of answers by status ("ERR" for no answer), for the summary. */
  readonly statusCounts = new Map<string, number>();

  constructor(
    readonly baseUrl: string,
    private readonly violations: Violations,
  ) {}

  private count(key: string): void {
    this.statusCounts.set(key, (this.statusCounts.get(key) ?? 0) + 1);
  }

  /** One attempt. Records 5xx-other-than-503, a 503 without Retry-After and hangs as violations. */
  async once<T>(method: string, path: string, opts: CallOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let r: Response;
    try {
      r = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: AbortSignal.timeout(HANG_MS),
      });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      const hung = err.name === 'TimeoutError';
      this.count(hung ? 'HUNG' : 'ERR');
      if (hung) this.violations.add('hang', `${method} ${path} got no answer within ${HANG_MS} ms`);
      throw new NoAnswer(`${method} ${path}`, hung, err.cause?.code ?? err.message);
    }
    const text = await r.text();
    let body: unknown = text;
    let json = true;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      json = false; // not JSON: keep the text
    }
    if (r.status === 502 && !json) {
      // The gateway's own page (`npm run test:faults -- --cluster`): the API replica serving the request
      // died under it, which a client meets as it meets a connection reset without a gateway. The API
      // itself never answers 502 (its errors are JSON, so such a 502 still counts as a server error).
      this.count('502-gateway');
      throw new NoAnswer(`${method} ${path}`, false, 'BAD_GATEWAY');
    }
    const res: ApiResponse<T> = { status: r.status, body: body as T, retryAfter: r.headers.get('retry-after'), requestId: r.headers.get('x-request-id') };
    this.count(String(r.status));
    if (r.status >= 500 && r.status !== 503) {
      this.violations.add('server-error', `${method} ${path} → ${r.status} (request ${res.requestId}): ${text.slice(0, 300)}`);
    }
    if (r.status === 503 && !res.retryAfter) this.violations.add('no-retry-after', `${method} ${path} → 503 without Retry-After`);
    return res;
  }

  /**
   * Retries what a client should retry (503 after Retry-After, capped at 2 s so the run stays short;
   * a dropped connection after 500 ms) until retryForMs is spent; returns the last answer.
   */
  async call<T>(method: string, path: string, opts: CallOptions = {}): Promise<ApiResponse<T>> {
    const deadline = Date.now() + (opts.retryForMs ?? 0);
    for (;;) {
      try {
        const res = await this.once<T>(method, path, opts);
        if (res.status !== 503 || Date.now() >= deadline) return res;
        await sleep(Math.min(2000, Number(res.retryAfter ?? 1) * 1000));
      } catch (e) {
        if (!(e instanceof NoAnswer) || Date.now() >= deadline) throw e;
        await sleep(500);
      }
      if (opts.appliedCheck) {
        const applied = await this.appliedCheck(opts.appliedCheck, deadline);
        if (applied !== undefined) return { status: 200, body: applied as T, retryAfter: null, requestId: null };
      }
    }
  }

  /** The applied-check itself goes through an outage too: retry it until it answers. */
  private async appliedCheck(check: () => Promise<unknown | undefined>, deadline: number): Promise<unknown | undefined> {
    for (;;) {
      try {
        return await check();
      } catch (e) {
        if (Date.now() >= deadline) throw e;
        await sleep(500);
      }
    }
  }
}

/** Expects one of the statuses; otherwise throws naming the call and the answer. */
export function expectStatus<T>(res: ApiResponse<T>, what: string, ...ok: number[]): T {
  if (!ok.includes(res.status)) throw new Error(`${what}: expected ${ok.join('/')}, got ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
}

/** Signed-in demo users; a token is fetched on first use and again after a 401. */
export class Sessions {
  private readonly tokens = new Map<string, Promise<string>>();
  private readonly userIds = new Map<string, string>();

  constructor(private readonly http: Http) {}

  private readonly passwords = new Map<string, string>();

  /** A user the load created (a new hire) signs in with this password instead of the demo one. */
  remember(username: string, password: string): void {
    this.passwords.set(username, password);
  }

  token(username: string): Promise<string> {
    let t = this.tokens.get(username);
    if (!t) {
      const password = this.passwords.get(username) ?? DEMO_PASSWORD;
      t = this.http
        .call<{ accessToken: string; user: { id: string; mustSetPassword: boolean } }>('POST', '/api/auth/login', { body: { username, password }, retryForMs: 120_000 })
        .then(async (r) => {
          const body = expectStatus(r, `login ${username}`, 200);
          this.userIds.set(username, body.user.id);
          if (!body.user.mustSetPassword) return body.accessToken;
          // INF-10: a new hire's first password was set by HR; they set their own before acting.
          const own = `${password}-own`;
          const set = await this.http.call<{ accessToken: string }>('POST', '/api/auth/password', {
            token: body.accessToken,
            body: { currentPassword: password, newPassword: own },
            retryForMs: 120_000,
          });
          this.passwords.set(username, own);
          if (set.status !== 401) return expectStatus(set, `${username} sets their own password`, 200).accessToken;
          // 401 "this session has ended": an earlier attempt, whose answer was lost in the outage, already set
          // the password and so ended the session it was sent with. A client signs in with the new password.
          const again = expectStatus(
            await this.http.call<{ accessToken: string; user: { mustSetPassword: boolean } }>('POST', '/api/auth/login', { body: { username, password: own }, retryForMs: 120_000 }),
            `${username} signs in with the password they set`,
            200,
          );
          if (again.user.mustSetPassword) throw new Error(`${username}: the password they set is still marked one-time`);
          return again.accessToken;
        });
      t.catch(() => this.tokens.delete(username));
      this.tokens.set(username, t);
    }
    return t;
  }

  /** The user id of a signed-in user (from their login answer). */
  async userId(username: string): Promise<string> {
    await this.token(username);
    return this.userIds.get(username)!;
  }

  /** One authenticated attempt as username (the caller decides what a failure means). */
  async once<T>(username: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>> {
    return this.http.once<T>(method, path, { body, headers, token: await this.token(username) });
  }

  /** An authenticated call as username, retried through outages (retryForMs), re-signing in on 401. */
  async as<T>(username: string, method: string, path: string, opts: Omit<CallOptions, 'token'> = {}): Promise<ApiResponse<T>> {
    const res = await this.http.call<T>(method, path, { ...opts, token: await this.token(username) });
    if (res.status !== 401) return res;
    this.tokens.delete(username);
    return this.http.call<T>(method, path, { ...opts, token: await this.token(username) });
  }
}
