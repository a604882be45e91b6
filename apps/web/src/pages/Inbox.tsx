import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import type { TaskQuery } from '../api/index.js';
import { useFormat } from '../app/format.js';
import { useLoad, usePolling } from '../app/hooks.js';
import { POLL_MS, useInboxCount } from '../app/inbox-count.js';
import { navigate, useLocation } from '../app/router.js';
import { EmptyState, ErrorMessage, Loading, PageTitle } from '../components/common.js';
import { TaskList } from '../components/TaskList.js';

/* 'all' (mine and my roles' together) is the default: a supervisor's work mostly comes to their role,
 * and someone new should see it without knowing which filter to pick. */
const FILTERS = ['all', 'mine', 'roles', 'dueSoon', 'overdue'] as const;
type Filter = (typeof FILTERS)[number];
const DUE_SOON_MS = 24 * 3600_000;

function queryOf(filter: Filter): TaskQuery {
  const base: TaskQuery = { status: 'open', pageSize: 50 };
  switch (filter) {
    case 'all':
      return { ...base, mine: true, myRoles: true };
    case 'mine':
      return { ...base, mine: true };
    case 'roles':
      return { ...base, myRoles: true };
    case 'dueSoon':
      return { ...base, mine: true, myRoles: true, dueBefore: new Date(Date.now() + DUE_SOON_MS).toISOString() };
    case 'overdue':
      return { ...base, mine: true, myRoles: true, dueBefore: new Date().toISOString() };
  }
}

/** The inbox: tasks waiting for this person or their roles, oldest due first, refreshed while visible. */
export function Inbox() {
  const { t } = useTranslation();
  const format = useFormat();
  const { search } = useLocation();
  const given = search.get('filter');
  const filter: Filter = (FILTERS as readonly string[]).includes(given ?? '') ? (given as Filter) : 'all';
  const tasks = useLoad(() => api.listTasks(queryOf(filter)), [filter]);
  const { refresh } = useInboxCount();
  usePolling(() => {
    void tasks.reload();
    refresh();
  }, POLL_MS);

  // Tell screen-reader users when tasks arrive while they are here.
  const seen = useRef<Set<string> | null>(null);
  const [arrived, setArrived] = useState(0);
  useEffect(() => {
    const ids = new Set((tasks.data?.items ?? []).map((x) => x.id));
    if (seen.current) {
      const fresh = [...ids].filter((x) => !seen.current!.has(x)).length;
      if (fresh > 0) setArrived(fresh);
    }
    seen.current = ids;
  }, [tasks.data]);
  useEffect(() => {
    seen.current = null;
    setArrived(0);
  }, [filter]);

  const label = (f: Filter) => {
    switch (f) {
      case 'all':
        return t('inbox.filterAll');
      case 'mine':
        return t('inbox.filterMine');
      case 'roles':
        return t('inbox.filterRoles');
      case 'dueSoon':
        return t('inbox.filterDueSoon');
      case 'overdue':
        return t('inbox.filterOverdue');
    }
  };

  const items = tasks.data?.items ?? [];
  return (
    <>
      <PageTitle title={t('inbox.title')}>{t('inbox.title')}</PageTitle>
      <fieldset className="segmented">
        <legend>{t('inbox.filter')}</legend>
        {FILTERS.map((f) => (
          <label key={f}>
            <input type="radio" name="filter" value={f} checked={filter === f} onChange={() => navigate(`/inbox?filter=${f}`, { replace: true })} />
            <span>{label(f)}</span>
          </label>
        ))}
      </fieldset>
      <p className="visually-hidden" aria-live="polite">
        {arrived > 0 ? t('inbox.arrived', { count: arrived }) : ''}
      </p>
      <ErrorMessage error={tasks.error} />
      {tasks.loading && !tasks.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState title={t('inbox.empty')} hint={filter === 'mine' ? t('inbox.emptyMineHint') : t('inbox.emptyHint')} />
      ) : (
        <>
          <p className="muted">{t('inbox.shown', { count: items.length, total: format.count(tasks.data?.total ?? items.length, tasks.data?.totalCapped) })}</p>
          <TaskList tasks={items} />
        </>
      )}
    </>
  );
}
