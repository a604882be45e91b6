import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import { ApiError } from '../api/index.js';
import type { Task, TaskContext } from '../api/index.js';
import { useFormat } from '../app/format.js';
import { useAction, useLoad } from '../app/hooks.js';
import { useInboxCount } from '../app/inbox-count.js';
import { Link, navigate } from '../app/router.js';
import { useSession } from '../app/session.js';
import { EmptyState, ErrorMessage, Field, Loading, Notice, PageTitle, StatusBadge, Time, WorkflowLink } from '../components/common.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { Timeline } from '../components/Timeline.js';
import { tk } from '../i18n/index.js';
import { accessKindLabel, bilingual, itemLabel, roleLabel, stepLabel, taskKindLabel } from '../i18n/labels.js';
import { checkForm, dataOf, formOf, initialValues, isFlag, isOpen, needsConsent, shownFields, type FieldValue, type FormField, type FormValues } from './task-form.js';

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
      {c.rulesText && (
        <>
          <h3>{t('task.rules', { version: task.expected?.rulesVersion ?? '' })}</h3>
          <div className="agreement" tabIndex={0} aria-label={t('task.rulesText')}>
            {bilingual(c.rulesText)}
          </div>
        </>
      )}
      <WorkflowLink workflowId={task.workflowId} />
    </>
  );
}

/** How the web app words each field a task form may declare; a field it does not know yet is shown by its name. */
const FIELD_TEXT: Record<string, { label: string; values?: Record<string, string> }> = {
  status: { label: tk('task.itemState'), values: { received: tk('status.received'), missing: tk('status.missing') } },
  machineRoomDisk: { label: tk('task.machineRoomDisk') },
  result: { label: tk('task.scanResult'), values: { clean: tk('task.scanClean'), infected: tk('task.scanInfected') } },
  acknowledged: { label: tk('task.iAcknowledge') },
  emailAccount: { label: tk('task.emailAccount') },
  driveAccount: { label: tk('task.driveAccount') },
  powerOff: { label: tk('task.powerOff') },
  leftRunning: { label: tk('task.leftRunning') },
  handedOverTo: { label: tk('task.handedOverTo') },
  handedOver: { label: tk('task.handedOver') },
  openIssues: { label: tk('task.openIssues') },
  secure: { label: tk('task.secure') },
  visitorNoticePosted: { label: tk('task.visitorNoticePosted') },
  extinguishersOk: { label: tk('task.extinguishersOk') },
  checked: { label: tk('task.checked') },
  topic: { label: tk('task.topic') },
  attendees: { label: tk('task.attendees') },
  whatBackedUp: { label: tk('task.whatBackedUp') },
  location: { label: tk('task.location') },
  powerOk: { label: tk('task.powerOk') },
  wiringOk: { label: tk('task.wiringOk') },
  socketsOk: { label: tk('task.socketsOk') },
  plugsOk: { label: tk('task.plugsOk') },
  hazard: { label: tk('task.hazard') },
  fixed: { label: tk('task.fixed') },
  howFixed: { label: tk('task.howFixed') },
  equipmentOk: { label: tk('task.equipmentOk') },
  handedIn: { label: tk('task.handedIn') },
  sheets: { label: tk('task.sheets') },
  received: { label: tk('task.received') },
  rulesAcknowledged: { label: tk('task.rulesAcknowledged') },
  allInPlace: { label: tk('task.allInPlace') },
  heldAt: { label: tk('task.heldAt') },
  sealNumber: { label: tk('task.sealNumber') },
  disposition: { label: tk('task.disposition'), values: { cleaned: tk('task.disposedCleaned'), destroyed: tk('task.disposedDestroyed') } },
};

/** The fields the task's declared form asks for (task.form), rendered by their type. */
function FormFields({ task, values, set }: { task: Task; values: FormValues; set: (name: string, v: FieldValue) => void }) {
  const { t } = useTranslation();
  const label = (f: FormField) => (FIELD_TEXT[f.name] ? t(FIELD_TEXT[f.name]!.label) : f.name);
  const valueLabel = (f: FormField, v: string | boolean) => {
    const key = FIELD_TEXT[f.name]?.values?.[String(v)];
    return key ? t(key) : String(v);
  };
  return (
    <>
      {shownFields(task, values).map((f) => {
        if (isFlag(f))
          return (
            <label key={f.name} className="choice">
              <input type="checkbox" name={f.name} checked={values[f.name] === true} onChange={(e) => set(f.name, e.target.checked ? true : f.values?.includes(false) ? false : undefined)} /> {label(f)}
            </label>
          );
        if (f.type === 'choice')
          return (
            <fieldset key={f.name}>
              <legend>{label(f)}</legend>
              {(f.values ?? []).map((v) => (
                <label key={String(v)} className="choice">
                  <input type="radio" name={f.name} checked={values[f.name] === v} onChange={() => set(f.name, v)} /> {valueLabel(f, v)}
                </label>
              ))}
            </fieldset>
          );
        return (
          <Field key={f.name} label={label(f)}>
            {(p) => <input {...p} name={f.name} autoComplete="off" maxLength={f.maxLength} value={String(values[f.name] ?? '')} onChange={(e) => set(f.name, e.target.value)} />}
          </Field>
        );
      })}
    </>
  );
}

