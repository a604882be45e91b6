import { useTranslation } from 'react-i18next';
import { InboxCountProvider } from './app/inbox-count.js';
import { NotificationCountProvider } from './app/notification-count.js';
import { Link, match, useLocation } from './app/router.js';
import { useSession } from './app/session.js';
import { EmptyState, Loading, PageTitle } from './components/common.js';
import { Layout } from './components/Layout.js';
import { Assessment } from './pages/Assessment.js';
import { Audit } from './pages/Audit.js';
import { Calendar } from './pages/Calendar.js';
import { DecisionLink } from './pages/DecisionLink.js';
import { Home } from './pages/Home.js';
import { Hr } from './pages/Hr.js';
import { Inbox } from './pages/Inbox.js';
import { It } from './pages/It.js';
import { OffboardingDetail, OnboardingDetail } from './pages/ProcessDetail.js';
import { RequestDetail } from './pages/RequestDetail.js';
import { Notifications } from './pages/Notifications.js';
import { NewRequest, Requests } from './pages/Requests.js';
import { Returns } from './pages/Returns.js';
import { SetPassword, SignIn } from './pages/SignIn.js';
import { TaskDetail } from './pages/TaskDetail.js';
import { Duties } from './pages/Duties.js';
import { Visitors } from './pages/Visitors.js';
import { Hazards } from './pages/Hazards.js';
import { Responsibilities } from './pages/Responsibilities.js';
import { Computers } from './pages/Computers.js';
import { Media } from './pages/Media.js';

function Page({ path }: { path: string }) {
  let p: Record<string, string> | null;
  if (path === '/') return <Home />;
  if (path === '/inbox') return <Inbox />;
  if ((p = match('/inbox/:id', path))) return <TaskDetail key={p.id} id={p.id} />;
  if ((p = match('/d/:token', path))) return <DecisionLink key={p.token} token={p.token} />;
  if (path === '/requests') return <Requests />;
  if (path === '/requests/new') return <NewRequest />;
  if ((p = match('/requests/:id', path))) return <RequestDetail key={p.id} id={p.id} />;
  if (path === '/hr') return <Hr />;
  if ((p = match('/hr/onboardings/:id', path))) return <OnboardingDetail key={p.id} id={p.id} />;
  if ((p = match('/hr/offboardings/:id', path))) return <OffboardingDetail key={p.id} id={p.id} />;
  if (path === '/returns') return <Returns />;
  if (path === '/it') return <It />;
  if (path === '/audit') return <Audit />;
  if (path === '/calendar') return <Calendar />;
  if (path === '/duties') return <Duties />;
  if (path === '/visitors') return <Visitors />;
  if (path === '/hazards') return <Hazards />;
  if (path === '/responsibilities') return <Responsibilities />;
  if (path === '/assessment') return <Assessment />;
  if (path === '/computers') return <Computers />;
  if (path === '/media') return <Media />;
  if (path === '/notifications') return <Notifications />;
  return <NotFound />;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t('notFound.title')}>{t('notFound.title')}</PageTitle>
      <EmptyState title={t('notFound.text')} action={<Link to="/">{t('notFound.home')}</Link>} />
    </>
  );
}

export function App() {
  const { status } = useSession();
  const { path } = useLocation();
  if (status === 'loading') return <Loading />;
  // Signed out on any path: sign in here, then the same path shows (deep links survive sign-in).
  if (status === 'signedOut') return <SignIn />;
  if (status === 'mustSetPassword') return <SetPassword />;
  return (
    <InboxCountProvider>
      <NotificationCountProvider>
        <Layout>
          <Page key={path} path={path} />
        </Layout>
      </NotificationCountProvider>
    </InboxCountProvider>
  );
}
