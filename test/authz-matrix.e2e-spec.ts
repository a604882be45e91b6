import { Controller, Get, type INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../apps/api/src/app.module.js';
import { AUTHORIZATION } from '../libs/policy/authorization.js';
import { isReadMethod } from '../libs/policy/access.js';
import { ROLES, type Role } from '../libs/policy/roles.js';
import { loadConfig } from '../libs/config/config.js';
import { text } from '../libs/policy/index.js';
import { EventStore } from '../libs/domain/events/event-store.js';
import { createProjectorRegistry } from '../libs/domain/projectors.js';
import { DEMO_USERS } from '../libs/domain/seed/demo.js';
import { notify } from '../libs/domain/tasks/commands.js';
import { call, loginAs, startTestApi, type TestApi } from './support/api.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { departmentWithEmployees, userWith } from './support/directory.js';
import { need, TEST_ENV } from './support/env.js';
import { discoverRoutes, type DiscoveredRoute } from './support/routes.js';

/**
 * The authorization matrix, generated from the routes the app really serves (not from a list kept by
 * hand): every route × every role, with the caller's own object and another department's object where
 * the route takes an id. A route added without a rule, or whose rule the guard does not enforce,
 * fails here.
 */

/** The few routes open without a token. Adding one is a security decision: extend this list knowingly. */
const PUBLIC_ROUTES = ['GET /health', 'GET /health/ready', 'POST /api/auth/login', 'POST /api/auth/refresh', 'POST /api/auth/logout'];
/** Mounted outside Nest controllers (so outside the guard): the OpenAPI document and its UI only. */
const DOCS = /^GET \/api\/docs(-json|-yaml|\/.*)?$/;

interface Caller {
  role: Role;
  token: string;
  userId: string;
  employeeId: string | null;
  departmentId: string | null;
}

type Variant = 'own' | 'other';
interface Fixtures {
  callers: Caller[];
  other: { departmentId: string; employeeId: string; userId: string; notificationId: string };
  /** An employee in outbound-1, "own" for its supervisor. */
  departmentEmployeeId: string;
}

/**
 * Known object families: which id is the caller's own and which belongs to another department. Other
 * routes with parameters get a fresh UUID (or a well-formed code), so they still prove 401 and 403.
 */
function objectIds(f: Fixtures): Record<string, (c: Caller, v: Variant) => string | undefined> {
  return {
    '/api/employees/:id': (c, v) => (v === 'other' ? f.other.employeeId : (c.employeeId ?? (c.role === 'supervisor' ? f.departmentEmployeeId : undefined))),
    '/api/users/:id': (c, v) => (v === 'other' ? f.other.userId : c.userId),
    '/api/departments/:id': (c, v) => (v === 'other' ? f.other.departmentId : (c.departmentId ?? undefined)),
    // Another person's notification: only its recipient may mark it read (everyone else: 404).
    '/api/notifications/:id/read': (_c, v) => (v === 'other' ? f.other.notificationId : undefined),
  };
}

function fillPath(route: DiscoveredRoute, f: Fixtures, c: Caller | null, v: Variant): { path: string; known: boolean; ownExists: boolean } {
  const known = objectIds(f)[route.path] as ((c: Caller, v: Variant) => string | undefined) | undefined;
  const id = known ? known(c ?? f.callers[0], c ? v : 'other') : undefined;
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => {
    if (known && name === 'id' && id) return id;
    if (name === 'code') return v === 'own' ? 'A1001' : 'A1049';
    return /id$/i.test(name) ? randomUUID() : 'x';
  });
  return { path, known: !!known, ownExists: !!id };
}

const ruleText = (r: DiscoveredRoute) => (r.rule === undefined ? 'NO RULE' : r.rule === 'authenticated' ? 'authenticated' : r.rule.join('|'));
/** A read: GET/HEAD/OPTIONS, or a POST that changes nothing (@ReadOnlyRoute). */
const reads = (r: DiscoveredRoute) => isReadMethod(r.method) || r.readOnly;
const inRule = (r: DiscoveredRoute, role: Role) =>
  r.rule === 'authenticated' || (Array.isArray(r.rule) && r.rule.includes(role) && !(role === 'auditor' && !reads(r)));

