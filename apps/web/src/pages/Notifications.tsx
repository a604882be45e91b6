import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import type { NotificationSubjectType, UserNotification } from '../api/index.js';
import { useAction, useLoad, usePolling } from '../app/hooks.js';
import { POLL_MS } from '../app/inbox-count.js';
import { useNotificationCount } from '../app/notification-count.js';
import { Link, navigate, useLocation } from '../app/router.js';
import { EmptyState, ErrorMessage, Loading, PageTitle, Time } from '../components/common.js';
import { tk } from '../i18n/index.js';
import { bilingual } from '../i18n/labels.js';
import { MailSettings } from './MailSettings.js';

const PAGE_SIZE = 20;
const FILTERS = ['all', 'unread'] as const;
type Filter = (typeof FILTERS)[number];

/** Where each kind of subject is shown in this app, and what its link says. */
const SUBJECTS: Record<NotificationSubjectType, { path: string; label: string }> = {
  task: { path: '/inbox', label: tk('notifications.openTask') },
  'access-request': { path: '/requests', label: tk('notifications.openRequest') },
  onboarding: { path: '/hr/onboardings', label: tk('notifications.openOnboarding') },
  offboarding: { path: '/hr/offboardings', label: tk('notifications.openOffboarding') },
};
const subjectOf = (n: UserNotification) => (Object.hasOwn(SUBJECTS, n.subjectType) && n.subjectId ? SUBJECTS[n.subjectType as NotificationSubjectType] : null);

/** My notifications, newest first: escalations, reminders before expiry, decisions; refreshed while visible. */
export function Notifications() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const filter: Filter = search.get('filter') === 'unread' ? 'unread' : 'all';
  // The page number belongs to a filter: another filter (a radio, or the bell while here) starts at 1.
  const [paging, setPaging] = useState({ filter, page: 1 });
  const page = paging.filter === filter ? paging.page : 1;
  const setPage = (n: number) => setPaging({ filter, page: n });
  const list = useLoad(() => api.listNotifications({ unread: filter === 'unread' || undefined, page, pageSize: PAGE_SIZE }), [filter, page]);
  const { refresh } = useNotificationCount();
  usePolling(() => {
    void list.reload();
    refresh();
  }, POLL_MS);

  const read = useAction(async (id: string) => {
    await api.markNotificationRead(id);
    refresh();
    await list.reload();
  });
  const choose = (f: Filter) => navigate(f === 'all' ? '/notifications' : `/notifications?filter=${f}`, { replace: true });

  const data = list.data;
  // The last unread ones of a later page were just read: step back to a page that still has some.
  const emptied = !!data && data.items.length === 0 && page > 1;
  useEffect(() => {
    if (emptied) setPaging({ filter, page: page - 1 });
  }, [emptied, filter, page]);
  const items = data?.items ?? [];
  const from = (page - 1) * PAGE_SIZE + 1;
  return (
    <>
      <PageTitle title={t('notifications.title')}>{t('notifications.title')}</PageTitle>
      <fieldset className="segmented">
        <legend>{t('notifications.filter')}</legend>
        {FILTERS.map((f) => (
          <label key={f}>
            <input type="radio" name="filter" value={f} checked={filter === f} onChange={() => choose(f)} />
            <span>{f === 'all' ? t('notifications.filterAll') : t('notifications.unread')}</span>
          </label>
        ))}
      </fieldset>
      <ErrorMessage error={list.error ?? read.error} />
      {list.loading && !data ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState title={filter === 'unread' ? t('notifications.emptyUnread') : t('notifications.empty')} hint={t('notifications.emptyHint')} />
      ) : (
        <>
          <p className="muted">
            {t('notifications.shown', { from, to: from + items.length - 1, total: data?.total ?? items.length })} · {t('notifications.unreadTotal', { count: data?.unread ?? 0 })}
          </p>
          <ul className="list" data-testid="notification-list">
            {items.map((n) => (
              <Item key={n.id} n={n} busy={read.busy} onRead={() => void read.run(n.id)} />
            ))}
          </ul>
          {(data?.total ?? 0) > PAGE_SIZE && (
            <nav className="pager" aria-label={t('notifications.pages')}>
              <button type="button" disabled={page === 1} onClick={() => setPage(page - 1)}>
                {t('notifications.newer')}
              </button>
              <button type="button" disabled={from + items.length - 1 >= (data?.total ?? 0)} onClick={() => setPage(page + 1)}>
                {t('notifications.older')}
              </button>
            </nav>
          )}
        </>
      )}
      <MailSettings />
    </>
  );
}

function Item({ n, busy, onRead }: { n: UserNotification; busy: boolean; onRead: () => void }) {
  const { t } = useTranslation();
  const subject = subjectOf(n);
  const titleId = `notification-${n.id}`;
  return (
    <li className={n.read ? undefined : 'unread'} data-testid="notification">
      <p className="list-main" id={titleId}>
        {/* Unread is said in words too, not only by the colour of the row. */}
        {!n.read && <span className="badge status-unread">{t('notifications.unread')}</span>} {bilingual(n.title)}
      </p>
      <p>{bilingual(n.body)}</p>
      <div className="list-meta">
        <Time iso={n.createdAt} />
        {subject && (
          // Following the link is reading it: mark it read on the way (best effort; the page is left).
          <Link to={`${subject.path}/${encodeURIComponent(n.subjectId)}`} aria-describedby={titleId} onClick={() => (n.read ? undefined : onRead())}>
            {t(subject.label)}
          </Link>
        )}
        {n.read ? (
          n.readAt && (
            <span className="muted">
              {t('notifications.readAt')} <Time iso={n.readAt} />
            </span>
          )
        ) : (
          <button type="button" className="link-button" disabled={busy} aria-describedby={titleId} onClick={onRead}>
            {t('notifications.markRead')}
          </button>
        )}
      </div>
    </li>
  );
}
