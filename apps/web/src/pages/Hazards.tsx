import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import { LIMITS, type Hazard, type ReportHazard } from '../api/index.js';
import { useAction, useLoad } from '../app/hooks.js';
import { useSession } from '../app/session.js';
import { EmptyState, ErrorMessage, Field, Loading, PageTitle, Time } from '../components/common.js';

type During = NonNullable<ReportHazard['during']>;

/**
 * Hazards (EQ-2, EQ-4): anyone who finds one reports it here at once (`hazards.report`); the machine-room
 * managers and those who oversee them see the open ones with how long they have been open
 * (`hazards.read`). The fix is recorded in the hazard's task in the managers' inbox.
 */
export function Hazards() {
  const { t } = useTranslation();
  const { can } = useSession();
  // A new report shows in the list at once: the list loads again.
  const [reports, setReports] = useState(0);
  return (
    <>
      <PageTitle title={t('hazards.title')}>{t('hazards.title')}</PageTitle>
      <p className="muted">{t('hazards.intro')}</p>
      {can('hazards.report') && <ReportForm onReported={() => setReports((n) => n + 1)} />}
      {can('hazards.read') && <OpenHazards key={reports} />}
    </>
  );
}

function ReportForm({ onReported }: { onReported: () => void }) {
  const { t } = useTranslation();
  const [description, setDescription] = useState('');
  const [during, setDuring] = useState<During>('equipment_check');
  const [done, setDone] = useState(false);
  const save = useAction(async () => {
    setDone(false);
    await api.reportHazard({ description: description.trim(), during });
    setDescription('');
    setDone(true);
    onReported();
  });
  const ready = description.trim() !== '';
  return (
    <section className="card" aria-labelledby="hazard-report">
      <h2 id="hazard-report">{t('hazards.report')}</h2>
      <ErrorMessage error={save.error} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) void save.run();
        }}
      >
        <Field label={t('hazards.description')} hint={t('hazards.descriptionHint')}>
          {(p) => <textarea {...p} required rows={3} maxLength={LIMITS.ReportHazardDto.description.maxLength} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <Field label={t('hazards.during')}>
          {(p) => (
            <select {...p} value={during} onChange={(e) => setDuring(e.target.value as During)}>
              <option value="equipment_check">{t('hazards.equipment_check')}</option>
              <option value="inspection">{t('hazards.inspection')}</option>
            </select>
          )}
        </Field>
        <button type="submit" className="primary" disabled={save.busy || !ready}>
          {save.busy ? t('common.working') : t('hazards.submit')}
        </button>
      </form>
      <p role="status" data-testid="hazard-reported">
        {done ? t('hazards.reported') : ''}
      </p>
    </section>
  );
}

function OpenHazards() {
  const { t } = useTranslation();
  const list = useLoad(() => api.getHazards('open'), []);
  return (
    <section className="card" aria-labelledby="hazards-open">
      <h2 id="hazards-open">{t('hazards.open')}</h2>
      <ErrorMessage error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : !list.data?.items.length ? (
        <EmptyState title={t('hazards.empty')} />
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="hazards-table">
            <caption className="visually-hidden">{t('hazards.open')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('hazards.what')}</th>
                <th scope="col">{t('hazards.reportedAt')}</th>
                <th scope="col">{t('hazards.age')}</th>
                <th scope="col">{t('hazards.source')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((h) => (
                <HazardRow key={h.hazardId} hazard={h} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function HazardRow({ hazard: h }: { hazard: Hazard }) {
  const { t } = useTranslation();
  return (
    <tr data-testid="hazard-row">
      <td>
        {h.description} <span className="muted">({h.clauses.join(', ')})</span>
      </td>
      <td>
        <Time iso={h.reportedAt} />
      </td>
      <td>{t('hazards.ageHours', { count: h.ageHours })}</td>
      <td>{h.occurrenceId ?? t('hazards.direct')}</td>
    </tr>
  );
}
