import type { Chart, ChartConfiguration } from 'chart.js';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import { ASSESSMENT_OUTCOMES, type Assessment as Report, type AssessmentItem, type AssessmentOutcome, type DepartmentAssessment, type PersonAssessment } from '../api/index.js';
import { useAction, useLoad } from '../app/hooks.js';
import { useSession } from '../app/session.js';
import { EmptyState, ErrorMessage, Field, Loading, PageTitle, Time } from '../components/common.js';
import { tk } from '../i18n/index.js';
import { bilingual } from '../i18n/labels.js';

/**
 * chart.js loads with the first chart, as a chunk of its own: it would otherwise add about 185 kB to the
 * bundle every page loads. Only what the two charts use is registered.
 */
let charts: Promise<typeof Chart> | null = null;
const loadCharts = () =>
  (charts ??= import('chart.js').then((m) => {
    m.Chart.register(m.BarController, m.BarElement, m.CategoryScale, m.LinearScale, m.LineController, m.LineElement, m.PointElement, m.Legend, m.Tooltip);
    return m.Chart;
  }));

const OUTCOMES = { on_time: tk('assessment.outcomes.on_time'), late: tk('assessment.outcomes.late'), missed: tk('assessment.outcomes.missed'), open: tk('assessment.outcomes.open') } as const;
const KINDS: Record<AssessmentItem['kind'], string> = {
  onboarding_step: tk('assessment.kinds.onboarding_step'),
  offboarding_step: tk('assessment.kinds.offboarding_step'),
  approval: tk('assessment.kinds.approval'),
  return_item: tk('assessment.kinds.return_item'),
  duty: tk('assessment.kinds.duty'),
  note_handin: tk('assessment.kinds.note_handin'),
  hazard_fix: tk('assessment.kinds.hazard_fix'),
  other: tk('assessment.kinds.other'),
};
/** Colours with enough contrast on white, told apart by more than hue in the tables beside the charts. */
const COLOURS: Record<AssessmentOutcome, string> = { on_time: '#1b7f3b', late: '#b25e00', missed: '#b3261e', open: '#6b7280' };
const SCOPES = { all: tk('assessment.scope.all'), department: tk('assessment.scope.department'), self: tk('assessment.scope.self') } as const;
const FIELD: Record<AssessmentOutcome, 'onTime' | 'late' | 'missed' | 'open'> = { on_time: 'onTime', late: 'late', missed: 'missed', open: 'open' };
const PAGE_SIZE = 20;

const localToday = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * The assessment report (policy preamble: compliance per person and per department): every required step
 * and duty due in a period, on time, late, missed or open. A department's bar (or its row) opens its
 * people; a person opens their items. What the API returns is already limited to the caller's scope.
 */
export function Assessment() {
  const { t } = useTranslation();
  const { timeZone } = useSession();
  const [period, setPeriod] = useState(() => {
    const to = localToday(timeZone);
    return { from: `${to.slice(0, 8)}01`, to };
  });
  const [draft, setDraft] = useState(period);
  const [department, setDepartment] = useState<DepartmentAssessment | null>(null);
  const [person, setPerson] = useState<PersonAssessment | null>(null);
  const report = useLoad(() => api.getAssessment(period), [period.from, period.to]);
  const exportFile = useAction(async (format: 'csv' | 'xlsx') => save(await api.exportAssessment(format, period), `custodian-assessment-${period.from}-${period.to}.${format}`));
  const pick = (d: DepartmentAssessment | null) => {
    setDepartment(d);
    setPerson(null);
  };

  return (
    <>
      <PageTitle title={t('assessment.title')}>{t('assessment.title')}</PageTitle>
      <p className="muted">{t('assessment.intro')}</p>
      <form
        className="card inline-form"
        aria-label={t('assessment.period')}
        onSubmit={(e) => {
          e.preventDefault();
          pick(null);
          setPeriod(draft);
        }}
      >
        <Field label={t('assessment.from')}>{(p) => <input {...p} type="date" required value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />}</Field>
        <Field label={t('assessment.to')}>{(p) => <input {...p} type="date" required value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />}</Field>
        <button type="submit" className="primary">
          {t('assessment.show')}
        </button>
        <button type="button" disabled={exportFile.busy} onClick={() => void exportFile.run('csv')}>
          {t('assessment.exportCsv')}
        </button>
        <button type="button" disabled={exportFile.busy} onClick={() => void exportFile.run('xlsx')}>
          {t('assessment.exportXlsx')}
        </button>
      </form>
      <ErrorMessage error={report.error ?? exportFile.error} />
      {report.loading && !report.data ? (
        <Loading />
      ) : !report.data ? null : report.data.totals.total === 0 ? (
        <EmptyState title={t('assessment.empty')} />
      ) : (
        <>
          <p data-testid="assessment-scope">
            {t(SCOPES[report.data.scope])} · {t('assessment.totals', { total: report.data.totals.total, rate: percent(report.data.totals.onTimeRate) })}
          </p>
          <Departments report={report.data} onPick={pick} />
          <Weeks report={report.data} />
          {department && <People report={report.data} department={department} onPick={setPerson} onClose={() => pick(null)} />}
          {department && person && <Items key={`${period.from}${period.to}${person.personId}`} period={period} person={person} scope={report.data.scope} onClose={() => setPerson(null)} />}
        </>
      )}
    </>
  );
}

