import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../app/hooks.js';
import { useSession } from '../app/session.js';
import { ErrorMessage, Field, PageTitle } from '../components/common.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';

export function SignIn() {
  const { t } = useTranslation();
  const { signIn, expired } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { run, busy, error } = useAction(signIn);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(username.trim(), password);
  };

  return (
    <main id="main" className="signin">
      <div className="signin-lang">
        <LanguageSwitch />
      </div>
      <form className="card signin-card" onSubmit={submit} aria-describedby="signin-intro">
        <PageTitle title={t('signIn.title')} focus={false}>{t('app.name')}</PageTitle>
        <p id="signin-intro" className="muted">
          {t('signIn.intro')}
        </p>
        {expired && (
          <p className="alert alert-info" role="status">
            {t('signIn.expired')}
          </p>
        )}
        <ErrorMessage error={error} />
        <Field label={t('signIn.username')}>
          {(p) => <input {...p} name="username" autoComplete="username" autoFocus required autoCapitalize="none" spellCheck={false} value={username} onChange={(e) => setUsername(e.target.value)} />}
        </Field>
        <Field label={t('signIn.password')}>
          {(p) => <input {...p} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <button type="submit" className="primary wide" disabled={busy}>
          {busy ? t('signIn.signingIn') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
