import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import * as api from '../api/index.js';
import { LIMITS, type Visit, type VisitorArea, type VisitorDocumentType, type VisitQuery } from '../api/index.js';
import { useAction, useLoad, type Loaded } from '../app/hooks.js';
import { useSession } from '../app/session.js';
import { EmptyState, ErrorMessage, Field, Loading, Notice, PageTitle, Time } from '../components/common.js';
import { tk } from '../i18n/index.js';

const DOCUMENT_TYPES: Record<VisitorDocumentType, ReturnType<typeof tk>> = {
  resident_id: tk('visitors.documentTypes.resident_id'),
  passport: tk('visitors.documentTypes.passport'),
  hk_macau_permit: tk('visitors.documentTypes.hk_macau_permit'),
  taiwan_permit: tk('visitors.documentTypes.taiwan_permit'),
  foreign_residence_permit: tk('visitors.documentTypes.foreign_residence_permit'),
  other: tk('visitors.documentTypes.other'),
};
const areaLabel = (t: TFunction, a: VisitorArea) => (a === 'machine_room' ? t('visitors.areas.machine_room') : a === 'rest_room' ? t('visitors.areas.rest_room') : t('visitors.areas.general'));

/** Today's date in the call center's zone (YYYY-MM-DD), the day visits are searched by. */
const today = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/**
 * The visitor desk (INF-1, INF-3, INF-4): security registers visitors with their identity document,
 * checks them out and records a stranger found in the machine room; the call center manager keeps the
 * designated escorts; security, the manager and the auditor search and export the register. The API
 * decides who may do what; the page shows each part to those it lets through.
 */
export function Visitors() {
  const { t } = useTranslation();
  const { can } = useSession();
  const register = can('visitors.register');
  const inside = useLoad(() => api.visitorsInside(), []);
  const escorts = useLoad(() => api.visitorEscorts(), []);
  return (
    <>
      <PageTitle title={t('visitors.title')}>{t('visitors.title')}</PageTitle>
      <p className="muted">{t('visitors.intro')}</p>
      {register && <RegisterForm escorts={escorts.data?.items ?? []} onSaved={inside.reload} />}
      <VisitTable titleId="visitors-inside" title={t('visitors.insideNow')} testId="visitors-inside" loaded={inside} checkOut={register} onChanged={inside.reload} />
      <Search />
      {register && <StrangerForm />}
      <Escorts escorts={escorts} />
    </>
  );
}

