import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import { ACCESS_KINDS, LIMITS, type AccessKind } from '../api/index.js';
import { useFormat } from '../app/format.js';
import { useIdempotentAction, useLoad, useNow, usePolling } from '../app/hooks.js';
import { POLL_MS } from '../app/inbox-count.js';
import { Link, navigate } from '../app/router.js';
import { EmptyState, ErrorMessage, Field, Loading, PageTitle, StatusBadge, Time } from '../components/common.js';
import { DurationInput, toMinutes, type DurationUnit } from '../components/DurationInput.js';
import { accessKindHelpText, accessKindLabel } from '../i18n/labels.js';

/** My requests: what I asked for, where each one stands, and time left on what is active. */
export function Requests() {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useNow(30_000);
  const reqs = useLoad(() => api.listAccessRequests({ mine: true, pageSize: 200 }), []);
  usePolling(reqs.reload, POLL_MS);
  const items = reqs.data?.items ?? [];
  return (
    <>
      <PageTitle title={t('requests.title')}>{t('requests.title')}</PageTitle>
      <p>
        <Link to="/requests/new" className="button primary">
          {t('requests.new')}
        </Link>
      </p>
      <ErrorMessage error={reqs.error} />
      {reqs.loading && !reqs.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState title={t('requests.empty')} hint={t('requests.emptyHint')} />
      ) : (
        <ul className="list" data-testid="request-list">
          {items.map((r) => (
            <li key={r.id}>
              <Link to={`/requests/${encodeURIComponent(r.id)}`} className="list-main">
                {accessKindLabel(t, r.kind)}
              </Link>
              <div className="list-meta">
                <StatusBadge status={r.status} />
                <span>
                  {t('requests.askedAt')} <Time iso={r.createdAt} />
                </span>
                {r.status === 'active' && r.expiresAt && <span>{t('requests.timeLeft', { left: f.duration(new Date(r.expiresAt).getTime() - now) })}</span>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const NEW = LIMITS.CreateAccessRequestDto;

/** Asking for access: what, why, for how long. The approval chain is explained next to each kind. */
export function NewRequest() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<AccessKind>('external_network');
  const [justification, setJustification] = useState('');
  const [amount, setAmount] = useState('8');
  const [unit, setUnit] = useState<DurationUnit>('hours');
  const [computer, setComputer] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { run, busy, error } = useIdempotentAction(api.createAccessRequest);
  // INF-6: a USB unlock or Internet request may name the machine-room computer it is for.
  const forComputer = kind !== 'special_agent_id';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(amount);
    if (justification.trim().length < NEW.justification.minLength) return setProblem(t('requests.justificationTooShort'));
    if (!Number.isFinite(n) || toMinutes(n, unit) < NEW.durationMinutes.minimum) return setProblem(t('requests.durationInvalid'));
    setProblem(null);
    const computerTag = forComputer ? computer.trim().toUpperCase() : '';
    const created = await run({ kind, justification: justification.trim(), durationMinutes: toMinutes(n, unit), ...(computerTag ? { computerTag } : {}) });
    if (created) navigate(`/requests/${encodeURIComponent(created.id)}?created=1`);
  };

  return (
    <>
      <p>
        <Link to="/requests">{t('requests.back')}</Link>
      </p>
      <PageTitle title={t('requests.newTitle')}>{t('requests.newTitle')}</PageTitle>
      <form className="card narrow" onSubmit={submit} noValidate>
        <ErrorMessage error={error} />
        {problem && (
          <p className="alert alert-error" role="alert">
            {problem}
          </p>
        )}
        <fieldset>
          <legend>{t('requests.kind')}</legend>
          {ACCESS_KINDS.map((k) => (
            <label key={k} className="choice choice-block">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>
                <strong>{accessKindLabel(t, k)}</strong>
                <span className="hint">{accessKindHelpText(t, k)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <Field label={t('requests.justification')} hint={t('requests.justificationHint')}>
          {(p) => <textarea {...p} name="justification" rows={4} required minLength={NEW.justification.minLength} maxLength={NEW.justification.maxLength} value={justification} onChange={(e) => setJustification(e.target.value)} />}
        </Field>
        <DurationInput amount={amount} unit={unit} onAmount={setAmount} onUnit={setUnit} />
        {forComputer && (
          <Field label={t('requests.computer')} hint={t('requests.computerHint')}>
            {(p) => <input {...p} name="computerTag" autoComplete="off" maxLength={32} value={computer} onChange={(e) => setComputer(e.target.value)} />}
          </Field>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('common.working') : t('requests.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
