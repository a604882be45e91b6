import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import type { Responsibility } from '../api/index.js';
import { useLoad } from '../app/hooks.js';
import { EmptyState, ErrorMessage, Loading, PageTitle } from '../components/common.js';
import { tk } from '../i18n/index.js';
import { bilingual } from '../i18n/labels.js';

const KINDS = {
  machine_room_fire: tk('responsibilities.kinds.machine_room_fire'),
  machine_room_theft: tk('responsibilities.kinds.machine_room_theft'),
  fire_equipment_keeper: tk('responsibilities.kinds.fire_equipment_keeper'),
  information: tk('responsibilities.kinds.information'),
  system: tk('responsibilities.kinds.system'),
} as const;
const FLAGS = {
  no_owner: tk('responsibilities.flags.no_owner'),
  owner_inactive: tk('responsibilities.flags.owner_inactive'),
  no_deputy: tk('responsibilities.flags.no_deputy'),
  deputy_inactive: tk('responsibilities.flags.deputy_inactive'),
} as const;

/**
 * The named owners register (EQ-1, EQ-3, INF-9): each responsibility, its owner and deputy, and a flag
 * where either is missing or deactivated. Read by `responsibilities.read`; the call center manager names
 * owners through the API (PUT /api/responsibilities/:key).
 */
export function Responsibilities() {
  const { t } = useTranslation();
  const [flagged, setFlagged] = useState(false);
  const list = useLoad(() => api.getResponsibilities(flagged), [flagged]);
  return (
    <>
      <PageTitle title={t('responsibilities.title')}>{t('responsibilities.title')}</PageTitle>
      <p className="muted">{t('responsibilities.intro')}</p>
      <label>
        <input type="checkbox" checked={flagged} onChange={(e) => setFlagged(e.target.checked)} /> {t('responsibilities.onlyFlagged')}
      </label>
      <section className="card" aria-labelledby="responsibilities-list">
        <h2 id="responsibilities-list">{t('responsibilities.listTitle')}</h2>
        <ErrorMessage error={list.error} />
        {list.loading && !list.data ? (
          <Loading />
        ) : !list.data?.items.length ? (
          list.data && <EmptyState title={t('responsibilities.empty')} />
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="responsibilities-table">
              <caption className="visually-hidden">{t('responsibilities.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('responsibilities.responsibility')}</th>
                  <th scope="col">{t('responsibilities.owner')}</th>
                  <th scope="col">{t('responsibilities.deputy')}</th>
                  <th scope="col">{t('responsibilities.attention')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((r) => (
                  <Row key={r.key} r={r} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function Row({ r }: { r: Responsibility }) {
  const { t } = useTranslation();
  const who = (p: Responsibility['owner']) => (!p ? <span className="muted">{t('responsibilities.nobody')}</span> : p.active ? p.displayName : t('responsibilities.inactive', { name: p.displayName }));
  return (
    <tr data-testid="responsibility-row" data-key={r.key}>
      <td>
        {bilingual(r.name)}
        <br />
        <span className="muted">{t(KINDS[r.kind])}</span>
      </td>
      <td>{who(r.owner)}</td>
      <td>{who(r.deputy)}</td>
      <td data-testid="responsibility-flags">
        {r.flags.length ? (
          r.flags.map((f) => (
            <span key={f} className="badge status-escalated">
              {t(FLAGS[f])}
            </span>
          ))
        ) : (
          <span className="badge status-completed">{t('responsibilities.ok')}</span>
        )}
      </td>
    </tr>
  );
}
