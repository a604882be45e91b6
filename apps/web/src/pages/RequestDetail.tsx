import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import { LIMITS, type AccessRequest } from '../api/index.js';
import { useFormat } from '../app/format.js';
import { useAction, useLoad, useNow, usePolling } from '../app/hooks.js';
import { POLL_MS } from '../app/inbox-count.js';
import { Link, useLocation } from '../app/router.js';
import { useSession } from '../app/session.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorMessage, Field, Loading, Notice, PageTitle, StatusBadge, Time, WorkflowLink } from '../components/common.js';
import { DurationInput, toMinutes, type DurationUnit } from '../components/DurationInput.js';
import { Timeline } from '../components/Timeline.js';
import { accessKindLabel, endReasonLabel, stepLabel } from '../i18n/labels.js';

const live = (r: AccessRequest) => r.status === 'pending' || r.status === 'active';

/** One request: its facts, its timeline (who decided what, when), extend and revoke. */
export function RequestDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const req = useLoad(() => api.getAccessRequest(id), [id]);
  usePolling(req.reload, POLL_MS);
  // What just happened, rendered at display time so a language switch also changes the notice.
  const [notice, setNotice] = useState<'created' | 'extendAsked' | 'revoked' | null>(search.get('created') ? 'created' : null);

  if (req.loading && !req.data) return <Loading />;
  if (!req.data)
    return (
      <>
        <PageTitle title={t('requests.detailTitle')}>{t('requests.detailTitle')}</PageTitle>
        <ErrorMessage error={req.error} />
        <Link to="/requests">{t('requests.back')}</Link>
      </>
    );
  const r = req.data;
  const changed = async (message: 'extendAsked' | 'revoked') => {
    setNotice(message);
    await req.reload();
  };
  return (
    <>
      <p>
        <Link to="/requests">{t('requests.back')}</Link>
      </p>
      <PageTitle title={accessKindLabel(t, r.kind)}>{accessKindLabel(t, r.kind)}</PageTitle>
      {notice && <Notice>{notice === 'created' ? t('requests.created') : notice === 'extendAsked' ? t('requests.extendAsked') : t('requests.revoked')}</Notice>}
      <div className="columns">
        <div>
          <section className="card" aria-labelledby="req-facts">
            <h2 id="req-facts">{t('requests.facts')}</h2>
            <Facts r={r} />
          </section>
          <section className="card" aria-labelledby="req-timeline">
            <h2 id="req-timeline">{t('requests.timeline')}</h2>
            <Timeline entries={r.timeline} />
          </section>
        </div>
        <div>
          {r.status === 'active' && <Extend r={r} onDone={() => changed('extendAsked')} />}
          {live(r) && <Revoke r={r} onDone={() => changed('revoked')} />}
        </div>
      </div>
    </>
  );
}

function Facts({ r }: { r: AccessRequest }) {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useNow(15_000);
  const { me } = useSession();
  return (
    <>
      <dl className="facts">
        <dt>{t('requests.status')}</dt>
        <dd>
          <StatusBadge status={r.status} />
          {r.endReason && r.endReason !== r.status && <span className="muted"> {endReasonLabel(t, r.endReason)}</span>}
        </dd>
        {r.status === 'pending' && (
          <>
            <dt>{t('requests.waitingFor')}</dt>
            <dd data-testid="waiting-for">{stepLabel(t, r.stage)}</dd>
          </>
        )}
        {r.requesterName && r.requesterId !== me?.id && (
          <>
            <dt>{t('task.requester')}</dt>
            <dd>{r.requesterName}</dd>
          </>
        )}
        <dt>{t('requests.duration')}</dt>
        <dd>{f.duration(r.durationMinutes * 60_000)}</dd>
        <dt>{t('requests.askedAt')}</dt>
        <dd>
          <Time iso={r.createdAt} />
        </dd>
        {r.enabledAt && (
          <>
            <dt>{t('requests.enabledAt')}</dt>
            <dd>
              <Time iso={r.enabledAt} />
              {r.enabledBy && <span className="muted"> {t('timeline.by', { name: r.enabledByName ?? r.enabledBy })}</span>}
            </dd>
          </>
        )}
        {r.resource && (
          <>
            <dt>{t('requests.resource')}</dt>
            <dd>{r.resource}</dd>
          </>
        )}
        {r.expiresAt && (
          <>
            <dt>{t('requests.expiresAt')}</dt>
            <dd>
              <Time iso={r.expiresAt} />
              {r.status === 'active' && <span data-testid="time-left"> ({t('requests.timeLeft', { left: f.duration(new Date(r.expiresAt).getTime() - now) })})</span>}
            </dd>
          </>
        )}
      </dl>
      <h3>{t('requests.justification')}</h3>
      <blockquote className="quote">{r.justification}</blockquote>
      <p className="muted">{t('requests.clockNote')}</p>
      <WorkflowLink workflowId={r.workflowId} />
    </>
  );
}