function RegisterForm({ escorts, onSaved }: { escorts: api.VisitorEscort[]; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const hosts = useLoad(() => api.visitHosts(), []);
  const empty = { name: '', organisation: '', purpose: '', hostUserId: '', documentType: 'resident_id' as VisitorDocumentType, documentNumber: '', area: 'general' as VisitorArea, escortUserId: '', badge: '' };
  const [f, setF] = useState(empty);
  const [done, setDone] = useState<Visit | null>(null);
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const L = LIMITS.RegisterVisitorDto;
  const save = useAction(async () => {
    const v = await api.registerVisitor({ ...f, escortUserId: f.area === 'machine_room' && f.escortUserId ? f.escortUserId : undefined });
    setDone(v);
    setF(empty);
    await onSaved();
  });
  return (
    <section className="card" aria-labelledby="visitors-register">
      <h2 id="visitors-register">{t('visitors.register')}</h2>
      <p className="muted">{t('visitors.registerIntro')}</p>
      <ErrorMessage error={save.error} />
      {done && <Notice>{t('visitors.registered', { name: done.name ?? '', badge: done.badge })}</Notice>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <Field label={t('visitors.name')} hint={t('visitors.nameHint')}>{(p) => <input {...p} required autoComplete="off" maxLength={L.name.maxLength} value={f.name} onChange={set('name')} />}</Field>
        <Field label={t('visitors.organisation')}>{(p) => <input {...p} required maxLength={L.organisation.maxLength} value={f.organisation} onChange={set('organisation')} />}</Field>
        <Field label={t('visitors.purpose')}>{(p) => <input {...p} required maxLength={L.purpose.maxLength} value={f.purpose} onChange={set('purpose')} />}</Field>
        <Field label={t('visitors.host')}>
          {(p) => (
            <select {...p} required value={f.hostUserId} onChange={set('hostUserId')}>
              <option value="">{t('visitors.chooseHost')}</option>
              {(hosts.data?.items ?? []).map((h) => (
                <option key={h.userId} value={h.userId}>
                  {h.displayName} ({h.username})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('visitors.documentType')}>
          {(p) => (
            <select {...p} required value={f.documentType} onChange={set('documentType')}>
              {Object.entries(DOCUMENT_TYPES).map(([k, label]) => (
                <option key={k} value={k}>
                  {t(label)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('visitors.documentNumber')} hint={t('visitors.documentNumberHint')}>
          {(p) => <input {...p} required autoComplete="off" minLength={L.documentNumber.minLength} maxLength={L.documentNumber.maxLength} value={f.documentNumber} onChange={set('documentNumber')} />}
        </Field>
        <Field label={t('visitors.area')}>
          {(p) => (
            <select {...p} value={f.area} onChange={set('area')}>
              <option value="general">{t('visitors.areas.general')}</option>
              <option value="machine_room">{t('visitors.areas.machine_room')}</option>
              <option value="rest_room">{t('visitors.areas.rest_room')}</option>
            </select>
          )}
        </Field>
        {f.area === 'machine_room' && (
          <Field label={t('visitors.escort')} hint={t('visitors.escortHint')}>
            {(p) => (
              <select {...p} required value={f.escortUserId} onChange={set('escortUserId')}>
                <option value="">{t('visitors.chooseEscort')}</option>
                {escorts.map((x) => (
                  <option key={x.userId} value={x.userId}>
                    {x.displayName ?? x.userId}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('visitors.badge')}>{(p) => <input {...p} required maxLength={L.badge.maxLength} value={f.badge} onChange={set('badge')} />}</Field>
        <button type="submit" className="primary" disabled={save.busy}>
          {save.busy ? t('common.working') : t('visitors.registerSubmit')}
        </button>
      </form>
    </section>
  );
}

function VisitTable({ titleId, title, testId, loaded, checkOut, onChanged }: { titleId: string; title: string; testId: string; loaded: Loaded<api.VisitList>; checkOut: boolean; onChanged: () => Promise<void> }) {
  const { t } = useTranslation();
  const out = useAction(async (visitId: string) => {
    await api.checkOutVisitor(visitId);
    await onChanged();
  });
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <ErrorMessage error={loaded.error} />
      <ErrorMessage error={out.error} />
      {loaded.loading && !loaded.data ? (
        <Loading />
      ) : !loaded.data?.items.length ? (
        <EmptyState title={t('visitors.none')} />
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid={testId}>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('visitors.name')}</th>
                <th scope="col">{t('visitors.organisation')}</th>
                <th scope="col">{t('visitors.host')}</th>
                <th scope="col">{t('visitors.area')}</th>
                <th scope="col">{t('visitors.documentNumber')}</th>
                <th scope="col">{t('visitors.badge')}</th>
                <th scope="col">{t('visitors.timeIn')}</th>
                <th scope="col">{t('visitors.timeOut')}</th>
                {checkOut && <th scope="col">{t('visitors.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {loaded.data.items.map((v) => (
                <tr key={v.id} data-testid="visit-row">
                  <td>{v.name ?? <span className="muted">{t('visitors.purged')}</span>}</td>
                  <td>{v.organisation}</td>
                  <td>{v.host.displayName ?? v.host.userId}</td>
                  <td>
                    {areaLabel(t, v.area)}
                    {v.escort && (
                      <>
                        <br />
                        <span className="muted">{t('visitors.escortedBy', { name: v.escort.displayName ?? v.escort.userId })}</span>
                      </>
                    )}
                  </td>
                  <td>{v.documentMasked}</td>
                  <td>{v.badge}</td>
                  <td>
                    <Time iso={v.checkedInAt} />
                  </td>
                  <td>{v.checkedOutAt ? <Time iso={v.checkedOutAt} /> : '—'}</td>
                  {checkOut && (
                    <td>
                      {!v.checkedOutAt && (
                        <button type="button" disabled={out.busy} onClick={() => void out.run(v.id)} aria-label={t('visitors.checkOutWho', { name: v.name ?? v.badge })}>
                          {t('visitors.checkOut')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Search() {
  const { t } = useTranslation();
  const { timeZone } = useSession();
  const [draft, setDraft] = useState<VisitQuery>(() => ({ date: today(timeZone), organisation: '' }));
  const [q, setQ] = useState<VisitQuery>(draft);
  const found = useLoad(() => api.listVisits(q), [q.date, q.organisation]);
  const exportCsv = useAction(async () => {
    const blob = await api.exportVisitsCsv(q);
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `custodian-visitors-${q.date ?? 'all'}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  });
  return (
    <>
      <section className="card" aria-labelledby="visitors-search">
        <h2 id="visitors-search">{t('visitors.search')}</h2>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            setQ({ ...draft });
          }}
        >
          <Field label={t('visitors.date')}>{(p) => <input {...p} type="date" value={draft.date ?? ''} onChange={(e) => setDraft((d) => ({ ...d, date: e.target.value || undefined }))} />}</Field>
          <Field label={t('visitors.organisation')}>{(p) => <input {...p} type="search" value={draft.organisation ?? ''} onChange={(e) => setDraft((d) => ({ ...d, organisation: e.target.value }))} />}</Field>
          <button type="submit">{t('visitors.searchSubmit')}</button>
          <button type="button" disabled={exportCsv.busy} onClick={() => void exportCsv.run()}>
            {t('visitors.exportCsv')}
          </button>
        </form>
        <ErrorMessage error={exportCsv.error} />
      </section>
      <VisitTable titleId="visitors-found" title={t('visitors.found')} testId="visitors-found" loaded={found} checkOut={false} onChanged={found.reload} />
    </>
  );
}

/** INF-3: the confirmation that the stranger was escorted out comes first; only then is the reason asked. */
function StrangerForm() {
  const { t } = useTranslation();
  const [escortedOut, setEscortedOut] = useState(false);
  const [reason, setReason] = useState('');
  const [sent, setSent] = useState(false);
  const save = useAction(async () => {
    await api.reportStranger({ escortedOut: true, reason: reason.trim() });
    setEscortedOut(false);
    setReason('');
    setSent(true);
  });
  return (
    <section className="card" aria-labelledby="visitors-stranger">
      <h2 id="visitors-stranger">{t('visitors.stranger')}</h2>
      <p className="muted">{t('visitors.strangerIntro')}</p>
      <ErrorMessage error={save.error} />
      {sent && <Notice>{t('visitors.strangerSent')}</Notice>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (escortedOut && reason.trim()) void save.run();
        }}
      >
        <div className="field">
          <label>
            <input type="checkbox" checked={escortedOut} onChange={(e) => setEscortedOut(e.target.checked)} /> {t('visitors.escortedOut')}
          </label>
        </div>
        <Field label={t('visitors.reason')} hint={escortedOut ? undefined : t('visitors.reasonAfter')}>
          {(p) => <textarea {...p} required disabled={!escortedOut} maxLength={LIMITS.ReportStrangerDto.reason.maxLength} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <button type="submit" className="primary" disabled={save.busy || !escortedOut || !reason.trim()}>
          {t('visitors.strangerSubmit')}
        </button>
      </form>
    </section>
  );
}

/** INF-4: who may bring guests into the machine room; the call center manager designates and removes. */
function Escorts({ escorts }: { escorts: Loaded<{ items: api.VisitorEscort[] }> }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const manage = can('visitors.designateEscorts');
  const users = useLoad(() => (manage ? api.listUsers() : Promise.resolve(null)), [manage]);
  const [pick, setPick] = useState('');
  const change = useAction(async (userId: string, designate: boolean) => {
    await (designate ? api.designateEscort(userId) : api.revokeEscort(userId));
    setPick('');
    await escorts.reload();
  });
  const managers = (users.data?.items ?? []).filter((u) => u.active && u.roles.some((r) => ['cc_manager', 'site_manager', 'supervisor', 'leadership'].includes(r)));
  return (
    <section className="card" aria-labelledby="visitors-escorts">
      <h2 id="visitors-escorts">{t('visitors.escorts')}</h2>
      <p className="muted">{t('visitors.escortsIntro')}</p>
      <ErrorMessage error={escorts.error} />
      <ErrorMessage error={change.error} />
      {!escorts.data?.items.length ? (
        <EmptyState title={t('visitors.noEscorts')} />
      ) : (
        <ul data-testid="visitor-escorts">
          {escorts.data.items.map((x) => (
            <li key={x.userId}>
              {x.displayName ?? x.userId}{' '}
              {manage && (
                <button type="button" disabled={change.busy} onClick={() => void change.run(x.userId, false)} aria-label={t('visitors.removeEscort', { name: x.displayName ?? x.userId })}>
                  {t('visitors.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {manage && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (pick) void change.run(pick, true);
          }}
        >
          <Field label={t('visitors.designate')}>
            {(p) => (
              <select {...p} value={pick} onChange={(e) => setPick(e.target.value)}>
                <option value="">{t('visitors.chooseManager')}</option>
                {managers.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" disabled={change.busy || !pick}>
            {t('visitors.designateSubmit')}
          </button>
        </form>
      )}
    </section>
  );
}
