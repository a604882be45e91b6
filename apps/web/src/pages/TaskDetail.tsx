import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import type { Task, TaskContext } from '../api/index.js';
import { useFormat } from '../app/format.js';
import { useAction, useLoad } from '../app/hooks.js';
import { useInboxCount } from '../app/inbox-count.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { EmptyState, ErrorMessage, Field, Loading, Notice, PageTitle, StatusBadge, Time, WorkflowLink } from '../components/common.js';
import { Timeline } from '../components/Timeline.js';
import { accessKindLabel, bilingual, itemLabel, roleLabel, taskKindLabel } from '../i18n/labels.js';
import { formOf, isOpen } from './task-form.js';

export function TaskDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const task = useLoad(() => api.getTask(id), [id]);
  const [done, setDone] = useState(false);
  const { refresh } = useInboxCount();
  const changed = async (completed = false) => {
    if (completed) setDone(true);
    refresh();
    await task.reload();
  };

  if (task.loading && !task.data) return <Loading />;
  if (!task.data)
    return (
      <>
        <PageTitle title={t('task.title')}>{t('task.title')}</PageTitle>
        <ErrorMessage error={task.error} />
        <Link to="/inbox">{t('task.back')}</Link>
      </>
    );
  const x = task.data;
  const title = bilingual(x.title) || taskKindLabel(t, x.kind);
  return (
    <>
      <p>
        <Link to="/inbox">{t('task.back')}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      {done && <Notice>{t('task.recorded')}</Notice>}
      <div className="columns">
        <div>
          <section className="card" aria-labelledby="task-facts">
            <h2 id="task-facts">{t('task.facts')}</h2>
            <Facts task={x} />
          </section>
          <section className="card" aria-labelledby="task-history">
            <h2 id="task-history">{t('task.history')}</h2>
            <Timeline entries={x.history} />
          </section>
        </div>
        <div>
          {isOpen(x) ? (
            <>
              <DecisionForm task={x} onDone={() => changed(true)} />
              <ClaimBox task={x} onChange={() => changed()} />
            </>
          ) : (
            <section className="card">
              <EmptyState title={t('task.closed')} hint={t('task.closedHint')} />
            </section>
          )}
        </div>
      </div>
    </>
  );
}

function Facts({ task }: { task: Task }) {
  const { t } = useTranslation();
  const f = useFormat();
  const c: TaskContext = task.context ?? {};
  const wf = task.workflowId ?? (task.processType && task.processId ? api.workflowIdOf(task.processType as 'access_request', task.processId) : null);
  return (
    <>
      <dl className="facts">
        <dt>{t('task.kind')}</dt>
        <dd>{taskKindLabel(t, task.kind)}</dd>
        <dt>{t('task.status')}</dt>
        <dd>
          <StatusBadge status={task.status} />
          {task.escalated && <span className="badge status-escalated">{t('inbox.escalated')}</span>}
        </dd>
        <dt>{t('task.assignee')}</dt>
        <dd>{task.assigneeName ?? t('inbox.forRole', { role: roleLabel(t, task.candidateRole) })}</dd>
        <dt>{t('task.due')}</dt>
        <dd>
          <Time iso={task.dueAt} />
        </dd>
        <dt>{t('task.created')}</dt>
        <dd>
          <Time iso={task.createdAt} />
        </dd>
        {c.requesterName && (
          <>
            <dt>{t('task.requester')}</dt>
            <dd>{c.requesterName}</dd>
          </>
        )}
        {c.requestKind && (
          <>
            <dt>{t('task.requestKind')}</dt>
            <dd>{accessKindLabel(t, c.requestKind)}</dd>
          </>
        )}
        {typeof c.durationMinutes === 'number' && (
          <>
            <dt>{t('task.duration')}</dt>
            <dd>{f.duration(c.durationMinutes * 60_000)}</dd>
          </>
        )}
        {c.employeeName && (
          <>
            <dt>{t('task.employee')}</dt>
            <dd>{c.employeeName}</dd>
          </>
        )}
        {(c.itemKind || c.itemLabel) && (
          <>
            <dt>{t('task.item')}</dt>
            <dd>{itemLabel(t, c.itemKind ?? '', c.itemLabel)}</dd>
          </>
        )}
      </dl>
      {c.justification && (
        <>
          <h3>{t('task.justification')}</h3>
          <blockquote className="quote">{c.justification}</blockquote>
        </>
      )}
      {c.agreementText && (
        <>
          <h3>{t('task.agreement', { version: c.agreementVersion ?? '' })}</h3>
          <div className="agreement" tabIndex={0} aria-label={t('task.agreementText')}>
            {c.agreementText}
          </div>
        </>
      )}
      {wf && <WorkflowLink workflowId={wf} />}
    </>
  );
}

