import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import { useFormat } from '../app/format.js';
import { useAction, useLoad, useNow, usePolling } from '../app/hooks.js';
import { POLL_MS } from '../app/inbox-count.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { EmptyState, ErrorMessage, Field, Loading, Notice, PageTitle, Time } from '../components/common.js';
import { TaskList } from '../components/TaskList.js';
import { accessKindLabel } from '../i18n/labels.js';
import { KIND_LABELS } from './MailSettings.js';

/** IT: enablement tasks waiting, active grants with their time left, and the emergency cut-off (SYS-5). */
export function It() {
  const { t } = useTranslation();
  const { can } = useSession();
  const f = useFormat();
  const now = useNow(15_000);
  const tasks = useLoad(() => api.listTasks({ myRoles: true, mine: true, status: 'open', pageSize: 50 }), []);
  const grants = useLoad(() => api.listAccessRequests({ status: 'active', pageSize: 200 }), []);
  usePolling(() => Promise.all([tasks.reload(), grants.reload()]), POLL_MS);
  const enablement = (tasks.data?.items ?? []).filter((x) => x.candidateRole === 'it' || x.kind === 'it_action' || x.kind === 'account_setup');
  return (
    <>
      <PageTitle title={t('it.title')}>{t('it.title')}</PageTitle>
      <section className="card" aria-labelledby="it-tasks">
        <h2 id="it-tasks">{t('it.tasks')}</h2>
        <ErrorMessage error={tasks.error} />
        {tasks.loading && !tasks.data ? <Loading /> : enablement.length === 0 ? <EmptyState title={t('it.noTasks')} hint={t('it.noTasksHint')} /> : <TaskList tasks={enablement} />}
      </section>
      <section className="card" aria-labelledby="it-grants">
        <h2 id="it-grants">{t('it.grants')}</h2>
        <ErrorMessage error={grants.error} />
        {grants.loading && !grants.data ? (
          <Loading />
        ) : !grants.data?.items.length ? (
          <EmptyState title={t('it.noGrants')} hint={t('it.noGrantsHint')} />
        ) : (
          <table className="table" data-testid="grants">
            <caption className="visually-hidden">{t('it.grants')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('it.holder')}</th>
                <th scope="col">{t('it.kind')}</th>
                <th scope="col">{t('it.expires')}</th>
                <th scope="col">{t('it.left')}</th>
              </tr>
            </thead>
            <tbody>
              {grants.data.items.map((g) => (
                <tr key={g.id}>
                  <td>
                    <Link to={`/requests/${encodeURIComponent(g.id)}`}>{g.requesterName ?? g.requesterId}</Link>
                  </td>
                  <td>{accessKindLabel(t, g.kind)}</td>
                  <td>
                    <Time iso={g.expiresAt} />
                  </td>
                  <td>{g.expiresAt ? f.duration(new Date(g.expiresAt).getTime() - now) : t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <Enforcement canReconcile={can('enforcement.reconcile')} />
      <Webhooks canResend={can('enforcement.redeliver')} />
      {can('mail.readFailures') && <MailFailures />}
      {can('accessRequests.cutOff') && <Emergency onDone={grants.reload} />}
    </>
  );
}

/**
 * Where grants take effect (SYS-1, SYS-5): grants ended in the records whose removal from the directory
 * is still being retried (with the last error), and drift found by reconciliation, with "reconcile now".
 */
function Enforcement({ canReconcile }: { canReconcile: boolean }) {
  const { t } = useTranslation();
  const status = useLoad(() => api.getEnforcement(), []);
  usePolling(() => status.reload(), POLL_MS);
  const [done, setDone] = useState<api.ReconcileResult | null>(null);
  const reconcile = useAction(async () => {
    setDone(await api.reconcileNow());
    await status.reload();
  });
  const s = status.data;
  return (
    <section className="card" aria-labelledby="it-enforcement" data-testid="enforcement">
      <h2 id="it-enforcement">{t('it.enforcement')}</h2>
      <ErrorMessage error={status.error ?? reconcile.error} />
      {!s ? (
        status.loading && <Loading />
      ) : !s.connected ? (
        <p>{t('it.enforcementOff')}</p>
      ) : (
        <>
          <p>
            {t('it.enforcementOn', {
              kinds: Object.keys(s.groups).map((k) => accessKindLabel(t, k as api.AccessKind)).join(', '),
              every: s.reconcileEvery,
              mode: s.reconcileMode === 'report' ? t('it.modeReport') : t('it.modeCorrect'),
            })}
          </p>
          {done && <Notice>{t('it.reconcileDone', { found: done.found, corrected: done.corrected })}</Notice>}
          {canReconcile && (
            <button type="button" onClick={() => void reconcile.run()} disabled={reconcile.busy}>
              {t('it.reconcile')}
            </button>
          )}
          <h3>{t('it.removalPending')}</h3>
          {s.removalPending.length === 0 ? (
            <p>{t('it.noRemovalPending')}</p>
          ) : (
            <table className="table" data-testid="removal-pending">
              <thead>
                <tr>
                  <th scope="col">{t('it.entry')}</th>
                  <th scope="col">{t('it.kind')}</th>
                  <th scope="col">{t('it.attempts')}</th>
                  <th scope="col">{t('it.lastError')}</th>
                </tr>
              </thead>
              <tbody>
                {s.removalPending.map((g) => (
                  <tr key={g.grantId}>
                    <td>
                      <Link to={`/requests/${encodeURIComponent(g.requestId)}`}>{g.entry}</Link>
                    </td>
                    <td>{accessKindLabel(t, g.kind)}</td>
                    <td>{g.attempts}</td>
                    <td>{g.lastError ?? t('common.none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{t('it.drift')}</h3>
          {s.drift.length === 0 ? (
            <p>{t('it.noDrift')}</p>
          ) : (
            <table className="table" data-testid="drift">
              <thead>
                <tr>
                  <th scope="col">{t('it.entry')}</th>
                  <th scope="col">{t('it.group')}</th>
                  <th scope="col">{t('it.seen')}</th>
                  <th scope="col">{t('it.corrected')}</th>
                </tr>
              </thead>
              <tbody>
                {s.drift.slice(0, 50).map((d) => (
                  <tr key={d.id}>
                    <td>
                      {d.entry} ({d.direction === 'member_without_grant' ? t('it.memberWithoutGrant') : t('it.grantWithoutMember')})
                    </td>
                    <td>{d.group}</td>
                    <td>
                      <Time iso={d.seenAt} />
                    </td>
                    <td>{d.corrected ? t('it.corrected') : t('it.reported')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

/** Grant events the other systems did not confirm: retried by Temporal, then kept here for IT to send again. */
function Webhooks({ canResend }: { canResend: boolean }) {
  const { t } = useTranslation();
  const list = useLoad(() => api.listWebhooks(), []);
  usePolling(() => list.reload(), POLL_MS);
  const [sent, setSent] = useState(false);
  const resend = useAction(async (deliveryId: string) => {
    await api.redeliverWebhook(deliveryId);
    setSent(true);
    await list.reload();
  });
  const rows = [...(list.data?.deadLettered ?? []), ...(list.data?.retrying ?? [])];
  return (
    <section className="card" aria-labelledby="it-webhooks" data-testid="webhooks">
      <h2 id="it-webhooks">{t('it.webhooks')}</h2>
      <ErrorMessage error={list.error ?? resend.error} />
      {sent && <Notice>{t('it.sentAgain')}</Notice>}
      {list.loading && !list.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p>{t('it.noWebhooks')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('it.kind')}</th>
              <th scope="col">{t('it.webhookEvent')}</th>
              <th scope="col">{t('it.attempts')}</th>
              <th scope="col">{t('it.lastError')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('it.sendAgain')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`/requests/${encodeURIComponent(d.requestId)}`}>{accessKindLabel(t, d.kind)}</Link>
                </td>
                <td>
                  {d.type} ({d.status === 'dead_lettered' ? t('it.webhookDeadLettered') : t('it.webhookRetrying')})
                </td>
                <td>{d.attempts}</td>
                <td>{d.lastError ?? t('common.none')}</td>
                <td>
                  {canResend && d.status === 'dead_lettered' && (
                    <button type="button" onClick={() => void resend.run(d.id)} disabled={resend.busy}>
                      {t('it.sendAgain')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Emergency({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [password, setPassword] = useState('');
  const [result, setResult] = useState<api.EmergencyResult | null>(null);
  const act = useAction(async () => {
    // SYS-5 is privileged: the password again first (the server refuses the cut-off without it).
    await api.reauthenticate(password);
    setPassword('');
    const r = await api.emergencyRevokeAll(reason.trim());
    setResult(r);
    setOpen(false);
    setReason('');
    await onDone();
  });
  return (
    <section className="card card-danger" aria-labelledby="it-emergency">
      <h2 id="it-emergency">{t('it.emergency')}</h2>
      <p>{t('it.emergencyHint')}</p>
      {/* Both counts: a stopped request would otherwise look as if the cut-off had missed it. */}
      {result && (
        <Notice>
          {t('it.emergencyDone', { revoked: result.revoked, stopped: result.stopped })}
          {result.directoryRemoved !== null && ` ${t('it.emergencyDirectory', { count: result.directoryRemoved })}`}
        </Notice>
      )}
      <ErrorMessage error={open ? null : act.error} />
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        {t('it.emergencyButton')}
      </button>
      <ConfirmDialog
        open={open}
        title={t('it.emergencyConfirmTitle')}
        confirmLabel={t('it.emergencyConfirm')}
        danger
        busy={act.busy}
        canConfirm={reason.trim().length > 0 && password.length > 0}
        onConfirm={() => void act.run()}
        onCancel={() => {
          setOpen(false);
          setPassword('');
        }}
      >
        <p>{t('it.emergencyConfirmText')}</p>
        <ErrorMessage error={act.error} />
        <Field label={t('it.emergencyReason')}>{(p) => <input {...p} name="emergencyReason" value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
        <Field label={t('reauth.password')} hint={t('reauth.text')}>
          {(p) => <input {...p} type="password" name="emergencyPassword" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
      </ConfirmDialog>
    </section>
  );
}

/** Mail the SMTP server refused for good (a 5xx answer, an address it will not take): whose, what kind, when, and the server's answer. */
function MailFailures() {
  const { t } = useTranslation();
  const list = useLoad(() => api.listMailFailures(), []);
  usePolling(() => list.reload(), POLL_MS);
  const rows = list.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="it-mail-failures" data-testid="mail-failures">
      <h2 id="it-mail-failures">{t('it.mailFailures')}</h2>
      <ErrorMessage error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p>{t('it.noMailFailures')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('it.mailRecipient')}</th>
              <th scope="col">{t('it.mailKind')}</th>
              <th scope="col">{t('it.mailFailedAt')}</th>
              <th scope="col">{t('it.mailError')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.id}>
                <td>{m.recipientUsername}</td>
                <td>{t(KIND_LABELS[m.kind])}</td>
                <td>
                  <Time iso={m.failedAt} />
                </td>
                <td>{m.error ?? t('common.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
