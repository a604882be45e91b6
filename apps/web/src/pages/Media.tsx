import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import { LIMITS, type MediaItem, type MediaKind, type MediaLoan } from '../api/index.js';
import { useAction, useLoad, usePolling } from '../app/hooks.js';
import { useSession } from '../app/session.js';
import { zonedToUtcIso } from '../app/zoned.js';
import { EmptyState, ErrorMessage, Field, Loading, PageTitle, Time } from '../components/common.js';
import { tk } from '../i18n/index.js';

const KINDS = {
  disk: tk('media.kinds.disk'),
  cd: tk('media.kinds.cd'),
  usb_drive: tk('media.kinds.usb_drive'),
  tape: tk('media.kinds.tape'),
} as const;
const ITEM_STATES = {
  available: tk('media.itemStates.available'),
  lent: tk('media.itemStates.lent'),
  quarantined: tk('media.itemStates.quarantined'),
  destroyed: tk('media.itemStates.destroyed'),
} as const;
const LOAN_STATES = {
  out: tk('media.loanStates.out'),
  virus_check: tk('media.loanStates.virus_check'),
  quarantined: tk('media.loanStates.quarantined'),
  closed: tk('media.loanStates.closed'),
} as const;
const OUTCOMES = {
  clean: tk('media.outcomes.clean'),
  infected: tk('media.outcomes.infected'),
  cleaned: tk('media.outcomes.cleaned'),
  destroyed: tk('media.outcomes.destroyed'),
  withdrawn: tk('media.outcomes.withdrawn'),
} as const;

/**
 * The lending register of machine-room media (INF-6): disks, CDs, USB drives and tapes, to whom each is
 * lent and until when, its return, IT's virus check and, for an infected one, the quarantine until IT
 * records it cleaned or destroyed. Read by `media.read`; the keepers lend and receive (`media.lend`),
 * IT checks (`media.virusCheck`). The borrower never receives or checks their own loan (the API refuses).
 */
export function Media() {
  const { t } = useTranslation();
  const { can } = useSession();
  const register = useLoad(() => api.getMedia(), []);
  const reload = () => void register.reload();
  // A step the loan's workflow takes after an action (the virus check task opening, the quarantine recorded): look again until it shows.
  const settling = !!register.data?.loans.some((l) => (l.state === 'virus_check' && l.openTask?.step !== 'virus_check') || (l.state === 'quarantined' && l.openTask?.step !== 'quarantine_disposal' && l.openTask?.step !== 'quarantine_review'));
  usePolling(reload, 1500, settling);
  return (
    <>
      <PageTitle title={t('media.title')}>{t('media.title')}</PageTitle>
      <p className="muted">{t('media.intro')}</p>
      {can('media.lend') && <RegisterForm onDone={reload} />}
      <ErrorMessage error={register.error} />
      {register.loading && !register.data ? (
        <Loading />
      ) : (
        <>
          <Items items={register.data?.items ?? []} onDone={reload} />
          <Loans loans={register.data?.loans ?? []} onDone={reload} />
        </>
      )}
    </>
  );
}

function RegisterForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [kind, setKind] = useState<MediaKind>('disk');
  const [room, setRoom] = useState('');
  const save = useAction(async () => {
    await api.registerMedia({ label: label.trim(), kind, room: room.trim() });
    setLabel('');
    onDone();
  });
  const ready = label.trim() !== '' && room.trim() !== '';
  return (
    <section className="card" aria-labelledby="media-register">
      <h2 id="media-register">{t('media.register')}</h2>
      <ErrorMessage error={save.error} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) void save.run();
        }}
      >
        <Field label={t('media.label')} hint={t('media.labelHint')}>
          {(p) => <input {...p} required maxLength={LIMITS.RegisterMediaDto.label.maxLength} value={label} onChange={(e) => setLabel(e.target.value)} />}
        </Field>
        <Field label={t('media.kind')}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as MediaKind)}>
              {(Object.keys(KINDS) as MediaKind[]).map((k) => (
                <option key={k} value={k}>
                  {t(KINDS[k])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('media.room')}>{(p) => <input {...p} required maxLength={LIMITS.RegisterMediaDto.room.maxLength} value={room} onChange={(e) => setRoom(e.target.value)} />}</Field>
        <button type="submit" className="primary" disabled={save.busy || !ready}>
          {save.busy ? t('common.working') : t('media.registerSubmit')}
        </button>
      </form>
    </section>
  );
}

function Items({ items, onDone }: { items: MediaItem[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [lending, setLending] = useState<MediaItem | null>(null);
  return (
    <section className="card" aria-labelledby="media-items">
      <h2 id="media-items">{t('media.items')}</h2>
      {!items.length ? (
        <EmptyState title={t('media.noItems')} />
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="media-items">
            <caption className="visually-hidden">{t('media.items')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('media.label')}</th>
                <th scope="col">{t('media.kind')}</th>
                <th scope="col">{t('media.room')}</th>
                <th scope="col">{t('media.state')}</th>
                {can('media.lend') && <th scope="col">{t('media.action')}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.itemId} data-testid="media-item">
                  <td translate="no">{i.label}</td>
                  <td>{t(KINDS[i.kind])}</td>
                  <td>{i.room}</td>
                  <td>
                    <span className={`badge media-${i.state}`}>{t(ITEM_STATES[i.state])}</span>
                  </td>
                  {can('media.lend') && (
                    <td>
                      {i.state === 'available' && (
                        <button type="button" onClick={() => setLending(i)} aria-label={t('media.lendItem', { label: i.label })}>
                          {t('media.lend')}
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
      {lending && (
        <LendForm
          item={lending}
          onDone={() => {
            setLending(null);
            onDone();
          }}
          onCancel={() => setLending(null)}
        />
      )}
    </section>
  );
}

function LendForm({ item, onDone, onCancel }: { item: MediaItem; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { timeZone } = useSession();
  const [borrower, setBorrower] = useState('');
  const [due, setDue] = useState('');
  const [purpose, setPurpose] = useState('');
  const save = useAction(async () => {
    const dueAt = zonedToUtcIso(due, timeZone);
    if (!dueAt) return;
    await api.lendMedia(item.itemId, { borrowerUsername: borrower.trim(), dueAt, purpose: purpose.trim() });
    onDone();
  });
  const ready = borrower.trim() !== '' && due !== '' && purpose.trim() !== '';
  return (
    <form
      className="card"
      aria-labelledby="media-lend"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) void save.run();
      }}
    >
      <h3 id="media-lend">{t('media.lendTitle', { label: item.label })}</h3>
      <ErrorMessage error={save.error} />
      <Field label={t('media.borrower')} hint={t('media.borrowerHint')}>
        {(p) => <input {...p} required autoComplete="off" value={borrower} onChange={(e) => setBorrower(e.target.value)} />}
      </Field>
      <Field label={t('media.dueAt')} hint={t('media.dueHint', { zone: timeZone })}>
        {(p) => <input {...p} required type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />}
      </Field>
      <Field label={t('media.purpose')}>
        {(p) => <input {...p} required maxLength={LIMITS.LendMediaDto.purpose.maxLength} value={purpose} onChange={(e) => setPurpose(e.target.value)} />}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={save.busy || !ready}>
          {save.busy ? t('common.working') : t('media.lendSubmit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('media.cancel')}
        </button>
      </div>
    </form>
  );
}

function Loans({ loans, onDone }: { loans: MediaLoan[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="media-loans">
      <h2 id="media-loans">{t('media.loans')}</h2>
      {!loans.length ? (
        <EmptyState title={t('media.noLoans')} />
      ) : (
        <ul className="media-loans" data-testid="media-loans">
          {loans.map((l) => (
            <LoanEntry key={l.loanId} loan={l} onDone={onDone} />
          ))}
        </ul>
      )}
    </section>
  );
}

function LoanEntry({ loan: l, onDone }: { loan: MediaLoan; onDone: () => void }) {
  const { t } = useTranslation();
  const { can, me } = useSession();
  const own = me?.id === l.borrowerUserId;
  const act = useAction(async (send: () => Promise<unknown>) => {
    await send();
    onDone();
  });
  const [disposal, setDisposal] = useState<'cleaned' | 'destroyed'>('cleaned');
  const [note, setNote] = useState('');
  const waiting = l.openTask?.step;
  return (
    <li className="card" data-testid="media-loan" aria-labelledby={`loan-${l.loanId}`}>
      <h3 id={`loan-${l.loanId}`}>
        <span translate="no">{l.label}</span> · {t(KINDS[l.kind])} <span className={`badge media-${l.state}`}>{t(LOAN_STATES[l.state])}</span>
        {l.overdue && (
          <span className="badge status-overdue" data-testid="media-overdue">
            {t('media.overdue')}
          </span>
        )}
      </h3>
      <dl className="facts">
        <dt>{t('media.borrower')}</dt>
        <dd>{l.borrowerName}</dd>
        <dt>{t('media.lentBy')}</dt>
        <dd>
          {l.lentByName ?? l.lentBy}, <Time iso={l.lentAt} />
        </dd>
        <dt>{t('media.dueAt')}</dt>
        <dd>
          <Time iso={l.dueAt} />
        </dd>
        <dt>{t('media.purpose')}</dt>
        <dd>{l.purpose}</dd>
        {l.returnedAt && (
          <>
            <dt>{t('media.returned')}</dt>
            <dd>
              {l.returnedByName ?? l.returnedBy}, <Time iso={l.returnedAt} />
              {l.returnNote ? ` (${l.returnNote})` : ''}
            </dd>
          </>
        )}
        {l.virusResult && (
          <>
            <dt>{t('media.virusCheck')}</dt>
            <dd data-testid="media-virus-result">
              {t(OUTCOMES[l.virusResult])}, {l.virusCheckedByName ?? l.virusCheckedBy}, <Time iso={l.virusCheckedAt} />
            </dd>
          </>
        )}
        {l.disposition && (
          <>
            <dt>{t('media.disposal')}</dt>
            <dd>
              {t(OUTCOMES[l.disposition])}
              {l.disposedByName ? `, ${l.disposedByName}` : ''}
              {l.disposalNote ? ` (${l.disposalNote})` : ''}
            </dd>
          </>
        )}
      </dl>
      {l.state === 'quarantined' && (
        <div className="alert alert-info">
          <p>{t('media.quarantinedNotice')}</p>
        </div>
      )}
      <ErrorMessage error={act.error} />
      {l.state === 'out' && can('media.lend') && !own && (
        <button type="button" disabled={act.busy} onClick={() => void act.run(() => api.returnMedia(l.loanId))}>
          {t('media.recordReturn')}
        </button>
      )}
      {waiting === 'virus_check' && can('media.virusCheck') && !own && (
        <div className="actions" role="group" aria-label={t('media.virusCheck')}>
          <button type="button" disabled={act.busy} onClick={() => void act.run(() => api.virusCheckMedia(l.loanId, { result: 'clean' }))}>
            {t('media.markClean')}
          </button>
          <button type="button" className="danger" disabled={act.busy} onClick={() => void act.run(() => api.virusCheckMedia(l.loanId, { result: 'infected' }))}>
            {t('media.markInfected')}
          </button>
        </div>
      )}
      {l.state === 'virus_check' && waiting !== 'virus_check' && <p className="muted">{t('media.checkPending')}</p>}
      {waiting === 'quarantine_review' && <p className="muted">{t('media.reviewPending')}</p>}
      {waiting === 'quarantine_disposal' && can('media.virusCheck') && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act.run(() => api.disposeMedia(l.loanId, { disposition: disposal, ...(note.trim() ? { note: note.trim() } : {}) }));
          }}
        >
          <Field label={t('media.disposal')}>
            {(p) => (
              <select {...p} value={disposal} onChange={(e) => setDisposal(e.target.value as 'cleaned' | 'destroyed')}>
                <option value="cleaned">{t(OUTCOMES.cleaned)}</option>
                <option value="destroyed">{t(OUTCOMES.destroyed)}</option>
              </select>
            )}
          </Field>
          <Field label={t('media.note')}>{(p) => <input {...p} maxLength={LIMITS.MediaDisposalDto.note.maxLength} value={note} onChange={(e) => setNote(e.target.value)} />}</Field>
          <button type="submit" className="primary" disabled={act.busy}>
            {t('media.recordDisposal')}
          </button>
        </form>
      )}
    </li>
  );
}