/** Runs requests a few at a time (the machine has two cores). */
async function inBatches<T>(items: T[], size: number, fn: (t: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

describe('authorization matrix (generated from the routes)', () => {
  let db: TestDatabase;
  let api: TestApi;
  let routes: DiscoveredRoute[];
  let outsideNest: string[];
  let f: Fixtures;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApi(db.url, { SEED_DEMO: '1' });
    ({ routes, outsideNest } = discoverRoutes(api.app));
    const events = new EventStore(db.dataSource, createProjectorRegistry());
    const other = await departmentWithEmployees(events, 'outbound-2', 1);
    const otherUserId = await userWith(events, 'agent9', ['employee'], { employeeId: other.employeeIds[0] });
    const callers: Caller[] = [];
    for (const role of ROLES) {
      const username = DEMO_USERS.find((u) => u.role === role)!.username;
      const token = await loginAs(api.baseUrl, username);
      const me = (await call(api.baseUrl, token, 'GET', '/api/me')).body;
      callers.push({ role, token, userId: me.id, employeeId: me.employee?.id ?? null, departmentId: me.department?.id ?? null });
    }
    await notify(events, {}, { subject: 'task:matrix', recipients: [{ userId: otherUserId }], title: text('t', 't'), body: text('b', 'b') });
    const [{ id: notificationId }] = await db.dataSource.query(`SELECT id FROM notifications WHERE recipient_user_id = $1`, [otherUserId]);
    const [{ id: departmentEmployeeId }] = await db.dataSource.query(`SELECT e.id FROM employees e JOIN departments d ON d.id = e.department_id WHERE d.code = 'outbound-1' LIMIT 1`);
    f = { callers, other: { departmentId: other.departmentId, employeeId: other.employeeIds[0], userId: otherUserId, notificationId }, departmentEmployeeId };
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('finds the routes, and every route declares a rule (a route without one fails here)', () => {
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.filter((r) => !r.isPublic && r.rule === undefined).map((r) => `${r.method} ${r.path} (${r.handler})`)).toEqual([]);
    expect(routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.path}`).sort()).toEqual([...PUBLIC_ROUTES].sort());
    expect(outsideNest.filter((r) => !DOCS.test(r))).toEqual([]);
    // The auditor changes nothing: no writing route lists it.
    expect(routes.filter((r) => !reads(r) && Array.isArray(r.rule) && r.rule.includes('auditor')).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('without a token every non-public route answers 401', async () => {
    const wrong: string[] = [];
    await inBatches(
      routes.filter((r) => !r.isPublic),
      8,
      async (r) => {
        const { path } = fillPath(r, f, null, 'other');
        const res = await call(api.baseUrl, null, r.method, path, isReadMethod(r.method) ? undefined : {});
        if (res.status !== 401) wrong.push(`${r.method} ${path}: ${res.status}`);
      },
    );
    expect(wrong).toEqual([]);
  });

  it('every role × every route: outside the rule 403, inside anything but 401/403; other departments are not revealed', async () => {
    const wrong: string[] = [];
    const check = async (r: DiscoveredRoute, c: Caller, v: Variant) => {
      const { path, known, ownExists } = fillPath(r, f, c, v);
      const res = await call(api.baseUrl, c.token, r.method, path, isReadMethod(r.method) ? undefined : {});
      const where = `${c.role} ${r.method} ${path} [${ruleText(r)}, ${v}]`;
      if (!inRule(r, c.role)) {
        if (res.status !== 403) wrong.push(`${where}: expected 403, got ${res.status}`);
        return;
      }
      if (res.status === 401 || res.status === 403) wrong.push(`${where}: expected access, got ${res.status} ${res.body?.message ?? ''}`);
      if (known && r.method === 'GET') {
        // Object-level rule: own objects are visible; another department's only to the directory readers.
        const expected = v === 'other' ? ((AUTHORIZATION.directory.readAll as readonly Role[]).includes(c.role) ? 200 : 404) : ownExists ? 200 : 404;
        if (res.status !== expected) wrong.push(`${where}: expected ${expected}, got ${res.status}`);
      }
      if (r.path === '/api/notifications/:id/read' && res.status !== 404) wrong.push(`${where}: another person's notification must be 404, got ${res.status}`);
    };
    const guarded = routes.filter((r) => !r.isPublic);
    const variants = (r: DiscoveredRoute): Variant[] => (/:\w+/.test(r.path) ? ['own', 'other'] : ['own']);
    // Reads first, in parallel; then writes one by one, aimed only at the other department's objects, so
    // a write (a deactivation, a retirement) cannot disturb the callers or the read checks.
    const reads = guarded.filter((r) => isReadMethod(r.method)).flatMap((r) => f.callers.flatMap((c) => variants(r).map((v) => ({ r, c, v }))));
    await inBatches(reads, 8, ({ r, c, v }) => check(r, c, v));
    for (const r of guarded.filter((x) => !isReadMethod(x.method))) for (const c of f.callers) await check(r, c, 'other');
    expect(wrong).toEqual([]);
  });
});

@Controller('matrix-probe')
class RuleLessController {
  @Get()
  probe(): string {
    return 'should never be served';
  }
}

describe('a route without an access rule', () => {
  let db: TestDatabase;
  let app: INestApplication;
  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error', DATABASE_URL: db.url, TEMPORAL_ADDRESS: need(TEST_ENV.temporalAddress), TEMPORAL_PAYLOAD_KEYS: need(TEST_ENV.payloadKeys), JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789' });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)], controllers: [RuleLessController] }).compile();
    app = moduleRef.createNestApplication();
    app.setGlobalPrefix('api', { exclude: ['health', 'health/ready'] });
    await app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('is refused by the guard for every caller, and the matrix discovery reports it', async () => {
    const events = new EventStore(db.dataSource, createProjectorRegistry());
    const userId = await userWith(events, 'probe', [...ROLES]);
    const token = await app.get(JwtService).signAsync({ sub: userId, typ: 'access', sv: 0 }); // a new user: session version 0
    const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
    const r = await call(base, token, 'GET', '/api/matrix-probe');
    expect(r.status).toBe(403);
    expect(r.body.message).toMatch(/has no access rule/);
    expect((await call(base, null, 'GET', '/api/matrix-probe')).status).toBe(401);
    const probe = discoverRoutes(app).routes.find((x) => x.path === '/api/matrix-probe');
    expect(probe).toMatchObject({ method: 'GET', isPublic: false, rule: undefined });
  });
});
