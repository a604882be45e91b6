/**
 * What the API must answer while a dependency is down. With PostgreSQL down every route that needs it
 * (sign-in, the guard's user lookup on every authenticated route, reads, writes) answers 503 with
 * Retry-After, quickly: never a 500, never a hang. With Temporal down, readiness says so and routes
 * that only need PostgreSQL keep working.
 */
import { randomUUID } from 'node:crypto';
import type { FaultContext } from './faults.js';
import { DEMO_PASSWORD, NoAnswer } from './http.js';

/** An outage answer slower than this is a violation: callers must be told to retry, not kept waiting. */
export const PROBE_LIMIT_MS = 10_000;

interface Probe {
  name: string;
  method: string;
  path: string;
  /** Signed in as this demo user (the token is fetched before the outage). */
  as?: string;
  body?: () => unknown;
  /** The route as the OpenAPI document names it, when the probe needs one that not every build serves. */
  route?: string;
}

export interface ProbeStats {
  answers: number;
  byStatus: Record<string, number>;
  maxMs: number;
}

const accessRequest = () => ({ kind: 'external_network', justification: 'outage probe', durationMinutes: 60 });

/** Sign-in, the guard's user lookup, reads and writes, of main and of the workflows' API. */
const POSTGRES_PROBES: Probe[] = [
  { name: 'readiness', method: 'GET', path: '/health/ready' },
  { name: 'sign-in', method: 'POST', path: '/api/auth/login', body: () => ({ username: 'hr', password: DEMO_PASSWORD }) },
  { name: 'own profile (guard lookup)', method: 'GET', path: '/api/me', as: 'agent1' },
  { name: 'agent-ID list', method: 'GET', path: '/api/agent-ids', as: 'idadmin' },
  { name: 'issue an agent ID (write)', method: 'POST', path: '/api/agent-ids/assign-next', as: 'idadmin', body: () => ({ employeeId: randomUUID() }) },
  { name: 'audit trail', method: 'GET', path: '/api/audit', as: 'auditor' },
  { name: 'inbox', method: 'GET', path: '/api/tasks', as: 'supervisor', route: '/api/tasks' },
  { name: 'onboardings', method: 'GET', path: '/api/onboardings', as: 'hr', route: '/api/onboardings' },
  { name: 'submit an access request', method: 'POST', path: '/api/access-requests', as: 'agent1', body: accessRequest, route: '/api/access-requests' },
];

/**
 * With Temporal down: readiness 503; what needs only PostgreSQL answers as usual; what must start a
 * workflow answers 503 (nothing is started, so the probe leaves no request behind).
 */
const TEMPORAL_PROBES: (Probe & { expect: number })[] = [
  { name: 'readiness', method: 'GET', path: '/health/ready', expect: 503 },
  { name: 'own profile', method: 'GET', path: '/api/me', as: 'agent1', expect: 200 },
  { name: 'agent-ID list', method: 'GET', path: '/api/agent-ids', as: 'idadmin', expect: 200 },
  { name: 'inbox', method: 'GET', path: '/api/tasks', as: 'supervisor', route: '/api/tasks', expect: 200 },
  { name: 'submit an access request', method: 'POST', path: '/api/access-requests', as: 'agent1', body: accessRequest, route: '/api/access-requests', expect: 503 },
];

export interface OutageProbes {
  postgres: Probe[];
  temporal: (Probe & { expect: number })[];
  /** Every user a probe signs in as: the runner fetches their tokens before any outage. */
  users: string[];
}

/** The probes whose routes this build serves (paths of its OpenAPI document). */
export function probesFor(routes: Set<string>): OutageProbes {
  const served = <P extends Probe>(ps: P[]) => ps.filter((p) => !p.route || routes.has(p.route));
  const postgres = served(POSTGRES_PROBES);
  const temporal = served(TEMPORAL_PROBES);
  return { postgres, temporal, users: [...new Set([...postgres, ...temporal].map((p) => p.as).filter((u): u is string => !!u))] };
}

async function ask(ctx: FaultContext, p: Probe, stats: ProbeStats): Promise<{ status: number; retryAfter: string | null; ms: number; body: unknown } | undefined> {
  const t0 = Date.now();
  try {
    const token = p.as ? await ctx.sessions.token(p.as) : undefined;
    const r = await ctx.http.once(p.method, p.path, { token, body: p.body?.() });
    const ms = Date.now() - t0;
    stats.answers += 1;
    stats.byStatus[r.status] = (stats.byStatus[r.status] ?? 0) + 1;
    stats.maxMs = Math.max(stats.maxMs, ms);
    if (ms > PROBE_LIMIT_MS) ctx.violations.add('slow-outage-answer', `${p.method} ${p.path} took ${ms} ms to answer during the outage (limit ${PROBE_LIMIT_MS} ms)`);
    return { status: r.status, retryAfter: r.retryAfter, ms, body: r.body };
  } catch (e) {
    stats.byStatus.ERR = (stats.byStatus.ERR ?? 0) + 1;
    ctx.violations.add('outage-no-answer', `${p.method} ${p.path}: ${e instanceof NoAnswer ? e.message : (e as Error).message}`);
    return undefined;
  }
}

/** Probes every route in parallel, again and again, until forMs has passed (at least once). */
async function probeLoop(forMs: number, once: () => Promise<void>): Promise<void> {
  const until = Date.now() + forMs;
  do {
    const t0 = Date.now();
    await once();
    await new Promise((r) => setTimeout(r, Math.max(0, 500 - (Date.now() - t0))));
  } while (Date.now() < until);
}

export async function probePostgresOutage(ctx: FaultContext, forMs: number): Promise<ProbeStats> {
  const stats: ProbeStats = { answers: 0, byStatus: {}, maxMs: 0 };
  await probeLoop(forMs, async () => {
    await Promise.all(
      ctx.probes.postgres.map(async (p) => {
        const r = await ask(ctx, p, stats);
        if (!r) return;
        if (r.status !== 503) ctx.violations.add('outage-status', `${p.name}: ${p.method} ${p.path} answered ${r.status}, not 503, while PostgreSQL was down: ${JSON.stringify(r.body).slice(0, 200)}`);
        else if (!r.retryAfter) ctx.violations.add('outage-retry-after', `${p.name}: ${p.method} ${p.path} answered 503 without Retry-After`);
      }),
    );
  });
  return stats;
}

export async function probeTemporalOutage(ctx: FaultContext, forMs: number): Promise<ProbeStats> {
  const stats: ProbeStats = { answers: 0, byStatus: {}, maxMs: 0 };
  await probeLoop(forMs, async () => {
    await Promise.all(
      ctx.probes.temporal.map(async (p) => {
        const r = await ask(ctx, p, stats);
        if (r && r.status !== p.expect) ctx.violations.add('outage-status', `${p.name}: ${p.method} ${p.path} answered ${r.status}, expected ${p.expect}, while Temporal was down`);
      }),
    );
  });
  return stats;
}
