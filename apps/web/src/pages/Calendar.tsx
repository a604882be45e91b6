import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import * as api from '../api/index.js';
import { LIMITS, type CalendarDay, type CalendarDayKind } from '../api/index.js';
import { useAction, useLoad } from '../app/hooks.js';
import { useSession } from '../app/session.js';
import { EmptyState, ErrorMessage, Field, Loading, PageTitle, Time } from '../components/common.js';

const kindLabel = (t: TFunction, kind: CalendarDayKind) => (kind === 'holiday' ? t('calendar.holiday') : t('calendar.workday'));

/** The year of today in the call center's zone (the page opens on it). */
const thisYear = (timeZone: string) => Number(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(new Date()));

/**
 * The call center's working-day calendar: Monday to Friday, except the holidays and the make-up working
 * days (调休) the call center manager enters per year. Everyone may read it; only the manager edits it
 * (the API decides: `calendar.manage`).
 */
export function Calendar() {
  const { t, i18n } = useTranslation();
  const { can, timeZone } = useSession();
  const [year, setYear] = useState(() => thisYear(timeZone));
  const cal = useLoad(() => api.getCalendarYear(year), [year]);
  const manage = can('calendar.manage');
  // A date is a calendar day, not an instant: format it as the same day everywhere (UTC), with its weekday.
  const dayFormat = useMemo(() => new Intl.DateTimeFormat(i18n.language, { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }), [i18n.language]);
  const remove = useAction(async (date: string) => {
    await api.clearCalendarDay(date);
    await cal.reload();
  });

  return (
    <>
      <PageTitle title={t('calendar.title')}>{t('calendar.title')}</PageTitle>
      <p className="muted">{t('calendar.intro')}</p>
      <div className="actions" role="group" aria-label={t('calendar.year')}>
        <button type="button" onClick={() => setYear((y) => y - 1)} disabled={year <= 2000}>
          {t('calendar.previousYear')}
        </button>
        <strong data-testid="calendar-year">{year}</strong>
        <button type="button" onClick={() => setYear((y) => y + 1)} disabled={year >= 2100}>
          {t('calendar.nextYear')}
        </button>
      </div>
      {cal.data && (
        <p className="muted" data-testid="calendar-summary">
          {t('calendar.summary', { count: cal.data.workingDayCount, timeZone: cal.data.timeZone })}
        </p>
      )}
      <section className="card" aria-labelledby="calendar-days">
        <h2 id="calendar-days">{t('calendar.days', { year })}</h2>
        <ErrorMessage error={cal.error} />
        <ErrorMessage error={remove.error} />
        {cal.loading && !cal.data ? (
          <Loading />
        ) : !cal.data?.days.length ? (
          <EmptyState title={t('calendar.empty', { year })} hint={manage ? t('calendar.emptyHintManager') : t('calendar.emptyHint')} />
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="calendar-table">
              <caption className="visually-hidden">{t('calendar.days', { year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('calendar.date')}</th>
                  <th scope="col">{t('calendar.kind')}</th>
                  <th scope="col">{t('calendar.name')}</th>
                  <th scope="col">{t('calendar.changedAt')}</th>
                  {manage && <th scope="col">{t('calendar.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {cal.data.days.map((d) => (
                  <DayRow key={d.date} day={d} label={dayFormat.format(new Date(`${d.date}T00:00:00Z`))} manage={manage} busy={remove.busy} onRemove={() => void remove.run(d.date)} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {manage && <AddDay year={year} onSaved={cal.reload} />}
    </>
  );
}

function DayRow({ day, label, manage, busy, onRemove }: { day: CalendarDay; label: string; manage: boolean; busy: boolean; onRemove: () => void }) {
  const { t, i18n } = useTranslation();
  const name = i18n.language.startsWith('zh') ? day.name.zh : day.name.en;
  return (
    <tr>
      {/* A calendar date, not an instant: no <time>, whose datetime the app keeps for instants shown in the person's zone. */}
      <td data-date={day.date}>{label}</td>
      <td>{kindLabel(t, day.kind)}</td>
      <td>{name}</td>
      <td>
        <Time iso={day.updatedAt} />
      </td>
      {manage && (
        <td>
          <button type="button" disabled={busy} onClick={onRemove} aria-label={t('calendar.removeDay', { date: label })}>
            {t('calendar.remove')}
          </button>
        </td>
      )}
    </tr>
  );
}

function AddDay({ year, onSaved }: { year: number; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<CalendarDayKind>('holiday');
  const [en, setEn] = useState('');
  const [zh, setZh] = useState('');
  const save = useAction(async () => {
    await api.setCalendarDay(date, { kind, name: { en: en.trim(), zh: zh.trim() } });
    setDate('');
    setEn('');
    setZh('');
    await onSaved();
  });
  const ready = /^\d{4}-\d{2}-\d{2}$/.test(date) && en.trim() !== '' && zh.trim() !== '';
  return (
    <section className="card" aria-labelledby="calendar-add">
      <h2 id="calendar-add">{t('calendar.add')}</h2>
      <ErrorMessage error={save.error} />
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) void save.run();
        }}
      >
        <Field label={t('calendar.date')}>{(p) => <input {...p} type="date" required min={`${year}-01-01`} max={`${year}-12-31`} value={date} onChange={(e) => setDate(e.target.value)} />}</Field>
        <Field label={t('calendar.kind')} hint={t('calendar.kindHint')}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as CalendarDayKind)}>
              <option value="holiday">{t('calendar.holiday')}</option>
              <option value="workday">{t('calendar.workday')}</option>
            </select>
          )}
        </Field>
        <Field label={t('calendar.nameEn')}>{(p) => <input {...p} lang="en" required maxLength={LIMITS.CalendarNameDto.en.maxLength} value={en} onChange={(e) => setEn(e.target.value)} />}</Field>
        <Field label={t('calendar.nameZh')}>{(p) => <input {...p} lang="zh-CN" required maxLength={LIMITS.CalendarNameDto.zh.maxLength} value={zh} onChange={(e) => setZh(e.target.value)} />}</Field>
        <button type="submit" className="primary" disabled={save.busy || !ready}>
          {save.busy ? t('common.working') : t('calendar.save')}
        </button>
      </form>
    </section>
  );
}
