/** Every text a person sees comes in English and Simplified Chinese; the web app picks one. */
export interface LocalizedText {
  en: string;
  zh: string;
}

export const text = (en: string, zh: string): LocalizedText => ({ en, zh });