const departmentName = (t: (k: string) => string, d: { name: DepartmentAssessment['name'] }) => (d.name ? bilingual(d.name) : t('assessment.noDepartment'));

/** A chart drawn on a canvas, made again when its configuration changes, and destroyed with the component. */
function ChartCanvas({ config, label, testId }: { config: ChartConfiguration; label: string; testId: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: Chart | null = null;
    let gone = false;
    void loadCharts().then((C) => {
      if (!gone && ref.current) chart = new C(ref.current, config);
    });
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, [config]);
  return (
    <div className="chart">
      <canvas ref={ref} role="img" aria-label={label} data-testid={testId} />
    </div>
  );
}

function CountCells({ c }: { c: { onTime: number; late: number; missed: number; open: number; total: number; onTimeRate: number | null } }) {
  return (
    <>
      {ASSESSMENT_OUTCOMES.map((o) => (
        <td key={o} className="num">
          {c[FIELD[o]]}
        </td>
      ))}
      <td className="num">{c.total}</td>
      <td className="num">{percent(c.onTimeRate)}</td>
    </>
  );
}

function CountHeaders() {
  const { t } = useTranslation();
  return (
    <>
      {ASSESSMENT_OUTCOMES.map((o) => (
        <th key={o} scope="col">
          {t(OUTCOMES[o])}
        </th>
      ))}
      <th scope="col">{t('assessment.total')}</th>
      <th scope="col">{t('assessment.onTimeRate')}</th>
    </>
  );
}

