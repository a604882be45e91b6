import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import { LIMITS, type Computer, type ComputerCheckName } from '../api/index.js';
import { useAction, useLoad } from '../app/hooks.js';
import { useSession } from '../app/session.js';
import { EmptyState, ErrorMessage, Field, Loading, PageTitle, Time } from '../components/common.js';
import { tk } from '../i18n/index.js';
import { accessKindLabel } from '../i18n/labels.js';

const CHECKS = {
  usb_blocked: tk('computers.checks.usb_blocked'),
  internet_blocked: tk('computers.checks.internet_blocked'),
  bios_password_set: tk('computers.checks.bios_password_set'),
} as const;

/**
 * The machine-room computers (INF-6): on each, USB blocked, Internet blocked and a BIOS password set,
 * every check with who did it and when; a computer is flagged while a check is missing or failed, and due
 * for a re-check when one is old. The USB unlock or Internet grant in force on it is shown: the one its
 * request named, else the one of the person who uses it. IT records checks (`computers.manage`); the
 * managers and the auditor read (`computers.read`).
 */
export function Computers() {
  const { t } = useTranslation();
  const list = useLoad(() => api.getComputers(), []);
  return (
    <>
      <PageTitle title={t('computers.title')}>{t('computers.title')}</PageTitle>
      <p className="muted">{t('computers.intro')}</p>
      <ErrorMessage error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : !list.data?.items.length ? (
        <EmptyState title={t('computers.empty')} />
      ) : (
        <ul className="media-loans" data-testid="computers">
          {list.data.items.map((c) => (
            <ComputerCard key={c.tag} computer={c} onChecked={() => void list.reload()} />
          ))}
        </ul>
      )}
    </>
  );
}

function ComputerCard({ computer: c, onChecked }: { computer: Computer; onChecked: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [showHistory, setShowHistory] = useState(false);
  const headingId = `computer-${c.tag}`;
  return (
    <li className={c.flagged ? 'card card-danger' : 'card'} data-testid="computer" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <span translate="no">{c.tag}</span>
        {c.flagged && <span className="badge status-overdue">{t('computers.flagged')}</span>}
        {c.recheckDue && <span className="badge status-pending">{t('computers.recheckDue')}</span>}
      </h2>
      <dl className="facts">
        <dt>{t('computers.room')}</dt>
        <dd>{c.room}</dd>
        <dt>{t('computers.user')}</dt>
        <dd>{c.assignedUser?.displayName ?? t('computers.nobody')}</dd>
      </dl>
      {/* Focusable: on a phone the table scrolls sideways, and a keyboard user must be able to scroll it too. */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('computers.checksOf', { tag: c.tag })}>
        <table className="table">
          <caption className="visually-hidden">{t('computers.checksOf', { tag: c.tag })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('computers.check')}</th>
              <th scope="col">{t('computers.result')}</th>
              <th scope="col">{t('computers.checkedBy')}</th>
              <th scope="col">{t('computers.checkedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {c.checks.map((k) => (
              <tr key={k.check} data-testid="computer-check">
                <td>{t(CHECKS[k.check])}</td>
                <td className={k.ok === true ? 'ok-text' : k.ok === false ? 'danger-text' : 'muted'}>
                  {k.ok === null ? t('computers.never') : k.ok ? t('computers.holds') : t('computers.fails')}
                  {k.note ? ` (${k.note})` : ''}
                </td>
                <td>{k.checkedByName ?? k.checkedBy ?? t('common.none')}</td>
                <td>
                  <Time iso={k.checkedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('computers.grants')}</h3>
      {!c.grants.length ? (
        <p className="muted">{t('computers.noGrants')}</p>
      ) : (
        <ul data-testid="computer-grants">
          {c.grants.map((g) => (
            <li key={g.grantId} data-testid="computer-grant">
              {accessKindLabel(t, g.kind)} · {g.holderName ?? g.holderUserId} · {t('computers.until')} <Time iso={g.expiresAt} />
              {g.named ? ` · ${t('computers.namedHere')}` : ` · ${t('computers.ofUser')}`}
            </li>
          ))}
        </ul>
      )}
      {can('computers.manage') && <CheckForm tag={c.tag} onChecked={onChecked} />}
      <button type="button" className="link-button" aria-expanded={showHistory} onClick={() => setShowHistory((v) => !v)}>
        {showHistory ? t('computers.hideHistory') : t('computers.showHistory', { tag: c.tag })}
      </button>
      {showHistory && <History tag={c.tag} />}
    </li>
  );
}

function CheckForm({ tag, onChecked }: { tag: string; onChecked: () => void }) {
  const { t } = useTranslation();
  const [check, setCheck] = useState<ComputerCheckName>('usb_blocked');
  const [ok, setOk] = useState<'true' | 'false'>('true');
  const [note, setNote] = useState('');
  const save = useAction(async () => {
    await api.recordComputerCheck(tag, { check, ok: ok === 'true', ...(note.trim() ? { note: note.trim() } : {}) });
    setNote('');
    onChecked();
  });
  const ready = ok === 'true' || note.trim() !== '';
  return (
    <form
      aria-label={t('computers.recordFor', { tag })}
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) void save.run();
      }}
    >
      <ErrorMessage error={save.error} />
      <Field label={t('computers.check')}>
        {(p) => (
          <select {...p} value={check} onChange={(e) => setCheck(e.target.value as ComputerCheckName)}>
            {(Object.keys(CHECKS) as ComputerCheckName[]).map((k) => (
              <option key={k} value={k}>
                {t(CHECKS[k])}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('computers.result')}>
        {(p) => (
          <select {...p} value={ok} onChange={(e) => setOk(e.target.value as 'true' | 'false')}>
            <option value="true">{t('computers.holds')}</option>
            <option value="false">{t('computers.fails')}</option>
          </select>
        )}
      </Field>
      <Field label={t('computers.note')} hint={t('computers.noteHint')}>
        {(p) => <input {...p} maxLength={LIMITS.RecordCheckDto.note.maxLength} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <button type="submit" className="primary" disabled={save.busy || !ready}>
        {save.busy ? t('common.working') : t('computers.record')}
      </button>
    </form>
  );
}

function History({ tag }: { tag: string }) {
  const { t } = useTranslation();
  const history = useLoad(() => api.getComputerHistory(tag), [tag]);
  if (history.loading && !history.data) return <Loading />;
  return (
    <>
      <ErrorMessage error={history.error} />
      <ol className="timeline" data-testid="computer-history" aria-label={t('computers.historyOf', { tag })}>
        {history.data?.items.map((h, i) => (
          <li key={i}>
            <Time iso={h.at} />
            <span>
              {h.type === 'computer.registered'
                ? t('computers.registered', { room: h.room ?? '' })
                : `${t(CHECKS[h.check ?? 'usb_blocked'])}: ${h.ok ? t('computers.holds') : t('computers.fails')}${h.note ? ` (${h.note})` : ''}`}
            </span>
            <span className="muted">{h.byName ?? h.by}</span>
          </li>
        ))}
      </ol>
    </>
  );
}
