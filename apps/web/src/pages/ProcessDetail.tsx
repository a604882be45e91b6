import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import type { Offboarding, ReturnItem } from '../api/index.js';
import { useIdempotentAction, useLoad, usePolling } from '../app/hooks.js';
import { POLL_MS } from '../app/inbox-count.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { EmptyState, ErrorMessage, Field, Loading, PageTitle, StatusBadge, Time, WorkflowLink } from '../components/common.js';
import { Progress, StepList } from '../components/Steps.js';
import { itemLabel } from '../i18n/labels.js';

export function OnboardingDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const o = useLoad(() => api.getOnboarding(id), [id]);
  usePolling(o.reload, POLL_MS);
  if (o.loading && !o.data) return <Loading />;
  const name = o.data?.fullName ?? o.data?.employeeId ?? '';
  return (
    <>
      <p>
        <Link to="/hr">{t('hr.back')}</Link>
      </p>
      <PageTitle title={t('hr.onboardingOf', { name })}>{t('hr.onboardingOf', { name })}</PageTitle>
      <ErrorMessage error={o.error} />
      {o.data && (
        <div className="columns">
          <section className="card" aria-labelledby="on-steps">
            <h2 id="on-steps">{t('hr.steps')}</h2>
            <p>
              <StatusBadge status={o.data.state} /> <Progress process="onboarding" view={o.data} />
            </p>
            <StepList process="onboarding" view={o.data} />
            <WorkflowLink workflowId={o.data.workflowId} />
          </section>
          <section className="card" aria-labelledby="on-facts">
            <h2 id="on-facts">{t('hr.facts')}</h2>
            <dl className="facts">
              <dt>{t('hr.agentId')}</dt>
              <dd>{o.data.agentId ?? t('common.none')}</dd>
              <dt>{t('hr.workstationIp')}</dt>
              <dd>{o.data.workstationIp ?? t('common.none')}</dd>
              <dt>{t('hr.agreement')}</dt>
              <dd>
                {o.data.agreement ? (
                  <>
                    {t('hr.agreementSigned', { version: o.data.agreement.version })} <Time iso={o.data.agreement.signedAt} />
                  </>
                ) : (
                  t('hr.agreementUnsigned')
                )}
              </dd>
            </dl>
          </section>
        </div>
      )}
    </>
  );
}

export function OffboardingDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const o = useLoad(() => api.getOffboarding(id), [id]);
  usePolling(o.reload, POLL_MS);
  if (o.loading && !o.data) return <Loading />;
  const name = o.data?.employeeName ?? o.data?.fullName ?? o.data?.employeeId ?? '';
  return (
    <>
      <p>
        <Link to="/hr">{t('hr.back')}</Link>
      </p>
      <PageTitle title={t('hr.offboardingOf', { name })}>{t('hr.offboardingOf', { name })}</PageTitle>
      <ErrorMessage error={o.error} />
      {o.data && (
        <div className="columns">
          <section className="card" aria-labelledby="off-steps">
            <h2 id="off-steps">{t('hr.steps')}</h2>
            <p>
              <StatusBadge status={o.data.state} /> <Progress process="offboarding" view={o.data} />
            </p>
            <StepList process="offboarding" view={o.data} />
            {o.data.reason && (
              <p>
                {t('hr.reason')}: {o.data.reason}
              </p>
            )}
            <WorkflowLink workflowId={o.data.workflowId} />
          </section>
          <section className="card" aria-labelledby="off-items">
            <h2 id="off-items">{t('hr.checklist')}</h2>
            <Checklist items={o.data.items} />
            {can('offboarding.start') && o.data.state === 'running' && <AddItem offboarding={o.data} onAdded={o.reload} />}
          </section>
        </div>
      )}
    </>
  );
}

/** HR adds a carrier to the checklist while it is open (INF-13: "items HR adds"). */
function AddItem({ offboarding, onAdded }: { offboarding: Offboarding; onAdded: () => Promise<void> }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const act = useIdempotentAction(async (body: { label: string }, key: string) => {
    await api.addReturnItem(offboarding.id, body, key);
    setLabel('');
    await onAdded();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (label.trim()) void act.run({ label: label.trim() });
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <ErrorMessage error={act.error} />
      <Field label={t('hr.addItem')}>{(p) => <input {...p} name="itemLabel" value={label} onChange={(e) => setLabel(e.target.value)} />}</Field>
      <button type="submit" disabled={act.busy || !label.trim()}>
        {t('hr.addItemSubmit')}
      </button>
    </form>
  );
}

/** The return checklist of one leaver (INF-13): each item, its state, who checked it. */
export function Checklist({ items }: { items: ReturnItem[] }) {
  const { t } = useTranslation();
  if (!items.length) return <EmptyState title={t('hr.noItems')} hint={t('hr.noItemsHint')} />;
  return (
    <table className="table" data-testid="checklist">
      <caption className="visually-hidden">{t('hr.checklist')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('hr.item')}</th>
          <th scope="col">{t('hr.itemState')}</th>
          <th scope="col">{t('hr.checkedBy')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.itemId}>
            <td>
              {itemLabel(t, i.kind, i.label)}
              {i.note && <div className="muted">{i.note}</div>}
            </td>
            <td>
              <StatusBadge status={i.state} />
              {i.virusCheck && (
                <div className="muted">
                  {i.virusCheck.result === 'clean' ? t('task.scanClean') : t('task.scanInfected')} {t('timeline.by', { name: i.virusCheck.byName ?? i.virusCheck.by })}
                </div>
              )}
            </td>
            <td>
              {i.checkedByName ?? i.checkedBy ?? t('common.none')}
              {i.signedOffBy && <div className="muted">{t('hr.signedOffBy', { name: i.signedOffByName ?? i.signedOffBy })}</div>}
              {i.disposedBy && <div className="muted">{t('hr.disposedBy', { name: i.disposedByName ?? i.disposedBy })}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
