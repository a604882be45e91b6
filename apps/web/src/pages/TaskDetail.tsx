import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import type { Task, TaskContext } from '../api/index.js';
import { useFormat } from '../app/format.js';
import { useAction, useLoad } from '../app/hooks.js';
import { useInboxCount } from '../app/inbox-count.js';
import { Link, navigate } from '../app/router.js';
import { useSession } from '../app/session.js';
import { EmptyState, ErrorMessage, Field, Loading, Notice, PageTitle, StatusBadge, Time, WorkflowLink } from '../components/common.js';
import { Timeline } from '../components/Timeline.js';
import { accessKindLabel, bilingual, itemLabel, roleLabel, stepLabel, taskKindLabel } from '../i18n/labels.js';
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
              {/* A personal task (the employee's own signature) is nobody else's to take or give away. */}
              {x.candidateRole && <ClaimBox task={x} onChange={() => changed()} />}
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
  const c: TaskContext = task.context;
  const isAccess = task.processType === 'access_request';
  return (
    <>
      {c.summary && <p className="lead">{bilingual(c.summary)}</p>}
      <dl className="facts">
        <dt>{t('task.kind')}</dt>
        <dd>{taskKindLabel(t, task.kind)}</dd>
        <dt>{t('task.step')}</dt>
        <dd>{stepLabel(t, task.step)}</dd>
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
        {task.deadlineAt && (
          <>
            <dt>{t('task.deadline')}</dt>
            <dd>
              <Time iso={task.deadlineAt} />
            </dd>
          </>
        )}
        {c.requesterName && (
          <>
            <dt>{t('task.requester')}</dt>
            <dd>{c.requesterName}</dd>
          </>
        )}
        {isAccess && c.kind && (
          <>
            <dt>{t('task.requestKind')}</dt>
            <dd>
              {accessKindLabel(t, c.kind)}
              {typeof c.round === 'number' && c.round > 0 && <span className="badge">{t('task.extension')}</span>}
            </dd>
          </>
        )}
        {typeof c.durationMinutes === 'number' && (
          <>
            <dt>{t('task.duration')}</dt>
            <dd>{f.duration(c.durationMinutes * 60_000)}</dd>
          </>
        )}
        {!isAccess && c.subjectName && (
          <>
            <dt>{t('task.employee')}</dt>
            <dd>{c.subjectName}</dd>
          </>
        )}
        {c.agentId && (
          <>
            <dt>{t('hr.agentId')}</dt>
            <dd>{c.agentId}</dd>
          </>
        )}
        {c.workstationIp && (
          <>
            <dt>{t('hr.workstationIp')}</dt>
            <dd>{c.workstationIp}</dd>
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
          <h3>{t('task.agreement', { version: task.expected?.agreementVersion ?? '' })}</h3>
          <div className="agreement" tabIndex={0} aria-label={t('task.agreementText')}>
            {bilingual(c.agreementText)}
          </div>
        </>
      )}
      <WorkflowLink workflowId={task.workflowId} />
    </>
  );
}

function DecisionForm({ task, onDone }: { task: Task; onDone: () => void }) {
  const { t } = useTranslation();
  const form = formOf(task);
  const [comment, setComment] = useState('');
  const [agree, setAgree] = useState(false);
  const [item, setItem] = useState<'received' | 'missing'>('received');
  const [disk, setDisk] = useState(false);
  const [scan, setScan] = useState<'clean' | 'infected'>('clean');
  const [email, setEmail] = useState('');
  const [drive, setDrive] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { run, busy, error } = useAction(async (body: api.CompleteTask) => {
    await api.completeTask(task.id, body);
    onDone();
  });
  const note = comment.trim() || undefined;
  const canReject = task.outcomes.includes('reject');

  const reject = () => {
    if (!note) return setProblem(t('task.rejectNeedsComment'));
    setProblem(null);
    void run({ outcome: 'reject', comment: note });
  };
  const approve = () => {
    setProblem(null);
    void run({ outcome: 'approve', comment: note });
  };
  /** The data fields of each form (and nothing else). */
  const dataOf = (): Record<string, unknown> | string => {
    switch (form) {
      case 'agreement':
        // The signature repeats the version and text hash the task was created with (INF-10).
        return agree ? { ...(task.expected ?? {}) } : t('task.mustAgree');
      case 'acknowledgement':
        return agree ? { acknowledged: true } : t('task.mustAcknowledge');
      case 'account_setup':
        return email.trim() && drive.trim() ? { emailAccount: email.trim(), driveAccount: drive.trim() } : t('task.accountsNeeded');
      case 'return_item':
        if (item === 'missing' && !note) return t('task.missingNeedsNote');
        return item === 'received' ? { status: item, machineRoomDisk: disk } : { status: item };
      case 'virus_check':
        return { result: scan };
      default:
        return {};
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form === 'decide') return;
    const data = dataOf();
    if (typeof data === 'string') return setProblem(data);
    setProblem(null);
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
          {item === 'received' && (
            <label className="choice">
              <input type="checkbox" checked={disk} onChange={(e) => setDisk(e.target.checked)} /> {t('task.machineRoomDisk')}
            </label>
          )}
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
      {form === 'account_setup' && (
        <>
          <Field label={t('task.emailAccount')}>{(p) => <input {...p} name="emailAccount" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />}</Field>
          <Field label={t('task.driveAccount')}>{(p) => <input {...p} name="driveAccount" autoComplete="off" value={drive} onChange={(e) => setDrive(e.target.value)} />}</Field>
        </>
      )}
      {(form === 'agreement' || form === 'acknowledgement') && (
        <label className="choice">
          <input type="checkbox" checked={agree} onChange={(e) => setAgree(e.target.checked)} /> {form === 'agreement' ? t('task.iAgree') : t('task.iAcknowledge')}
        </label>
      )}
      <Field
        label={form === 'return_item' ? t('task.note') : t('task.comment')}
        hint={form === 'decide' || canReject ? t('task.commentHint') : form === 'return_item' ? t('task.noteHint') : undefined}
      >
        {(p) => <textarea {...p} name="comment" rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />}
      </Field>
      <div className="actions">
        {form === 'decide' ? (
          <button type="button" className="primary" disabled={busy} onClick={approve}>
            {t('task.approve')}
          </button>
        ) : (
          <button type="submit" className="primary" disabled={busy}>
            {form === 'agreement' ? t('task.sign') : form === 'done' ? t('task.markDone') : t('task.saveItem')}
          </button>
        )}
        {canReject && (
          <button type="button" className="danger" disabled={busy} onClick={reject}>
            {form === 'decide' ? t('task.reject') : t('task.refuse')}
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
    else if ((await api.reassignTask(task.id, username.trim())).visible === false) {
      // Reassigned out of my sight (it happened; the task is no longer mine to see): back to the inbox.
      navigate('/inbox');
      return;
    }
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
