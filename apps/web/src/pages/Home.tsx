import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import { useFormat } from '../app/format.js';
import { useLoad, useNow, usePolling } from '../app/hooks.js';
import { POLL_MS } from '../app/inbox-count.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { EmptyState, ErrorMessage, Loading, PageTitle, StatusBadge } from '../components/common.js';
import { isOverdue, TaskList } from '../components/TaskList.js';
import { accessKindLabel } from '../i18n/labels.js';
import { isOpen } from './task-form.js';

/** Home: what needs this person now, section by section according to their roles. */
export function Home() {
  const { t } = useTranslation();
  const { me, has, can } = useSession();
  return (
    <>
      <PageTitle title={t('home.title')}>{t('home.greeting', { name: me?.displayName ?? '' })}</PageTitle>
      <div className="grid">
        <TasksCard />
        {has('employee', 'supervisor', 'leadership', 'it', 'cc_manager', 'site_manager', 'id_admin', 'hr', 'security') && <MyRequestsCard />}
        {can('onboarding.start') && <HrCard />}
        {can('accessRequests.cutOff') && <GrantsCard />}
        {can('audit.read') && <ChainCard />}
      </div>
    </>
  );
}

function TasksCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow(30_000);
  const tasks = useLoad(() => api.listTasks({ mine: true, myRoles: true, status: 'open', pageSize: 5 }), []);
  usePolling(tasks.reload, POLL_MS);
  const items = tasks.data?.items ?? [];
  const total = tasks.data?.total ?? items.length;
  const overdue = items.filter((x) => isOverdue(x, now)).length;
  return (
    <section className="card" aria-labelledby="home-tasks">
      <h2 id="home-tasks">{t('home.tasks')}</h2>
      <ErrorMessage error={tasks.error} />
      {tasks.loading && !tasks.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState title={t('home.noTasks')} hint={t('home.noTasksHint')} />
      ) : (
        <>
          {/* The next action first, as a button: someone new needs no docs to find their approvals. */}
          <p>
            <Link to="/inbox" className="button primary" data-testid="home-next-inbox">
              {t('home.tasksWaiting', { count: total, shown: format.count(total, tasks.data?.totalCapped) })}
            </Link>
            {overdue > 0 && <strong className="danger-text"> {t('home.tasksOverdue', { count: overdue })}</strong>}
          </p>
          <TaskList tasks={items.filter(isOpen)} />
        </>
      )}
    </section>
  );
}

function MyRequestsCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useNow(30_000);
  const reqs = useLoad(() => api.listAccessRequests({ mine: true }), []);
  const live = (reqs.data?.items ?? []).filter((r) => r.status === 'pending' || r.status === 'active');
  // Asking for access is what an agent comes here for: the button is always there, first in the card.
  const ask = (
    <Link to="/requests/new" className="button primary" data-testid="home-next-request">
      {t('home.askAccess')}
    </Link>
  );
  return (
    <section className="card" aria-labelledby="home-requests">
      <h2 id="home-requests">{t('home.requests')}</h2>
      <ErrorMessage error={reqs.error} />
      {reqs.loading && !reqs.data ? (
        <Loading />
      ) : live.length === 0 ? (
        <EmptyState title={t('home.noRequests')} hint={t('home.noRequestsHint')} action={ask} />
      ) : (
        <ul className="list">
          {live.map((r) => (
            <li key={r.id}>
              <Link to={`/requests/${encodeURIComponent(r.id)}`} className="list-main">
                {accessKindLabel(t, r.kind)}
              </Link>
              <div className="list-meta">
                <StatusBadge status={r.status} />
                {r.status === 'active' && r.expiresAt && <span>{t('requests.timeLeft', { left: f.duration(new Date(r.expiresAt).getTime() - now) })}</span>}
              </div>
            </li>
          ))}
        </ul>
      )}
      {live.length > 0 && <p>{ask}</p>}
    </section>
  );
}

function HrCard() {
  const { t } = useTranslation();
  const on = useLoad(() => api.listOnboardings(), []);
  const off = useLoad(() => api.listOffboardings(), []);
  const running = (s: string) => s === 'running';
  return (
    <section className="card" aria-labelledby="home-hr">
      <h2 id="home-hr">{t('home.hr')}</h2>
      <ErrorMessage error={on.error ?? off.error} />
      <p>{t('home.onboardingsRunning', { count: (on.data?.items ?? []).filter((o) => running(o.state)).length })}</p>
      <p>{t('home.offboardingsRunning', { count: (off.data?.items ?? []).filter((o) => running(o.state)).length })}</p>
      <Link to="/hr">{t('home.openHr')}</Link>
    </section>
  );
}

function GrantsCard() {
  const { t } = useTranslation();
  const grants = useLoad(() => api.listAccessRequests({ status: 'active' }), []);
  return (
    <section className="card" aria-labelledby="home-grants">
      <h2 id="home-grants">{t('home.grants')}</h2>
      <ErrorMessage error={grants.error} />
      <p>{t('home.activeGrants', { count: grants.data?.total ?? 0 })}</p>
      <Link to="/it">{t('home.openIt')}</Link>
    </section>
  );
}

function ChainCard() {
  const { t } = useTranslation();
  const chain = useLoad(() => api.verifyAuditChain(), []);
  return (
    <section className="card" aria-labelledby="home-chain">
      <h2 id="home-chain">{t('home.chain')}</h2>
      <ErrorMessage error={chain.error} />
      {chain.data && (
        <p className={chain.data.ok ? 'ok-text' : 'danger-text'}>
          {chain.data.ok ? t('audit.chainOk', { count: chain.data.checked }) : t('audit.chainBroken', { seq: chain.data.brokenAt?.seq ?? chain.data.lastSeq + 1 })}
        </p>
      )}
      <Link to="/audit">{t('home.openAudit')}</Link>
    </section>
  );
}
