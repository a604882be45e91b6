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

/**
 * INF-10: the password the person signed in with was set by someone else (HR, a reset). They choose
 * their own before anything else, so what they sign and decide afterwards is theirs alone.
 */
export function SetPassword() {
  const { t } = useTranslation();
  const { me, oneTimePassword, setOwnPassword, signOut } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const { run, busy, error } = useAction(setOwnPassword);
  const mismatch = repeat.length > 0 && next !== repeat;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (next !== repeat) return;
    void run(oneTimePassword ?? current, next);
  };

  return (
    <main id="main" className="signin">
      <div className="signin-lang">
        <LanguageSwitch />
      </div>
      <form className="card signin-card" onSubmit={submit} aria-describedby="set-password-intro" data-testid="set-password">
        <PageTitle title={t('setPassword.title')} focus={false}>{t('setPassword.title')}</PageTitle>
        <p id="set-password-intro" className="muted">
          {t('setPassword.intro', { name: me?.displayName ?? '' })}
        </p>
        <p className="muted">{t('setPassword.rules')}</p>
        <ErrorMessage error={error} />
        {oneTimePassword === null && (
          <Field label={t('setPassword.current')}>
            {(p) => <input {...p} name="currentPassword" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />}
          </Field>
        )}
        <Field label={t('setPassword.new')}>
          {(p) => <input {...p} name="newPassword" type="password" autoComplete="new-password" required minLength={12} value={next} onChange={(e) => setNext(e.target.value)} />}
        </Field>
        <Field label={t('setPassword.repeat')}>
          {(p) => (
            <input {...p} name="repeatPassword" type="password" autoComplete="new-password" required aria-invalid={mismatch} value={repeat} onChange={(e) => setRepeat(e.target.value)} />
          )}
        </Field>
        {mismatch && (
          <p className="alert alert-error" role="alert">
            {t('setPassword.mismatch')}
          </p>
        )}
        <button type="submit" className="primary wide" disabled={busy || mismatch}>
          {busy ? t('setPassword.saving') : t('setPassword.submit')}
        </button>
        <button type="button" className="wide" onClick={signOut}>
          {t('nav.signOut')}
        </button>
      </form>
    </main>
  );
}
