import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import type { AuditFilter } from '../api/index.js';
import { useAction, useLoad } from '../app/hooks.js';
import { useSession } from '../app/session.js';
import { zonedToUtcIso } from '../app/zoned.js';
import { EmptyState, ErrorMessage, Field, Loading, PageTitle, Time } from '../components/common.js';
import { CLAUSE_IDS, clauseTitle, type ClauseId } from '../i18n/clauses.js';

const PAGE_SIZE = 50;

/** The keyset pager: the cursors of the pages before this one, so "Previous" can go back. */
interface Position {
  filter: AuditFilter;
  after: number;
  before: number[];
}

/** Audit: the hash-chained event log, searchable, with the chain's verification and a CSV export. */
export function Audit() {
  const { t } = useTranslation();
  const { timeZone } = useSession();
  const [draft, setDraft] = useState({ subject: '', actor: '', type: '', from: '', to: '', clause: '' });
  const [pos, setPos] = useState<Position>({ filter: {}, after: 0, before: [] });
  const events = useLoad(() => api.listAudit({ ...pos.filter, after: pos.after, limit: PAGE_SIZE }), [pos]);
  // Actors are user ids in the log; audit readers may read the directory, so show names (best effort).
  const users = useLoad(() => api.listUsers().catch(() => null), []);
  const names = new Map((users.data?.items ?? []).map((u) => [u.id, `${u.displayName} (${u.username})`]));
  const byUsername = new Map((users.data?.items ?? []).map((u) => [u.username, u.id]));
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });

  const search = (e: FormEvent) => {
    e.preventDefault();
    const filter: AuditFilter = {
      subject: draft.subject.trim() || undefined,
      actor: byUsername.get(draft.actor.trim().toLowerCase()) ?? (draft.actor.trim() || undefined),
      type: draft.type.trim() || undefined,
      from: draft.from ? zonedToUtcIso(draft.from, timeZone) : undefined,
      to: draft.to ? zonedToUtcIso(draft.to, timeZone) : undefined,
      clause: (draft.clause as ClauseId) || undefined,
    };
    setPos({ filter, after: 0, before: [] });
  };
  const exportCsv = useAction(async () => {
    const blob = await api.exportAuditCsv(pos.filter);
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `custodian-audit-${new Date().toISOString().slice(0, 10)}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  });

  const page = pos.before.length + 1;
  const next = events.data?.nextCursor ?? null;
  return (
    <>
      <PageTitle title={t('audit.title')}>{t('audit.title')}</PageTitle>
      <ChainStatus />
      <form className="card filters" onSubmit={search} aria-labelledby="audit-search">
        <h2 id="audit-search">{t('audit.search')}</h2>
        <div className="filter-grid">
          <Field label={t('audit.subject')} hint={t('audit.subjectHint')}>
            {(p) => <input {...p} name="subject" value={draft.subject} onChange={set('subject')} />}
          </Field>
          <Field label={t('audit.actor')} hint={t('audit.actorHint')}>
            {(p) => <input {...p} name="actor" value={draft.actor} onChange={set('actor')} />}
          </Field>
          <Field label={t('audit.type')} hint={t('audit.typeHint')}>
            {(p) => <input {...p} name="type" value={draft.type} onChange={set('type')} />}
          </Field>
          <Field label={t('audit.from')} hint={t('audit.zoneHint', { zone: timeZone })}>
            {(p) => <input {...p} name="from" type="datetime-local" value={draft.from} onChange={set('from')} />}
          </Field>
          <Field label={t('audit.to')}>{(p) => <input {...p} name="to" type="datetime-local" value={draft.to} onChange={set('to')} />}</Field>
          <Field label={t('audit.clause')} hint={t('audit.clauseHint')}>
            {(p) => (
              <select {...p} name="clause" value={draft.clause} onChange={set('clause')}>
                <option value="">{t('audit.clauseAll')}</option>
                {CLAUSE_IDS.map((id) => (
                  <option key={id} value={id}>
                    {id} · {clauseTitle(t, id)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            {t('audit.searchSubmit')}
          </button>
          <button type="button" disabled={exportCsv.busy} onClick={() => void exportCsv.run()}>
            {t('audit.exportCsv')}
          </button>
        </div>
        <ErrorMessage error={exportCsv.error} />
      </form>
      <section className="card" aria-labelledby="audit-results">
        <h2 id="audit-results">{t('audit.results')}</h2>
        <ErrorMessage error={events.error} />
        {events.loading && !events.data ? (
          <Loading />
        ) : !events.data?.items.length ? (
          <EmptyState title={t('audit.empty')} hint={t('audit.emptyHint')} />
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="audit-table">
              <caption className="visually-hidden">{t('audit.results')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.seq')}</th>
                  <th scope="col">{t('audit.time')}</th>
                  <th scope="col">{t('audit.type')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.subject')}</th>
                  <th scope="col">{t('audit.clauses')}</th>
                </tr>
              </thead>
              <tbody>
                {events.data.items.map((e) => (
                  <tr key={e.seq}>
                    <td>{e.seq}</td>
                    <td>
                      <Time iso={e.occurredAt} />
                    </td>
                    {/* Event types, payloads and subjects are the log's own data: translate="no" keeps them as they are. */}
                    <td translate="no">
                      <details>
                        <summary>
                          <code>{e.type}</code>
                        </summary>
                        <pre lang="en">{JSON.stringify(e.payload, null, 2)}</pre>
                      </details>
                    </td>
                    <td title={e.actor}>{names.get(e.actor) ?? e.actor}</td>
                    <td translate="no">
                      <code>{e.subject}</code>
                    </td>
                    <td data-testid="audit-clauses">
                      <ClauseChips clauses={e.clauses} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav className="pager" aria-label={t('audit.pages')}>
          <button type="button" disabled={page <= 1} onClick={() => setPos({ ...pos, after: pos.before.at(-1) ?? 0, before: pos.before.slice(0, -1) })}>
            {t('audit.previous')}
          </button>
          <span>{t('audit.page', { page })}</span>
          <button type="button" disabled={next === null} onClick={() => next !== null && setPos({ ...pos, after: next, before: [...pos.before, pos.after] })}>
            {t('audit.next')}
          </button>
        </nav>
      </section>
    </>
  );
}

/** The clauses an event serves, each a chip whose tooltip and accessible name carry the short title. */
function ClauseChips({ clauses }: { clauses: string[] | null }) {
  const { t } = useTranslation();
  if (clauses === null) return <span className="muted">{t('audit.clausesUnrecorded')}</span>;
  if (clauses.length === 0) return <span className="muted">{t('audit.clausesNone')}</span>;
  return (
    <>
      {clauses.map((id) => (
        <span key={id} className="badge clause" translate="no" title={clauseTitle(t, id)} aria-label={`${id} ${clauseTitle(t, id)}`}>
          {id}
        </span>
      ))}
    </>
  );
}

function ChainStatus() {
  const { t } = useTranslation();
  const chain = useLoad(() => api.verifyAuditChain(), []);
  const again = useAction(chain.reload);
  const busy = chain.loading || again.busy;
  return (
    <section className="card" aria-labelledby="audit-chain" aria-busy={busy}>
      <h2 id="audit-chain">{t('audit.chain')}</h2>
      <ErrorMessage error={chain.error} />
      {busy ? (
        <Loading />
      ) : (
        chain.data && (
          <p className={chain.data.ok ? 'ok-text' : 'danger-text'} data-testid="chain-status">
            <strong>{chain.data.ok ? t('audit.chainOk', { count: chain.data.checked }) : t('audit.chainBroken', { seq: chain.data.brokenAt?.seq ?? chain.data.lastSeq + 1 })}</strong>
          </p>
        )
      )}
      <button type="button" onClick={() => void again.run()} disabled={busy}>
        {t('audit.verifyAgain')}
      </button>
    </section>
  );
}
