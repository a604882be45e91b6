import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import { LIMITS } from '../api/index.js';
import { useAction, useIdempotentAction, useLoad, usePolling } from '../app/hooks.js';
import { POLL_MS } from '../app/inbox-count.js';
import { Link, navigate } from '../app/router.js';
import { EmptyState, ErrorMessage, Field, Loading, PageTitle, StatusBadge, Time } from '../components/common.js';
import { Progress } from '../components/Steps.js';

/** HR console: start onboarding and offboarding, and follow every process that is still running. */
export function Hr() {
  const { t } = useTranslation();
  const on = useLoad(() => api.listOnboardings(), []);
  const off = useLoad(() => api.listOffboardings(), []);
  usePolling(() => Promise.all([on.reload(), off.reload()]), POLL_MS);
  return (
    <>
      <PageTitle title={t('hr.title')}>{t('hr.title')}</PageTitle>
      <div className="columns">
        <StartOnboarding />
        <StartOffboarding />
      </div>
      <section className="card" aria-labelledby="hr-on">
        <h2 id="hr-on">{t('hr.onboardings')}</h2>
        <ErrorMessage error={on.error} />
        {on.loading && !on.data ? (
          <Loading />
        ) : !on.data?.items.length ? (
          <EmptyState title={t('hr.noOnboardings')} hint={t('hr.noOnboardingsHint')} />
        ) : (
          <ul className="list" data-testid="onboarding-list">
            {on.data.items.map((o) => (
              <li key={o.id}>
                <Link to={`/hr/onboardings/${encodeURIComponent(o.id)}`} className="list-main">
                  {o.fullName ?? o.employeeId}
                </Link>
                <div className="list-meta">
                  <StatusBadge status={o.state} />
                  <Progress process="onboarding" view={o} />
                  <span>
                    {t('hr.started')} <Time iso={o.createdAt} />
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="hr-off">
        <h2 id="hr-off">{t('hr.offboardings')}</h2>
        <ErrorMessage error={off.error} />
        {off.loading && !off.data ? (
          <Loading />
        ) : !off.data?.items.length ? (
          <EmptyState title={t('hr.noOffboardings')} hint={t('hr.noOffboardingsHint')} />
        ) : (
          <ul className="list" data-testid="offboarding-list">
            {off.data.items.map((o) => {
              const settled = o.items.filter((i) => i.state === 'received' || i.state === 'missing_signed_off').length;
              return (
                <li key={o.id}>
                  <Link to={`/hr/offboardings/${encodeURIComponent(o.id)}`} className="list-main">
                    {o.employeeName ?? o.fullName ?? o.employeeId}
                  </Link>
                  <div className="list-meta">
                    <StatusBadge status={o.state} />
                    <Progress process="offboarding" view={o} />
                    <span>{t('hr.itemsSettled', { settled, total: o.items.length })}</span>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}

function StartOnboarding() {
  const { t, i18n } = useTranslation();
  const deps = useLoad(() => api.listDepartments(), []);
  const [fullName, setFullName] = useState('');
  const [username, setUsername] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [password, setPassword] = useState('');
  const act = useIdempotentAction(api.startOnboarding);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const dep = departmentId || deps.data?.items[0]?.id || '';
    const o = await act.run({ fullName: fullName.trim(), username: username.trim(), departmentId: dep, password });
    if (o) navigate(`/hr/onboardings/${encodeURIComponent(o.id)}`);
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="start-on">
      <h2 id="start-on">{t('hr.startOnboarding')}</h2>
      <p className="muted">{t('hr.startOnboardingHint')}</p>
      <ErrorMessage error={act.error} />
      <Field label={t('hr.fullName')}>{(p) => <input {...p} name="fullName" required maxLength={LIMITS.CreateOnboardingDto.fullName.maxLength} autoComplete="off" value={fullName} onChange={(e) => setFullName(e.target.value)} />}</Field>
      <Field label={t('hr.username')} hint={t('hr.usernameHint')}>
        {(p) => <input {...p} name="username" required pattern="[a-z0-9._-]{2,64}" autoCapitalize="none" spellCheck={false} value={username} onChange={(e) => setUsername(e.target.value)} />}
      </Field>
      <Field label={t('hr.password')} hint={t('hr.passwordHint')}>
        {(p) => <input {...p} name="password" type="password" autoComplete="new-password" required minLength={LIMITS.CreateOnboardingDto.password.minLength} maxLength={LIMITS.CreateOnboardingDto.password.maxLength} value={password} onChange={(e) => setPassword(e.target.value)} />}
      </Field>
      <Field label={t('hr.department')}>
        {(p) =>
          deps.data?.items.length ? (
            <select {...p} name="departmentId" value={departmentId || deps.data.items[0].id} onChange={(e) => setDepartmentId(e.target.value)}>
              {deps.data.items.map((d) => (
                <option key={d.id} value={d.id}>
                  {i18n.language === 'en' ? d.nameEn : d.nameZh}
                </option>
              ))}
            </select>
          ) : (
            <input {...p} name="departmentId" required value={departmentId} onChange={(e) => setDepartmentId(e.target.value)} />
          )
        }
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={act.busy}>
          {t('hr.startOnboardingSubmit')}
        </button>
      </div>
    </form>
  );
}

function StartOffboarding() {
  const { t } = useTranslation();
  const people = useLoad(() => api.listEmployees({ status: 'active' }), []);
  const [employeeId, setEmployeeId] = useState('');
  const [reason, setReason] = useState('');
  const [extra, setExtra] = useState('');
  const act = useAction(api.startOffboarding);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const who = employeeId || people.data?.items[0]?.id || '';
    const extraItems = extra
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((label) => ({ label }));
    const o = await act.run({ employeeId: who, reason: reason.trim(), extraItems });
    if (o) navigate(`/hr/offboardings/${encodeURIComponent(o.id)}`);
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="start-off">
      <h2 id="start-off">{t('hr.startOffboarding')}</h2>
      <p className="muted">{t('hr.startOffboardingHint')}</p>
      <ErrorMessage error={act.error} />
      <Field label={t('hr.employee')}>
        {(p) =>
          people.data?.items.length ? (
            <select {...p} name="employeeId" value={employeeId || people.data.items[0].id} onChange={(e) => setEmployeeId(e.target.value)}>
              {people.data.items.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.fullName}
                </option>
              ))}
            </select>
          ) : (
            <input {...p} name="employeeId" required value={employeeId} onChange={(e) => setEmployeeId(e.target.value)} />
          )
        }
      </Field>
      <Field label={t('hr.reason')}>{(p) => <input {...p} name="reason" required value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
      <Field label={t('hr.extraItems')} hint={t('hr.extraItemsHint')}>
        {(p) => <textarea {...p} name="extraItems" rows={3} value={extra} onChange={(e) => setExtra(e.target.value)} />}
      </Field>
      <div className="actions">
        <button type="submit" className="danger" disabled={act.busy}>
          {t('hr.startOffboardingSubmit')}
        </button>
      </div>
    </form>
  );
}
