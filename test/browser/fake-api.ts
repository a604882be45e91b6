import type { Page, Route } from 'playwright-core';
import type { AccessRequest, AuditEvent, AuditPage, ChainStatus, Me, Offboarding, Onboarding, Page as ApiPage, ReturnItem, Role, Task, Tokens, WebConfig } from '../../apps/web/src/api/types.js';

/**
 * A stand-in for the API, answering the web app's calls inside the browser (page.route), so every
 * screen can be rendered with realistic data in both languages without running the workflows. Typed
 * with the web app's own API types: when those are reconciled with the server, these follow.
 * The journeys against the real API are in *.e2e-spec.ts files that do not use this.
 */
// Relative to the real clock: the app compares due times with now.
const now = Date.now();
const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();

const department = { id: 'd-outbound-1', code: 'outbound-1', nameEn: 'Outbound 1', nameZh: '外呼一部' };
const user = (username: string, displayName: string, roles: Role[]): Me => ({
  id: `u-${username}`,
  username,
  displayName,
  roles,
  locale: 'zh-CN',
  timeZone: 'Asia/Shanghai',
  department,
  employee: roles.includes('employee') ? { id: `e-${username}`, fullName: displayName, status: 'active' } : null,
  agentId: null,
  privilegedAgentId: null,
});

export const FAKE_USERS: Record<string, Me> = {
  agent1: user('agent1', '李娜', ['employee']),
  supervisor: user('supervisor', '王强', ['supervisor']),
  leader: user('leader', '陈总', ['leadership']),
  it: user('it', '赵工', ['it']),
  hr: user('hr', '刘芳', ['hr']),
  site: user('site', '孙经理', ['site_manager']),
  ccmanager: user('ccmanager', '周经理', ['cc_manager']),
  auditor: user('auditor', '吴审计', ['auditor']),
};

const request: AccessRequest = {
  id: 'ar-1',
  kind: 'external_network',
  status: 'active',
  requesterId: 'u-agent1',
  requesterName: '李娜',
  justification: '需要访问供应商门户核对客户订单。',
  durationMinutes: 240,
  createdAt: at(-180),
  enabledAt: at(-60),
  expiresAt: at(180),
  timeline: [
    { at: at(-180), type: 'requested', actorName: '李娜' },
    { at: at(-150), type: 'approved', stage: 'supervisor_review', actorName: '王强', comment: '同意' },
    { at: at(-120), type: 'approved', stage: 'leadership_signoff', actorName: '陈总' },
    { at: at(-60), type: 'enabled', stage: 'it_enable', actorName: '赵工' },
  ],
};
const pendingRequest: AccessRequest = { ...request, id: 'ar-2', kind: 'usb_media', status: 'pending', enabledAt: null, expiresAt: null, timeline: [{ at: at(-5), type: 'requested', actorName: '李娜' }] };

const tasks: Task[] = [
  {
    id: 't-1',
    kind: 'approval',
    title: { en: 'Review external network request from 李娜', zh: '审核李娜的外网访问申请' },
    status: 'open',
    assigneeId: null,
    candidateRole: 'supervisor',
    departmentId: 'd-outbound-1',
    dueAt: at(-30),
    createdAt: at(-300),
    escalated: true,
    processType: 'access_request',
    processId: 'ar-1',
    context: { requesterName: '李娜', requestKind: 'external_network', justification: request.justification, durationMinutes: 240 },
    history: [{ at: at(-300), outcome: 'requested', actorName: '李娜' }],
  },
  {
    id: 't-2',
    kind: 'return_item',
    title: { en: 'Check returned disks of 张伟', zh: '核对张伟归还的磁盘' },
    status: 'open',
    assigneeId: null,
    candidateRole: 'site_manager',
    departmentId: 'd-outbound-1',
    dueAt: at(600),
    createdAt: at(-20),
    processType: 'offboarding',
    processId: 'off-1',
    context: { employeeName: '张伟', itemKind: 'disks' },
    history: [],
  },
  {
    id: 't-3',
    kind: 'agreement',
    title: { en: 'Sign the confidentiality agreement', zh: '签署保密协议' },
    status: 'open',
    assigneeId: 'u-agent1',
    assigneeName: '李娜',
    candidateRole: null,
    departmentId: 'd-outbound-1',
    dueAt: at(1440),
    createdAt: at(-10),
    processType: 'onboarding',
    processId: 'on-1',
    context: { agreementVersion: '2026-1', agreementText: '员工应对工作中知悉的客户信息保密……' },
  },
];

const onboarding: Onboarding = {
  id: 'on-1',
  employeeId: 'e-new',
  fullName: '马丽',
  state: 'running',
  stage: 'agreement',
  createdAt: at(-60),
  agentId: null,
  workstationIp: null,
  steps: [
    { step: 'created', state: 'completed', at: at(-60), by: '刘芳' },
    { step: 'agreement', state: 'started', at: at(-60), by: null },
  ],
};

