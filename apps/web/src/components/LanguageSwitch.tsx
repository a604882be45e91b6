import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import { useSession } from '../app/session.js';
import { LANGUAGES, switchLanguage, type Language } from '../i18n/index.js';

/** Language names are written in their own language, so anyone can find theirs. */
const NATIVE: Record<Language, string> = { 'zh-CN': '简体中文', en: 'English' };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const choose = (lng: Language) => {
    switchLanguage(lng);
    // Signed in: save it for the user, so it follows them to another workstation. Best effort: the
    // page has switched already.
    if (me) void api.updateMe({ locale: lng }).catch(() => undefined);
  };
  return (
    <label className="lang-switch">
      <span>{t('nav.language')}</span>
      <select value={i18n.language} onChange={(e) => choose(e.target.value as Language)} data-testid="language">
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NATIVE[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
