import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

/**
 * Every visible text comes from the catalogs zh-CN.json and en.json (same keys; a unit test checks that
 * and that every t('key') in the sources exists). Simplified Chinese is the default: the rules are
 * written in Chinese and so are most of the people who live by them.
 */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

const isLanguage = (v: unknown): v is Language => typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);

/*
 * A signed-in user's choice is kept on the server (PATCH /api/me, locale), so it follows them to any
 * workstation; the last choice on this browser (custodian.lang) is used on the sign-in page.
 */
const LAST = 'custodian.lang';

function stored(key: string): Language | null {
  try {
    const v = localStorage.getItem(key);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

/** Keys asked for but absent from the catalog, kept for the browser tests ("no untranslated key"). */
declare global {
  interface Window {
    __i18nMissing?: string[];
  }
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: stored(LAST) ?? DEFAULT_LANGUAGE,
  // No fallback language: a key missing in one catalog must show up as missing, not silently in the other.
  fallbackLng: false,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  saveMissing: true,
  missingKeyHandler: (_lngs, _ns, key) => {
    (window.__i18nMissing ??= []).push(key);
  },
});

function applyDocumentLanguage(lng: string): void {
  document.documentElement.lang = lng;
}
applyDocumentLanguage(i18n.language);
i18n.on('languageChanged', applyDocumentLanguage);

/** Shows the app in `lng` and remembers it on this browser (the caller saves it for the user). */
export function switchLanguage(lng: Language): void {
  try {
    localStorage.setItem(LAST, lng);
  } catch {}
  void i18n.changeLanguage(lng);
}

/** After sign-in: the language saved for this user. */
export function applyUserLanguage(lng: string | null | undefined): void {
  if (isLanguage(lng) && lng !== i18n.language) switchLanguage(lng);
}

export const currentLanguage = (): Language => (isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE);

/**
 * Marks a catalog key written outside a t('...') call (tables of labels), so the catalog test finds it.
 * Identity at run time.
 */
export const tk = <K extends string>(key: K): K => key;

export default i18n;