const item = (itemId: string, kind: string, state: ReturnItem['state'], extra: Partial<ReturnItem> = {}): ReturnItem => ({
  itemId,
  kind,
  label: '',
  state,
  checkedBy: null,
  note: null,
  virusCheck: null,
  signedOffBy: null,
  ...extra,
});

const offboarding: Offboarding = {
  id: 'off-1',
  employeeId: 'e-zw',
  employeeName: '张伟',
  state: 'running',
  stage: 'return_checklist',
  createdAt: at(-120),
  agentId: 'A1001',
  steps: [
    { step: 'access_revoked', state: 'completed', at: at(-119), by: null },
    { step: 'return_checklist', state: 'started', at: at(-119), by: null },
  ],
  items: [
    item('i-1', 'documents', 'received', { checkedBy: '孙经理' }),
    item('i-2', 'disks', 'virus_check', { checkedBy: '孙经理' }),
    item('i-3', 'other_media', 'missing', { label: '工牌', note: '员工称已遗失', checkedBy: '孙经理' }),
    item('i-4', 'tapes', 'pending'),
  ],
};

const events: AuditEvent[] = [1, 2, 3].map((seq) => ({
  seq,
  subject: `access-request:ar-${seq}`,
  eventId: `00000000-0000-4000-8000-00000000000${seq}`,
  type: seq === 1 ? 'access_request.submitted' : 'access_request.approved',
  actor: 'u-agent1',
  payload: { kind: 'external_network' },
  occurredAt: at(-seq * 10),
  prevHash: '0'.repeat(64),
  hash: 'ab'.repeat(32),
}));

const page = <T>(items: T[]): ApiPage<T> => ({ items, total: items.length, page: 1, pageSize: 50 });
const config: WebConfig = { temporalUiUrl: 'http://127.0.0.1:8233', temporalNamespace: 'default', defaultTimeZone: 'Asia/Shanghai' };

/** Installs the stand-in on a page; returns the calls it saw (method + path) for assertions. */
export async function fakeApi(p: Page): Promise<string[]> {
  const calls: string[] = [];
  const users: Record<string, Me> = structuredClone(FAKE_USERS);
  let signedIn: Me | null = null;
  await p.route('**/api/**', async (route: Route) => {
    const req = route.request();
    const url = new URL(req.url());
    const path = url.pathname;
    calls.push(`${req.method()} ${path}`);
    const json = (body: unknown, status = 200) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
    const id = path.split('/')[3];

    if (path === '/api/auth/login') {
      const { username } = req.postDataJSON() as { username: string };
      signedIn = users[username] ?? null;
      const tokens: Tokens = { tokenType: 'Bearer', accessToken: 'a', accessTokenExpiresAt: at(15), refreshToken: 'r'.repeat(20), refreshTokenExpiresAt: at(720), user: signedIn! };
      return signedIn ? json(tokens) : json({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Wrong username or password' }, 401);
    }
    if (path === '/api/auth/logout') return route.fulfill({ status: 204 });
    if (path === '/api/me' && req.method() === 'PATCH' && signedIn) signedIn = users[signedIn.username] = { ...signedIn, ...(req.postDataJSON() as Partial<Me>) };
    if (path === '/api/me') return signedIn ? json(signedIn) : json({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'no' }, 401);
    if (path === '/api/config') return json(config);
    if (path === '/api/tasks') {
      const kind = url.searchParams.get('kind');
      return json(page(tasks.filter((x) => !kind || x.kind === kind)));
    }
    if (path.startsWith('/api/tasks/')) {
      const task = tasks.find((x) => x.id === id);
      if (!task) return json({ statusCode: 404, code: 'NOT_FOUND', message: `Task ${id} does not exist` }, 404);
      return json(req.method() === 'GET' ? task : { ...task, status: 'decided' });
    }
    if (path === '/api/access-requests') {
      if (req.method() === 'POST') return json(pendingRequest, 201);
      return json(page(url.searchParams.get('status') === 'active' ? [request] : [request, pendingRequest]));
    }
    if (path.startsWith('/api/access-requests/')) return json(id === 'ar-2' ? pendingRequest : request);
    if (path === '/api/onboardings') return json(req.method() === 'POST' ? onboarding : page([onboarding]));
    if (path.startsWith('/api/onboardings/')) return json(onboarding);
    if (path === '/api/offboardings') return json(req.method() === 'POST' ? offboarding : page([offboarding]));
    if (path.startsWith('/api/offboardings/')) return json(offboarding);
    if (path === '/api/departments') return json(page([department]));
    if (path === '/api/employees') return json(page([{ id: 'e-zw', fullName: '张伟', status: 'active', departmentId: department.id }]));
    if (path === '/api/audit/verify') return json({ ok: true, checked: 3, lastSeq: 3, lastHash: 'ab'.repeat(32) } satisfies ChainStatus);
    if (path === '/api/audit') return json({ items: events, nextCursor: null } satisfies AuditPage);
    if (path === '/api/emergency/external-access/revoke-all') return json({ revoked: 1 });
    return json({ statusCode: 404, code: 'NOT_FOUND', message: `no fake for ${path}` }, 404);
  });
  return calls;
}
