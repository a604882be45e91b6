import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import type { DutyDay } from '../api/index.js';
import { useLoad } from '../app/hooks.js';
import { useSession } from '../app/session.js';
import { EmptyState, ErrorMessage, Field, Loading, PageTitle, Time } from '../components/common.js';
import { tk } from '../i18n/index.js';
import { bilingual, roleLabel } from '../i18n/labels.js';

const STATES = { open: tk('duties.states.open'), late: tk('duties.states.late'), completed: tk('duties.states.completed'), missed: tk('duties.states.missed') } as const;

/** Today's date in the call center's zone (YYYY-MM-DD), where the duties' days are counted. */
const today = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/**
 * The recurring duties of a day (EQ-6 first): who owns each, when it falls due, and what became of that
 * day's occurrence (open, late, done, missed; nothing on a day off). The checklist itself is answered in
 * the owner's inbox; this page is for the managers and the auditor who follow them (`duties.read`).
 */
export function Duties() {
  const { t } = useTranslation();
  const { timeZone } = useSession();
  const [date, setDate] = useState(() => today(timeZone));
  const day = useLoad(() => api.getDuties(date), [date]);
  return (
    <>
      <PageTitle title={t('duties.title')}>{t('duties.title')}</PageTitle>
      <p className="muted">{t('duties.intro')}</p>
      <Field label={t('duties.date')}>{(p) => <input {...p} type="date" required value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />}</Field>
      <section className="card" aria-labelledby="duties-of-day">
        <h2 id="duties-of-day">{t('duties.ofDay', { date, timeZone: day.data?.timeZone ?? timeZone })}</h2>
        <ErrorMessage error={day.error} />
        {day.loading && !day.data ? (
          <Loading />
        ) : !day.data?.duties.length ? (
          <EmptyState title={t('duties.empty')} />
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="duties-table">
              <caption className="visually-hidden">{t('duties.ofDay', { date, timeZone: day.data.timeZone })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('duties.duty')}</th>
                  <th scope="col">{t('duties.owner')}</th>
                  <th scope="col">{t('duties.times')}</th>
                  <th scope="col">{t('duties.state')}</th>
                  <th scope="col">{t('duties.completedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {day.data.duties.map((d) => (
                  <DutyRow key={d.dutyId} duty={d} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function DutyRow({ duty: d }: { duty: DutyDay }) {
  const { t } = useTranslation();
  const o = d.occurrence;
  return (
    <tr data-testid="duty-row">
      <td>
        {bilingual(d.title)}
        {d.paused && <span className="badge status-cancelled"> {t('duties.paused')}</span>}
      </td>
      <td>
        {'userId' in d.owner && d.owner.userId
          ? t('duties.namedOwner', { userId: d.owner.userId })
          : d.owner.departmentId
            ? t('duties.inDepartment', { role: roleLabel(t, d.owner.role), department: d.owner.departmentId })
            : roleLabel(t, d.owner.role)}
        <br />
        <span className="muted">{t('duties.escalatesTo', { role: roleLabel(t, d.escalation) })}</span>
      </td>
      {/* EQ-2 unannounced: only the window is shown, never the time drawn for the day. */}
      <td>{d.until ? t('duties.unannouncedWindow', { at: d.at, until: d.until, due: d.dueAt }) : t('duties.atAndDue', { at: d.at, due: d.dueAt })}</td>
      <td data-testid="duty-state">
        {o ? (
          <span className={`badge status-${o.state === 'missed' || o.state === 'late' ? 'escalated' : o.state}`}>
            {t(STATES[o.state])}
            {o.state === 'completed' && o.late ? ` · ${t('duties.late')}` : ''}
          </span>
        ) : (
          <span className="muted">{t('duties.noOccurrence')}</span>
        )}
      </td>
      <td>{o?.completedAt ? <Time iso={o.completedAt} /> : '—'}</td>
    </tr>
  );
}
