import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ensureWebBuild } from '../../libs/runtime/web-build.js';
import { ownPassword, startTestApi, type TestApi } from '../support/api.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

/**
 * Browser tests: Debian's Chromium driven by playwright-core (`npx playwright install`
 * cannot download browsers where only package registries are reachable). `npm run tools` installs Chromium when missing.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = 'demo-password';
export const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** The API serves apps/web/dist, so build it (once, shared by parallel test files) before starting it. */
export async function buildWebApp(): Promise<void> {
  await ensureWebBuild((m) => process.stderr.write(`${m}\n`));
}

/**
 * One headless Chromium per test file. playwright's launch() already gives each browser a fresh,
 * temporary --user-data-dir (it refuses one in args); each user then gets a context of their own.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: run \`npm run tools\` (installs Debian's chromium as root) or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export type Lang = 'zh-CN' | 'en';

/**
 * IT's follow-up tasks once a grant or an employment has ended (a grant without a connector, the INF-7
 * accounts): journeys that share one system see those of earlier journeys in IT's lists, so a step that
 * wants the task it just caused skips them.
 */
export const AFTER_END_TASK = /SYS-1: Disable|INF-6: Lock USB|AID-2: Withdraw|INF-7: Disable|关闭外网访问|重新锁定|收回特权工号|停用离职人员/;

export interface UserPage {
  context: BrowserContext;
  page: Page;
  /** Browser console errors and failed page scripts: a test asserts there are none. */
  problems: string[];
}

/**
 * A browser context of its own (own cookies and storage: one person), with the language already chosen
 * as a returning user of that language would have it, and a given viewport (360 px = a phone).
 */
export async function newUser(browser: Browser, baseUrl: string, opts: { lang?: Lang; width?: number } = {}): Promise<UserPage> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: opts.width ?? 1280, height: 900 }, locale: opts.lang ?? 'zh-CN', timezoneId: 'UTC' });
  if (opts.lang) await context.addInitScript((lng) => localStorage.setItem('custodian.lang', lng), opts.lang);
  // Whatever the Content-Security-Policy blocks is a problem too (a page that needs inline script, a
  // stray style attribute): Chromium logs most refusals, and this catches the ones it does not.
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`)),
  );
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 40[134]/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return { context, page, problems };
}

/**
 * Signs in through the sign-in form, as a person would, and waits for the signed-in layout. The app
 * then shows the language saved for the user; given `lang`, the header switch chooses it (and saves it).
 */
export async function signIn(page: Page, username: string, opts: { password?: string; lang?: Lang } = {}): Promise<void> {
  await page.goto('/');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(opts.password ?? DEMO_PASSWORD);
  await page.locator('form button[type=submit]').click();
  // INF-10: a password someone else set (a new hire's) leads to the set-password form first.
  const form = page.getByTestId('set-password');
  await page.getByTestId('who').or(form).waitFor();
  if (await form.isVisible()) {
    const own = ownPassword(opts.password ?? DEMO_PASSWORD);
    await form.locator('input[name=newPassword]').fill(own);
    await form.locator('input[name=repeatPassword]').fill(own);
    await form.locator('button[type=submit]').click();
    await page.getByTestId('who').waitFor();
  }
  if (opts.lang) await chooseLanguage(page, opts.lang);
}

/** Picks a language with the header switch and waits until the page has switched. */
export async function chooseLanguage(page: Page, lang: Lang): Promise<void> {
  await page.getByTestId('language').selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/**
 * Goes to a page of the app the way its links do (history API, no reload) and waits until it has
 * loaded its data: faster than page.goto, and i18n misses recorded on earlier pages are kept.
 */
export async function visit(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => {
    window.history.pushState(null, '', p);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-loading]'));
}

/** Saves a full-page screenshot under test-results/ (kept as a CI artifact); returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

function flatten(obj: Record<string, unknown>, prefix = ''): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]): [string, string][] => (v && typeof v === 'object' ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)]]));
}
const catalog = (lang: Lang) => new Map(flatten(JSON.parse(readFileSync(fileURLToPath(new URL(`../../apps/web/src/i18n/${lang}.json`, import.meta.url)), 'utf8'))));
const catalogs: Record<Lang, Map<string, string>> = { 'zh-CN': catalog('zh-CN'), en: catalog('en') };

/** Every key of the web app's message catalog. */
export const catalogKeys = [...catalogs.en.keys()];

/** A text of the web app as a person sees it in `lang`: tests find buttons and labels by what they say. */
export function text(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  const t = catalogs[lang].get(key);
  if (t === undefined) throw new Error(`no catalog text ${key}`);
  return t.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, v: string) => String(vars[v] ?? ''));
}

/**
 * "No screen shows an untranslated key": no key was asked for in vain (the app records misses, see
 * apps/web/src/i18n/index.ts), no catalog key appears as visible text, and no visible text outside
 * raw data looks like a key (`word.word`, e.g. a key a future change forgets to add to the catalog
 * and renders without t()). Raw data (event types, codes, addresses) is marked translate="no", as
 * HTML means it: not to be translated.
 */
export async function untranslated(page: Page): Promise<string[]> {
  return page.evaluate((keys) => {
    const missing = (window as { __i18nMissing?: string[] }).__i18nMissing ?? [];
    const text = document.body.innerText;
    const shown = keys.filter((k) => new RegExp(`(^|[^\\w.])${k.replace(/\./g, '\\.')}($|[^\\w.])`).test(text));
    const keyLike: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('[translate="no"], script, style') || !el.checkVisibility()) continue;
      for (const m of n.textContent!.matchAll(/\b[a-z][a-zA-Z]+(\.[a-zA-Z_]{2,})+\b/g)) keyLike.push(m[0]);
    }
    return [...missing.map((k) => `missing: ${k}`), ...shown.map((k) => `shown: ${k}`), ...keyLike.map((k) => `looks like a key: ${k}`)];
  }, catalogKeys);
}

/** Form controls and buttons a screen reader could not name (no label, no text): should be none. */
export async function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('input, select, textarea, button')]
      .filter((el) => el.offsetParent !== null || el.closest('dialog[open]'))
      .filter((el) => {
        const named = (el.getAttribute('aria-label') ?? '').trim() || el.getAttribute('aria-labelledby');
        if (named) return false;
        if (el instanceof HTMLButtonElement) return !el.innerText.trim();
        const labels = (el as HTMLInputElement).labels;
        return !labels || ![...labels].some((l) => l.innerText.trim());
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * WCAG 2 A/AA problems axe-core finds on the page (colour contrast, names, roles, landmarks, focus
 * order hints), as "rule: element" lines; should be none.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern: an inline <script>
  // tag would be refused (script-src 'self'), as it should be.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => String(n.target[0])).slice(0, 3).join(', ')}`);
  });
  return violations;
}

