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

const entry = (at: string, type: string, actorName: string | null, stage: string | null = null, comment: string | null = null) => ({ at, type, actorName, stage, comment });

const request: AccessRequest = {
  id: 'ar-1',
  kind: 'external_network',
  status: 'active',
  endReason: null,
  stage: 'active',
  requesterId: 'u-agent1',
  requesterName: '李娜',
  departmentId: department.id,
  justification: '需要访问供应商门户核对客户订单。',
  durationMinutes: 240,
  createdAt: at(-180),
  enabledAt: at(-60),
  enabledBy: '赵工',
  expiresAt: at(180),
  resource: null,
  workflowId: 'access-request-ar-1',
  timeline: [
    entry(at(-180), 'requested', '李娜'),
    entry(at(-150), 'approved', '王强', 'supervisor_review', '同意'),
    entry(at(-120), 'approved', '陈总', 'leadership_signoff'),
    entry(at(-60), 'enabled', '赵工', 'it_enable'),
  ],
};
const pendingRequest: AccessRequest = {
  ...request,
  id: 'ar-2',
  kind: 'usb_media',
  status: 'pending',
  stage: 'supervisor_review',
  enabledAt: null,
  enabledBy: null,
  expiresAt: null,
  workflowId: 'access-request-ar-2',
  timeline: [entry(at(-5), 'requested', '李娜')],
};

const task = (t: Partial<Task> & Pick<Task, 'id' | 'kind' | 'step' | 'title' | 'processType' | 'processId' | 'context'>): Task => ({
  status: 'open',
  assigneeId: null,
  assigneeName: null,
  claimedBy: null,
  candidateRole: null,
  departmentId: department.id,
  dueAt: at(600),
  deadlineAt: null,
  createdAt: at(-20),
  escalated: false,
  workflowId: `${t.processType.replace('_', '-')}-${t.processId}`,
  history: [],
  outcomes: ['done'],
  expected: null,
  ...t,
});

const tasks: Task[] = [
  task({
    id: 't-1',
    kind: 'approval',
    step: 'supervisor_review',
    title: { en: 'SYS-1: Review an external network access request', zh: 'SYS-1：审核外网访问申请' },
    candidateRole: 'supervisor',
    dueAt: at(-30),
    deadlineAt: at(7 * 1440),
    createdAt: at(-300),
    escalated: true,
    processType: 'access_request',
    processId: 'ar-1',
    outcomes: ['approve', 'reject'],
    context: { summary: { en: 'An Li asks for the external network for 4 h', zh: '李娜申请外网访问 4 小时' }, requesterName: '李娜', kind: 'external_network', justification: request.justification, durationMinutes: 240, round: 0 },
    history: [{ at: at(-300), stage: 'submitted', actorId: 'u-agent1', outcome: 'requested', actorName: '李娜', comment: null }],
  }),
  task({
    id: 't-2',
    kind: 'return_item',
    step: 'return_checklist',
    title: { en: 'INF-13: Check a returned item: Disks', zh: 'INF-13：核对归还物品：磁盘' },
    candidateRole: 'site_manager',
    processType: 'offboarding',
    processId: 'e-zw',
    context: { subjectName: '张伟', itemKind: 'disks', itemLabel: 'Disks', kind: 'disks' },
  }),
  task({
    id: 't-3',
    kind: 'agreement',
    step: 'agreement',
    title: { en: 'INF-10: Sign the confidentiality agreement', zh: 'INF-10：签署保密协议' },
    assigneeId: 'u-agent1',
    assigneeName: '李娜',
    dueAt: at(1440),
    processType: 'onboarding',
    processId: 'e-new',
    expected: { agreementVersion: '2026-1', textHash: 'ab'.repeat(32) },
    context: { subjectName: '李娜', agreementText: '员工应对工作中知悉的客户信息保密……' },
  }),
  task({
    id: 't-4',
    kind: 'account_setup',
    step: 'it_setup',
    title: { en: 'SYS-2: Set up accounts for a new agent', zh: 'SYS-2：为新坐席开通账号' },
    candidateRole: 'it',
    processType: 'onboarding',
    processId: 'e-new',
    context: { subjectName: '马丽' },
  }),
];

const onboarding: Onboarding = {
  id: 'e-new',
  employeeId: 'e-new',
  fullName: '马丽',
  state: 'running',
  stage: 'agreement',
  createdAt: at(-60),
  endedAt: null,
  workflowId: 'onboarding-e-new',
  agentId: null,
  userId: 'u-mali',
  workstationIp: null,
  agreement: null,
  steps: [
    { step: 'created', state: 'completed', at: at(-60), by: 'u-hr' },
    { step: 'agreement', state: 'started', at: at(-60), by: null },
  ],
};

const item = (itemId: string, kind: string, label: string, state: ReturnItem['state'], extra: Partial<ReturnItem> = {}): ReturnItem => ({
  itemId,
  kind,
  label,
  state,
  checkedBy: null,
  note: null,
  virusCheck: null,
  signedOffBy: null,
  ...extra,
});

const offboarding: Offboarding = {
  id: 'e-zw',
  employeeId: 'e-zw',
  fullName: '张伟',
  employeeName: '张伟',
  reason: '辞职',
  state: 'running',
  stage: 'return_checklist',
  createdAt: at(-120),
  endedAt: null,
  workflowId: 'offboarding-e-zw',
  agentId: 'A1001',
  steps: [
    { step: 'access_revoked', state: 'completed', at: at(-119), by: null },
    { step: 'return_checklist', state: 'started', at: at(-119), by: null },
  ],
  items: [
    item('i-1', 'documents', 'Documents', 'received', { checkedBy: 'u-site' }),
    item('i-2', 'disks', 'Disks', 'virus_check', { checkedBy: 'u-site' }),
    item('i-3', 'other_media', '工牌', 'missing', { note: '员工称已遗失', checkedBy: 'u-site' }),
    item('i-4', 'tapes', 'Tapes', 'pending'),
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
      const found = tasks.find((x) => x.id === id);
      if (!found) return json({ statusCode: 404, code: 'NOT_FOUND', message: `Task ${id} does not exist` }, 404);
      return json(req.method() === 'GET' ? found : { ...found, status: 'decided' });
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
    if (path === '/api/emergency/external-access/revoke-all') return json({ revoked: 1, requestIds: [request.id] });
    if (path === '/api/users') return json(page(Object.values(users).map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, roles: u.roles, active: true }))));
    return json({ statusCode: 404, code: 'NOT_FOUND', message: `no fake for ${path}` }, 404);
  });
  return calls;
}