function Extend({ r, onDone }: { r: AccessRequest; onDone: () => void }) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState('4');
  const [unit, setUnit] = useState<DurationUnit>('hours');
  const [why, setWhy] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const act = useAction(async () => {
    await api.extendAccessRequest(r.id, { durationMinutes: toMinutes(Number(amount), unit), justification: why.trim() });
    setWhy('');
    onDone();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (why.trim().length < LIMITS.ExtendAccessRequestDto.justification.minLength) return setProblem(t('requests.justificationTooShort'));
    if (!(toMinutes(Number(amount), unit) >= LIMITS.ExtendAccessRequestDto.durationMinutes.minimum)) return setProblem(t('requests.durationInvalid'));
    setProblem(null);
    void act.run();
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="extend-title" noValidate>
      <h2 id="extend-title">{t('requests.extend')}</h2>
      <p className="muted">{t('requests.extendHint')}</p>
      <ErrorMessage error={act.error} />
      {problem && (
        <p className="alert alert-error" role="alert">
          {problem}
        </p>
      )}
      <DurationInput amount={amount} unit={unit} onAmount={setAmount} onUnit={setUnit} />
      <Field label={t('requests.justification')}>
        {(p) => <textarea {...p} name="extendJustification" rows={3} minLength={LIMITS.ExtendAccessRequestDto.justification.minLength} maxLength={LIMITS.ExtendAccessRequestDto.justification.maxLength} value={why} onChange={(e) => setWhy(e.target.value)} />}
      </Field>
      <div className="actions">
        <button type="submit" disabled={act.busy}>
          {t('requests.extendSubmit')}
        </button>
      </div>
    </form>
  );
}

function Revoke({ r, onDone }: { r: AccessRequest; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const act = useAction(async () => {
    await api.revokeAccessRequest(r.id, reason.trim());
    setOpen(false);
    onDone();
  });
  return (
    <section className="card" aria-labelledby="revoke-title">
      <h2 id="revoke-title">{r.status === 'active' ? t('requests.revoke') : t('requests.withdraw')}</h2>
      <p className="muted">{t('requests.revokeHint')}</p>
      <ErrorMessage error={act.error} />
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        {r.status === 'active' ? t('requests.revoke') : t('requests.withdraw')}
      </button>
      <ConfirmDialog
        open={open}
        title={t('requests.revokeConfirmTitle')}
        confirmLabel={t('requests.revokeConfirm')}
        danger
        busy={act.busy}
        canConfirm={reason.trim().length > 0}
        onConfirm={() => void act.run()}
        onCancel={() => setOpen(false)}
      >
        <p>{t('requests.revokeConfirmText')}</p>
        <Field label={t('requests.revokeReason')}>
          {(p) => <input {...p} name="revokeReason" value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      </ConfirmDialog>
    </section>
  );
}
