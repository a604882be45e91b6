import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import { MAIL_DIGESTS, NOTIFICATION_KINDS, type MailDigest, type NotificationKind, type NotificationPreferences } from '../api/index.js';
import { LIMITS } from '../api/limits.js';
import { useAction, useLoad } from '../app/hooks.js';
import { ErrorMessage, Field, Loading } from '../components/common.js';
import { tk } from '../i18n/index.js';

/** The name of each kind of notification, as the mail settings list them. */
export const KIND_LABELS: Record<NotificationKind, string> = {
  task: tk('mailSettings.kind_task'),
  escalation: tk('mailSettings.kind_escalation'),
  reminder: tk('mailSettings.kind_reminder'),
  decision: tk('mailSettings.kind_decision'),
  grant_ended: tk('mailSettings.kind_grant_ended'),
  other: tk('mailSettings.kind_other'),
};
const DIGEST_LABELS: Record<MailDigest, string> = {
  off: tk('mailSettings.digest_off'),
  hourly: tk('mailSettings.digest_hourly'),
  daily: tk('mailSettings.digest_daily'),
};

/** My mail notification settings, on the notifications page: address, on/off, which kinds, one mail each or a digest. */
export function MailSettings() {
  const { t } = useTranslation();
  const loaded = useLoad(() => api.getNotificationPreferences(), []);
  const [form, setForm] = useState<NotificationPreferences | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (loaded.data) setForm(loaded.data);
  }, [loaded.data]);
  const save = useAction(async (p: NotificationPreferences) => {
    setSaved(false);
    setForm(await api.setNotificationPreferences({ ...p, email: p.email?.trim() ? p.email.trim() : null }));
    setSaved(true);
  });
  const change = (p: Partial<NotificationPreferences>) => {
    setSaved(false);
    setForm((old) => (old ? { ...old, ...p } : old));
  };
  return (
    <section className="card" aria-labelledby="mail-settings" data-testid="mail-settings">
      <h2 id="mail-settings">{t('mailSettings.title')}</h2>
      <p className="muted">{t('mailSettings.intro')}</p>
      <ErrorMessage error={loaded.error ?? save.error} />
      {!form ? (
        loaded.loading && <Loading />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save.run(form);
          }}
        >
          <Field label={t('mailSettings.email')} hint={t('mailSettings.emailHint')}>
            {(p) => <input {...p} type="email" autoComplete="email" maxLength={LIMITS.NotificationPreferencesDto.email.maxLength} value={form.email ?? ''} onChange={(e) => change({ email: e.target.value })} />}
          </Field>
          <label className="choice">
            <input type="checkbox" checked={form.mailEnabled} onChange={(e) => change({ mailEnabled: e.target.checked })} /> {t('mailSettings.enabled')}
          </label>
          <fieldset disabled={!form.mailEnabled}>
            <legend>{t('mailSettings.kinds')}</legend>
            {NOTIFICATION_KINDS.map((k) => (
              <label key={k} className="choice">
                <input
                  type="checkbox"
                  name="kinds"
                  value={k}
                  checked={form.kinds.includes(k)}
                  onChange={(e) => change({ kinds: e.target.checked ? NOTIFICATION_KINDS.filter((x) => x === k || form.kinds.includes(x)) : form.kinds.filter((x) => x !== k) })}
                />{' '}
                {t(KIND_LABELS[k])}
              </label>
            ))}
          </fieldset>
          <fieldset disabled={!form.mailEnabled}>
            <legend>{t('mailSettings.digest')}</legend>
            {MAIL_DIGESTS.map((d) => (
              <label key={d} className="choice">
                <input type="radio" name="digest" value={d} checked={form.digest === d} onChange={() => change({ digest: d })} /> {t(DIGEST_LABELS[d])}
              </label>
            ))}
            <p className="hint">{t('mailSettings.quietHint')}</p>
          </fieldset>
          <div className="actions">
            <button type="submit" className="primary" disabled={save.busy}>
              {save.busy ? t('common.working') : t('mailSettings.save')}
            </button>
          </div>
          <p role="status" className="muted" data-testid="mail-settings-status">
            {saved ? t('mailSettings.saved') : ''}
          </p>
        </form>
      )}
    </section>
  );
}
