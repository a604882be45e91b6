import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The web app's message catalogs (every text a person sees comes from them): both languages
 * carry exactly the same keys and placeholders, no text is empty, and every key the sources ask for
 * with t('…') or tk('…') exists. Catches a forgotten translation before any browser starts.
 */
const webSrc = fileURLToPath(new URL('../apps/web/src', import.meta.url));

type Catalog = Record<string, unknown>;
function flatten(obj: Catalog, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of flatten(v as Catalog, key)) out.set(kk, vv);
    else out.set(key, String(v));
  }
  return out;
}
const load = (lng: string) => flatten(JSON.parse(readFileSync(join(webSrc, 'i18n', `${lng}.json`), 'utf8')));
const zh = load('zh-CN');
const en = load('en');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

/** Keys written literally in t('…'), t("…"), tk('…'); comments are removed first. */
function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of sources(webSrc)) {
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:])\/\/.*$/gm, '$1');
    for (const m of code.matchAll(/\b(?:t|tk)\(\s*(['"])([^'"]+)\1/g)) used.set(m[2], file.slice(webSrc.length + 1));
  }
  return used;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('web message catalogs', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect([...zh.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !zh.has(k))).toEqual([]);
  });

  it('every text is non-empty and both languages use the same placeholders', () => {
    for (const [key, text] of zh) {
      expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
      expect({ key, placeholders: placeholders(en.get(key) ?? '') }).toEqual({ key, placeholders: placeholders(text) });
    }
  });

  it('the zh-CN catalog is Chinese: every text has Chinese characters, but for names and symbols said the same in both', () => {
    const same = new Set(['app.name', 'common.none', 'nav.it', 'role.it']); // "Custodian", "—", "IT"
    expect([...zh].filter(([k, v]) => !/\p{Script=Han}/u.test(v) && !same.has(k)).map(([k]) => k)).toEqual([]);
    expect([...same].filter((k) => zh.get(k) !== en.get(k))).toEqual([]);
  });

  it('every key used in the sources exists in the catalogs', () => {
    const used = usedKeys();
    expect(used.size).toBeGreaterThan(100); // the scan really found the sources
    const missing = [...used].filter(([k]) => !zh.has(k)).map(([k, file]) => `${k} (${file})`);
    expect(missing).toEqual([]);
  });

  it('no catalog key is left unused', () => {
    const used = usedKeys();
    expect([...zh.keys()].filter((k) => !used.has(k))).toEqual([]);
  });
});
