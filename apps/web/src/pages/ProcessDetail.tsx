import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import type { ReturnItem } from '../api/index.js';
import { useLoad, usePolling } from '../app/hooks.js';
import { POLL_MS } from '../app/inbox-count.js';
import { Link } from '../app/router.js';
import { EmptyState, ErrorMessage, Loading, PageTitle, StatusBadge, WorkflowLink } from '../components/common.js';
import { Progress, StepList } from '../components/Steps.js';
import { itemLabel } from '../i18n/labels.js';

export function OnboardingDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const o = useLoad(() => api.getOnboarding(id), [id]);
  usePolling(o.reload, POLL_MS);
  if (o.loading && !o.data) return <Loading />;
  return (
    <>
      <p>
        <Link to="/hr">{t('hr.back')}</Link>
      </p>
      <PageTitle title={t('hr.onboardingOf', { name: o.data?.fullName ?? '' })}>{t('hr.onboardingOf', { name: o.data?.fullName ?? '' })}</PageTitle>
      <ErrorMessage error={o.error} />
      {o.data && (
        <section className="card">
          <p>
            <StatusBadge status={o.data.state} /> <Progress process="onboarding" steps={o.data.steps} />
          </p>
          <StepList process="onboarding" steps={o.data.steps} />
          <WorkflowLink workflowId={api.workflowIdOf('onboarding', o.data.id, o.data.workflowId)} />
        </section>
      )}
    </>
  );
}

export function OffboardingDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const o = useLoad(() => api.getOffboarding(id), [id]);
  usePolling(o.reload, POLL_MS);
  if (o.loading && !o.data) return <Loading />;
  const name = o.data?.employeeName ?? o.data?.employeeId ?? '';
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
              <StatusBadge status={o.data.state} /> <Progress process="offboarding" steps={o.data.steps} />
            </p>
            <StepList process="offboarding" steps={o.data.steps} />
            <WorkflowLink workflowId={api.workflowIdOf('offboarding', o.data.id, o.data.workflowId)} />
          </section>
          <section className="card" aria-labelledby="off-items">
            <h2 id="off-items">{t('hr.checklist')}</h2>
            <Checklist items={o.data.items} />
          </section>
        </div>
      )}
    </>
  );
}

/** The return checklist of one leaver (INF-13): each item, its state, who checked it and when. */
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
              {i.virusCheck && <div className="muted">{i.virusCheck.result === 'clean' ? t('task.scanClean') : t('task.scanInfected')}</div>}
            </td>
            <td>
              {i.checkedBy ?? t('common.none')}
              {i.signedOffBy && <div className="muted">{t('hr.signedOffBy', { name: i.signedOffBy })}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
