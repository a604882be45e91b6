import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import type { Task } from '../api/index.js';
import { useAction, useLoad, usePolling } from '../app/hooks.js';
import { POLL_MS, useInboxCount } from '../app/inbox-count.js';
import { EmptyState, ErrorMessage, Field, Loading, PageTitle } from '../components/common.js';
import { itemLabel } from '../i18n/labels.js';

/**
 * On-site manager: the return checklists of leavers (INF-13, INF-11(5)). Each item is a task; mark it
 * received, or missing with a note (a missing item then goes to the call center manager for sign-off).
 */
export function Returns() {
  const { t } = useTranslation();
  const tasks = useLoad(() => api.listTasks({ myRoles: true, mine: true, status: 'open', kind: 'return_item', pageSize: 200 }), []);
  usePolling(tasks.reload, POLL_MS);
  const groups = new Map<string, Task[]>();
  for (const x of tasks.data?.items ?? []) {
    const who = x.context.subjectName ?? x.processId;
    groups.set(who, [...(groups.get(who) ?? []), x]);
  }
  return (
    <>
      <PageTitle title={t('returns.title')}>{t('returns.title')}</PageTitle>
      <p className="muted">{t('returns.intro')}</p>
      <ErrorMessage error={tasks.error} />
      {tasks.loading && !tasks.data ? (
        <Loading />
      ) : groups.size === 0 ? (
        <EmptyState title={t('returns.empty')} hint={t('returns.emptyHint')} />
      ) : (
        [...groups].map(([who, items]) => (
          <section className="card" key={who} aria-label={t('returns.leaver', { name: who })}>
            <h2>{t('returns.leaver', { name: who })}</h2>
            <ul className="list">
              {items.map((x) => (
                <ReturnRow key={x.id} task={x} onDone={tasks.reload} />
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  );
}

function ReturnRow({ task, onDone }: { task: Task; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const { refresh } = useInboxCount();
  const [missing, setMissing] = useState(false);
  const [note, setNote] = useState('');
  const act = useAction(async (result: 'received' | 'missing', machineRoomDisk = false) => {
    const data = result === 'received' ? { status: result, machineRoomDisk } : { status: result };
    await api.completeTask(task.id, { outcome: 'done', comment: note.trim() || undefined, data });
    refresh();
    await onDone();
  });
  const name = itemLabel(t, task.context.itemKind ?? '', task.context.itemLabel);
  return (
    <li>
      <span className="list-main">{name}</span>
      <ErrorMessage error={act.error} />
      {missing ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (note.trim()) void act.run('missing');
          }}
        >
          <Field label={t('returns.missingNote', { item: name })}>{(p) => <input {...p} required value={note} onChange={(e) => setNote(e.target.value)} />}</Field>
          <button type="submit" className="danger" disabled={act.busy || !note.trim()}>
            {t('returns.saveMissing')}
          </button>
          <button type="button" onClick={() => setMissing(false)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : (
        <div className="actions">
          <button type="button" className="primary" disabled={act.busy} onClick={() => void act.run('received')} aria-label={t('returns.receivedItem', { item: name })}>
            {t('status.received')}
          </button>
          {task.context.itemKind === 'disks' && (
            <button type="button" disabled={act.busy} onClick={() => void act.run('received', true)} aria-label={t('returns.receivedDisk', { item: name })}>
              {t('returns.receivedMachineRoomDisk')}
            </button>
          )}
          <button type="button" disabled={act.busy} onClick={() => setMissing(true)} aria-label={t('returns.missingItem', { item: name })}>
            {t('status.missing')}
          </button>
        </div>
      )}
    </li>
  );
}