function DecisionForm({ task, onDone }: { task: Task; onDone: () => void }) {
  const { t } = useTranslation();
  const form = formOf(task);
  const [comment, setComment] = useState('');
  const [agree, setAgree] = useState(false);
  const [values, setValues] = useState<FormValues>(() => initialValues(task));
  const [problem, setProblem] = useState<string | null>(null);
  // A privileged decision (a special agent-ID request) the server refuses until the password is typed
  // again: the dialog asks for it, then sends the same decision (REAUTHENTICATION_REQUIRED).
  const [pending, setPending] = useState<api.CompleteTask | null>(null);
  const [password, setPassword] = useState('');
  const { run, busy, error } = useAction(async (body: api.CompleteTask) => {
    try {
      await api.completeTask(task.id, body);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'REAUTHENTICATION_REQUIRED') return setPending(body);
      throw e;
    }
    onDone();
  });
  const stepUp = useAction(async () => {
    await api.reauthenticate(password);
    setPassword('');
    await api.completeTask(task.id, pending!);
    setPending(null);
    onDone();
  });
  const closeStepUp = () => {
    setPending(null);
    setPassword('');
    stepUp.setError(null);
  };
  const canReject = task.outcomes.includes('reject');
  const rules = task.form.comment.requiredWhen;
  // A comment a field's value makes required (a missing item) is a note about it.
  const isNote = rules.some((r) => r.field !== undefined);

  /** Checks the declared form's rules first, in the person's language; the server checks them again. */
  const send = (outcome: api.TaskOutcome) => {
    const data = outcome === 'done' ? dataOf(task, values) : undefined;
    const found = checkForm(task, outcome, comment, data ?? {}, agree);
    if (found) {
      if ('consent' in found) return setProblem(t('task.mustAgree'));
      if ('field' in found) return setProblem(isFlag(found.field) ? t('task.mustAcknowledge') : t('task.fieldNeeded', { field: FIELD_TEXT[found.field.name] ? t(FIELD_TEXT[found.field.name]!.label) : found.field.name }));
      return setProblem(found.comment.outcome ? t('task.rejectNeedsComment') : t('task.missingNeedsNote'));
    }
    setProblem(null);
    void run({ outcome, comment: comment.trim() || undefined, ...(data ? { data } : {}) });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form !== 'decide') send('done');
  };

  return (
    <>
    <form className="card" onSubmit={submit} aria-labelledby="decide-title" noValidate>
      <h2 id="decide-title">{t('task.yourDecision')}</h2>
      <ErrorMessage error={error} />
      {problem && (
        <p className="alert alert-error" role="alert">
          {problem}
        </p>
      )}
      <FormFields task={task} values={values} set={(name, v) => setValues((old) => ({ ...old, [name]: v }))} />
      {needsConsent(task) && (
        <label className="choice">
          <input type="checkbox" checked={agree} onChange={(e) => setAgree(e.target.checked)} /> {t('task.iAgree')}
        </label>
      )}
      <Field label={isNote ? t('task.note') : t('task.comment')} hint={rules.some((r) => r.outcome) ? t('task.commentHint') : isNote ? t('task.noteHint') : undefined}>
        {(p) => <textarea {...p} name="comment" rows={3} maxLength={task.form.comment.maxLength} value={comment} onChange={(e) => setComment(e.target.value)} />}
      </Field>
      <div className="actions">
        {form === 'decide' ? (
          <button type="button" className="primary" disabled={busy} onClick={() => send('approve')}>
            {t('task.approve')}
          </button>
        ) : (
          <button type="submit" className="primary" disabled={busy}>
            {form === 'agreement' ? t('task.sign') : form === 'done' ? t('task.markDone') : t('task.saveItem')}
          </button>
        )}
        {canReject && (
          <button type="button" className="danger" disabled={busy} onClick={() => send('reject')}>
            {form === 'decide' ? t('task.reject') : t('task.refuse')}
          </button>
        )}
      </div>
    </form>
      <ConfirmDialog open={pending !== null} title={t('reauth.title')} confirmLabel={t('reauth.confirm')} busy={stepUp.busy} canConfirm={password.length > 0} onConfirm={() => void stepUp.run()} onCancel={closeStepUp}>
        <p>{t('reauth.text')}</p>
        <ErrorMessage error={stepUp.error} />
        <Field label={t('reauth.password')}>
          {(p) => <input {...p} type="password" name="reauth-password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
      </ConfirmDialog>
    </>
  );
}

function ClaimBox({ task, onChange }: { task: Task; onChange: () => void }) {
  const { t } = useTranslation();
  const { me, can } = useSession();
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
  const canReassign = can('tasks.reassign');
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
