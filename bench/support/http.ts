/**
 * The benchmark's HTTP side: a signed-in person calling the API the way the web app does (JSON, a
 * Bearer token), with every call optionally timed under its route name. Node's fetch keeps
 * connections alive, so latencies are the API's, not TCP handshakes'.
 */
import type { LatencyRecorder } from './latency.js';

/** The demo accounts' password (libs/domain/seed/demo.ts); bench-created users get it too. */
export const BENCH_PASSWORD = 'demo-password';

export interface Session {
  username: string;
  userId: string;
  token: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly route: string,
    readonly body: unknown,
  ) {
    super(`${route} → ${status}: ${typeof body === 'string' ? body.slice(0, 200) : JSON.stringify(body).slice(0, 200)}`);
  }
}

export class Api {
  constructor(
    readonly baseUrl: string,
    private readonly rec?: LatencyRecorder,
  ) {}

  /** The same client recording into another recorder (e.g. none during warm-up). */
  withRecorder(rec: LatencyRecorder | undefined): Api {
    return new Api(this.baseUrl, rec);
  }

  /** A bench-created user's password was set by HR, so it is one-time (INF-10): they set their own once. */
  async login(username: string, password = BENCH_PASSWORD): Promise<Session> {
    const r = await this.call<{ accessToken: string; user: { id: string; mustSetPassword: boolean } }>(null, 'POST', '/api/auth/login', { username, password }, { untimed: true });
    if (!r.user.mustSetPassword) return { username, userId: r.user.id, token: r.accessToken };
    const own = await this.call<{ accessToken: string }>({ username, userId: r.user.id, token: r.accessToken }, 'POST', '/api/auth/password', { currentPassword: password, newPassword: `${password}-own` }, { untimed: true });
    return { username, userId: r.user.id, token: own.accessToken };
  }

  /**
   * One call; a status outside 2xx throws an HttpError. `route` names the latency (defaults to
   * "METHOD path" with ids and the query string cut off, so all calls of one route share a histogram).
   */
  async call<T>(who: Session | null, method: string, path: string, body?: unknown, o: { route?: string; untimed?: boolean } = {}): Promise<T> {
    const route = o.route ?? `${method} ${routeOf(path)}`;
    const headers: Record<string, string> = {};
    if (who) headers.authorization = `Bearer ${who.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    const r = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }).catch((e: Error & { cause?: { code?: string; message?: string } }) => {
      // undici says only "fetch failed": name the call and the transport's reason (ECONNRESET, a timeout, …).
      throw new Error(`${route}: no response (${e.cause?.code ?? e.cause?.message ?? e.message})`, { cause: e });
    });
    const text = await r.text();
    const elapsed = performance.now() - started;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text for the error message
    }
    if (r.status < 200 || r.status > 299) throw new HttpError(r.status, route, parsed);
    if (!o.untimed) this.rec?.record(route, elapsed);
    return parsed as T;
  }
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** `/api/tasks/<uuid>/complete?x=1` → `/api/tasks/:id/complete`. */
export function routeOf(path: string): string {
  return path.split('?')[0].replace(UUID, ':id');
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Repeats `probe` every `everyMs` until it returns a value (not undefined) or `timeoutMs` passes. */
export async function pollUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 50): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