/** Whether the page is wider than the viewport (horizontal scrolling on a phone). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/** A zh-CN screen really is in Chinese: its heading and its main text carry Chinese characters. */
export async function notInChinese(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const han = /\p{Script=Han}/u;
    const h1 = document.querySelector('main h1')?.textContent ?? '';
    const main = document.querySelector('main')?.innerText ?? '';
    return [...(han.test(h1) ? [] : [`heading "${h1}"`]), ...(han.test(main) ? [] : ['main text'])];
  });
}

/**
 * Every screen check at once, as one object of what failed (empty when the screen passes, so a failure
 * names every problem): axe's WCAG 2 A/AA violations, controls without a label, text the catalogs do not
 * translate, sideways scrolling, and on a Chinese screen text that is not in Chinese.
 */
export async function screenProblems(page: Page, lang: Lang): Promise<Record<string, unknown>> {
  const found: Record<string, unknown> = {
    accessibility: await accessibilityViolations(page),
    unlabelled: await unlabelled(page),
    untranslated: await untranslated(page),
    notInChinese: lang === 'zh-CN' ? await notInChinese(page) : [],
    overflowsHorizontally: await overflowsHorizontally(page),
  };
  return Object.fromEntries(Object.entries(found).filter(([, v]) => v === true || (Array.isArray(v) && v.length > 0)));
}

/**
 * Times a person sees are in their time zone (`timeZone`, from their account or DEFAULT_TIME_ZONE), not
 * the browser's: every <time> shows its UTC instant formatted in that zone. Returns the ones that are
 * not, and how many were checked.
 */
export async function timesNotIn(page: Page, timeZone: string): Promise<{ checked: number; wrong: string[] }> {
  return page.evaluate((tz) => {
    const fmt = new Intl.DateTimeFormat(document.documentElement.lang, { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' });
    const times = [...document.querySelectorAll('time[datetime]')];
    const wrong = times.filter((el) => el.textContent !== fmt.format(new Date(el.getAttribute('datetime')!))).map((el) => `${el.getAttribute('datetime')} shown as ${el.textContent}`);
    return { checked: times.length, wrong };
  }, timeZone);
}

/** A suite's system: the built web app served by a real API on its own database, and Chromium. */
export interface BrowserSystem {
  db: TestDatabase;
  api: TestApi;
  browser: Browser;
}

/**
 * Registers the suite's beforeAll / afterAll for a BrowserSystem (the demo accounts seeded) and returns
 * it; its fields are set once beforeAll has run. A suite's own beforeAll, declared after, runs after it.
 */
export function browserSystem(env: Record<string, string> = { SEED_DEMO: '1' }): BrowserSystem {
  const sys = {} as BrowserSystem;
  beforeAll(async () => {
    await buildWebApp();
    sys.db = await createTestDatabase();
    sys.api = await startTestApi(sys.db.url, env);
    sys.browser = await launchBrowser();
  });
  afterAll(async () => {
    await sys.browser?.close();
    await sys.api?.close();
    await sys.db?.drop();
  });
  return sys;
}