function Departments({ report, onPick }: { report: Report; onPick: (d: DepartmentAssessment) => void }) {
  const { t, i18n } = useTranslation();
  const [config, setConfig] = useState<ChartConfiguration | null>(null);
  useEffect(() => {
    setConfig({
      type: 'bar',
      data: {
        labels: report.departments.map((d) => departmentName(t, d)),
        datasets: ASSESSMENT_OUTCOMES.map((o) => ({ label: t(OUTCOMES[o]), data: report.departments.map((d) => d[FIELD[o]]), backgroundColor: COLOURS[o] })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        onClick: (_e, elements) => {
          const d = elements[0] ? report.departments[elements[0].index] : undefined;
          if (d) onPick(d);
        },
      },
    });
    // A new report or language draws the chart again (onPick only sets state).
  }, [report, i18n.language]);
  return (
    <ChartSection id="assessment-departments" title={t('assessment.byDepartment')} config={config} chartLabel={t('assessment.departmentChart')} chartTestId="department-chart" tableLabel={t('assessment.departmentTable')} tableTestId="department-table" rowHeader={t('assessment.department')}>
      {report.departments.map((d) => (
        <tr key={d.departmentId ?? 'none'} data-testid="department-row">
          <th scope="row">
            <button type="button" className="link-button" onClick={() => onPick(d)}>
              {departmentName(t, d)}
            </button>
          </th>
          <CountCells c={d} />
        </tr>
      ))}
    </ChartSection>
  );
}

/** A chart and, beside it, the same figures as a table (what screen readers and keyboards use). */
function ChartSection(p: { id: string; title: string; config: ChartConfiguration | null; chartLabel: string; chartTestId: string; tableLabel: string; tableTestId: string; rowHeader: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={p.id}>
      <h2 id={p.id}>{p.title}</h2>
      <div className="chart-and-table">
        {p.config && <ChartCanvas config={p.config} label={p.chartLabel} testId={p.chartTestId} />}
        <div className="table-wrap" tabIndex={0} role="region" aria-label={p.tableLabel}>
          <table className="table" data-testid={p.tableTestId}>
            <caption>{p.tableLabel}</caption>
            <thead>
              <tr>
                <th scope="col">{p.rowHeader}</th>
                <CountHeaders />
              </tr>
            </thead>
            <tbody>{p.children}</tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

function Weeks({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const [config, setConfig] = useState<ChartConfiguration | null>(null);
  useEffect(() => {
    setConfig({
      type: 'line',
      data: {
        labels: report.weeks.map((w) => w.weekStart),
        datasets: [
          { label: t('assessment.onTimeRate'), data: report.weeks.map((w) => (w.onTimeRate === null ? null : Math.round(w.onTimeRate * 1000) / 10)), borderColor: COLOURS.on_time, backgroundColor: COLOURS.on_time },
          { label: t(OUTCOMES.missed), data: report.weeks.map((w) => (w.missedRate === null ? null : Math.round(w.missedRate * 1000) / 10)), borderColor: COLOURS.missed, backgroundColor: COLOURS.missed },
        ],
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, max: 100, title: { display: true, text: '%' } } } },
    });
  }, [report, i18n.language, t]);
  return (
    <ChartSection id="assessment-weeks" title={t('assessment.byWeek')} config={config} chartLabel={t('assessment.weekChart')} chartTestId="week-chart" tableLabel={t('assessment.weekTable')} tableTestId="week-table" rowHeader={t('assessment.week')}>
      {report.weeks.map((w) => (
        <tr key={w.weekStart}>
          <th scope="row" translate="no">
            {w.weekStart}
          </th>
          <CountCells c={w} />
        </tr>
      ))}
    </ChartSection>
  );
}

function People({ report, department, onPick, onClose }: { report: Report; department: DepartmentAssessment; onPick: (p: PersonAssessment) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const people = report.people.filter((p) => p.departmentId === department.departmentId);
  const name = departmentName(t, department);
  return (
    <section className="card" aria-labelledby="assessment-people">
      <h2 id="assessment-people">{t('assessment.peopleIn', { department: name })}</h2>
      <button type="button" onClick={onClose}>
        {t('assessment.close')}
      </button>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('assessment.peopleIn', { department: name })}>
        <table className="table" data-testid="people-table">
          <caption className="visually-hidden">{t('assessment.peopleIn', { department: name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assessment.person')}</th>
              <CountHeaders />
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.personId ?? 'nobody'} data-testid="person-row">
                <th scope="row">
                  {p.personId ? (
                    <button type="button" className="link-button" onClick={() => onPick(p)}>
                      {p.displayName ?? p.personId}
                    </button>
                  ) : (
                    t('assessment.unassigned')
                  )}
                </th>
                <CountCells c={p} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Items({ period, person, scope, onClose }: { period: { from: string; to: string }; person: PersonAssessment; scope: Report['scope']; onClose: () => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  // Only a reader of everything narrows by department: the API already limits a supervisor and an employee to theirs.
  const departmentId = scope === 'all' ? (person.departmentId ?? 'none') : undefined;
  const items = useLoad(() => api.listAssessmentItems({ ...period, personId: person.personId!, departmentId, page, pageSize: PAGE_SIZE }), [page]);
  const pages = items.data ? Math.max(1, Math.ceil(items.data.total / PAGE_SIZE)) : 1;
  const name = person.displayName ?? person.personId ?? '';
  return (
    <section className="card" aria-labelledby="assessment-items">
      <h2 id="assessment-items">{t('assessment.itemsOf', { person: name })}</h2>
      <button type="button" onClick={onClose}>
        {t('assessment.close')}
      </button>
      <ErrorMessage error={items.error} />
      {items.loading && !items.data ? (
        <Loading />
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('assessment.itemsOf', { person: name })}>
          <table className="table" data-testid="items-table">
            <caption className="visually-hidden">{t('assessment.itemsOf', { person: name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assessment.item')}</th>
                <th scope="col">{t('assessment.kind')}</th>
                <th scope="col">{t('assessment.due')}</th>
                <th scope="col">{t('assessment.done')}</th>
                <th scope="col">{t('assessment.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {items.data?.items.map((i) => (
                <tr key={i.taskId} data-testid="item-row">
                  <td>
                    {bilingual(i.title)} <span className="muted">({i.clauses.join(', ') || '—'})</span>
                  </td>
                  <td>{t(KINDS[i.kind])}</td>
                  <td>
                    <Time iso={i.dueAt} />
                  </td>
                  <td>{i.doneAt ? <Time iso={i.doneAt} /> : '—'}</td>
                  <td>
                    <span className={`badge status-${i.outcome === 'on_time' ? 'done' : i.outcome === 'open' ? 'open' : 'escalated'}`}>{t(OUTCOMES[i.outcome as AssessmentOutcome])}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t('assessment.pages')}>
        <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t('assessment.previous')}
        </button>
        <span>{t('assessment.pageOf', { page, pages })}</span>
        <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          {t('assessment.next')}
        </button>
      </nav>
    </section>
  );
}