function DecisionForm({ task, onDone }: { task: Task; onDone: () => void }) {
  const { t } = useTranslation();
  const form = formOf(task);
  const [comment, setComment] = useState('');
  const [agree, setAgree] = useState(false);
  const [item, setItem] = useState<'received' | 'missing'>('received');
  const [scan, setScan] = useState<'clean' | 'infected'>('clean');
  const [problem, setProblem] = useState<string | null>(null);
  const { run, busy, error } = useAction(async (body: api.CompleteTask) => {
    await api.completeTask(task.id, body);
    onDone();
  });
  const note = comment.trim() || undefined;

  const decide = (outcome: 'approve' | 'reject') => {
    if (outcome === 'reject' && !note) return setProblem(t('task.rejectNeedsComment'));
    setProblem(null);
    void run({ outcome, comment: note });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form === 'decide') return;
    if (form === 'return_item' && item === 'missing' && !note) return setProblem(t('task.missingNeedsNote'));
    if (form === 'agreement' && !agree) return setProblem(t('task.mustAgree'));
    setProblem(null);
    // The agreement's signature repeats the version and text hash the task was created with (INF-10).
    const data = form === 'return_item' ? { result: item, note } : form === 'virus_check' ? { result: scan } : form === 'agreement' ? { ...(task.expected ?? {}) } : undefined;
    void run({ outcome: 'done', comment: note, data });
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="decide-title" noValidate>
      <h2 id="decide-title">{t('task.yourDecision')}</h2>
      <ErrorMessage error={error} />
      {problem && (
        <p className="alert alert-error" role="alert">
          {problem}
        </p>
      )}
      {form === 'return_item' && (
        <fieldset>
          <legend>{t('task.itemState')}</legend>
          <label className="choice">
            <input type="radio" name="item" checked={item === 'received'} onChange={() => setItem('received')} /> {t('status.received')}
          </label>
          <label className="choice">
            <input type="radio" name="item" checked={item === 'missing'} onChange={() => setItem('missing')} /> {t('status.missing')}
          </label>
        </fieldset>
      )}
      {form === 'virus_check' && (
        <fieldset>
          <legend>{t('task.scanResult')}</legend>
          <label className="choice">
            <input type="radio" name="scan" checked={scan === 'clean'} onChange={() => setScan('clean')} /> {t('task.scanClean')}
          </label>
          <label className="choice">
            <input type="radio" name="scan" checked={scan === 'infected'} onChange={() => setScan('infected')} /> {t('task.scanInfected')}
          </label>
        </fieldset>
      )}
      {form === 'agreement' && (
        <label className="choice">
          <input type="checkbox" checked={agree} onChange={(e) => setAgree(e.target.checked)} /> {t('task.iAgree')}
        </label>
      )}
      <Field label={form === 'return_item' ? t('task.note') : t('task.comment')} hint={form === 'decide' ? t('task.commentHint') : form === 'return_item' ? t('task.noteHint') : undefined}>
        {(p) => <textarea {...p} name="comment" rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />}
      </Field>
      <div className="actions">
        {form === 'decide' ? (
          <>
            <button type="button" className="primary" disabled={busy} onClick={() => decide('approve')}>
              {t('task.approve')}
            </button>
            <button type="button" className="danger" disabled={busy} onClick={() => decide('reject')}>
              {t('task.reject')}
            </button>
          </>
        ) : (
          <button type="submit" className="primary" disabled={busy}>
            {form === 'agreement' ? t('task.sign') : form === 'done' ? t('task.markDone') : t('task.saveItem')}
          </button>
        )}
      </div>
    </form>
  );
}

function ClaimBox({ task, onChange }: { task: Task; onChange: () => void }) {
  const { t } = useTranslation();
  const { me, has } = useSession();
  const [username, setUsername] = useState('');
  const mine = !!me && task.assigneeId === me.id;
  const act = useAction(async (what: 'claim' | 'unclaim' | 'reassign') => {
    if (what === 'claim') await api.claimTask(task.id);
    else if (what === 'unclaim') await api.unclaimTask(task.id);
    else await api.reassignTask(task.id, username.trim());
    onChange();
  });
  const canReassign = has('supervisor', 'leadership', 'cc_manager');
  return (
    <section className="card" aria-labelledby="claim-title">
      <h2 id="claim-title">{t('task.whoWorks')}</h2>
      <ErrorMessage error={act.error} />
      <p className="muted">{mine ? t('task.claimedByYou') : task.assigneeId ? t('task.claimedBy', { name: task.assigneeName ?? '' }) : t('task.unclaimed')}</p>
      <div className="actions">
        {mine ? (
          <button type="button" disabled={act.busy} onClick={() => void act.run('unclaim')}>
            {t('task.unclaim')}
          </button>
        ) : (
          <button type="button" disabled={act.busy} onClick={() => void act.run('claim')}>
            {t('task.claim')}
          </button>
        )}
      </div>
      {canReassign && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (username.trim()) void act.run('reassign');
          }}
        >
          <Field label={t('task.reassignTo')} hint={t('task.reassignHint')}>
            {(p) => <input {...p} name="reassign" autoCapitalize="none" spellCheck={false} value={username} onChange={(e) => setUsername(e.target.value)} />}
          </Field>
          <button type="submit" disabled={act.busy || !username.trim()}>
            {t('task.reassign')}
          </button>
        </form>
      )}
    </section>
  );
}
