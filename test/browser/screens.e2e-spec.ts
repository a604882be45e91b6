import type { Browser } from 'playwright-core';
import { startTestApi, type TestApi } from '../support/api.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { fakeApi } from './fake-api.js';
import { buildWebApp, chooseLanguage, launchBrowser, newUser, overflowsHorizontally, screenshot, signIn, unlabelled, untranslated, visit, type Lang } from './support.js';

/**
 * Every screen of the web app, for every role, in both languages, with the API stood in by fixtures
 * (fake-api.ts): no untranslated key anywhere, no script error, usable at 360px (issue 5).
 */
const SCREENS: Record<string, string[]> = {
  agent1: ['/', '/inbox', '/inbox/t-3', '/requests', '/requests/new', '/requests/ar-1', '/requests/ar-2', '/no-such-page'],
  supervisor: ['/', '/inbox?filter=roles', '/inbox?filter=overdue', '/inbox/t-1'],
  hr: ['/', '/hr', '/hr/onboardings/e-new', '/hr/offboardings/e-zw', '/audit'],
  site: ['/returns', '/inbox/t-2'],
  it: ['/', '/it', '/inbox/t-4'],
  auditor: ['/', '/audit'],
};

describe('browser: every screen in both languages (API stubbed)', () => {
  let db: TestDatabase;
  let api: TestApi;
  let browser: Browser;
  beforeAll(async () => {
    await buildWebApp();
    db = await createTestDatabase();
    api = await startTestApi(db.url);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await db?.drop();
  });

  describe.each(['zh-CN', 'en'] as Lang[])('%s', (lang) => {
    it.each(Object.keys(SCREENS))('as %s: every screen is fully translated, every control labelled, no script error', async (username) => {
      const { context, page, problems } = await newUser(browser, api.baseUrl, { lang });
      try {
        await fakeApi(page);
        await signIn(page, username, { lang });
        const found: string[] = [];
        for (const path of SCREENS[username]) {
          await visit(page, path);
          found.push(...(await untranslated(page)).map((x) => `${path}: ${x}`));
          found.push(...(await unlabelled(page)).map((x) => `${path}: unlabelled ${x}`));
        }
        expect(found).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });

  it('the inbox shows the count badge, filters and an overdue task; screenshot saved (both languages)', async () => {
    for (const lang of ['zh-CN', 'en'] as Lang[]) {
      const { context, page } = await newUser(browser, api.baseUrl, { lang });
      try {
        await fakeApi(page);
        await signIn(page, 'supervisor', { lang });
        await visit(page, '/inbox?filter=roles');
        await page.getByTestId('task-list').waitFor();
        await expect(page.getByTestId('inbox-count').innerText()).resolves.toBe('4');
        await expect(page.locator('li.overdue').count()).resolves.toBe(1);
        await screenshot(page, `inbox-${lang}`);
      } finally {
        await context.close();
      }
    }
  });

  it('at 360px wide no screen scrolls sideways', async () => {
    const { context, page } = await newUser(browser, api.baseUrl, { width: 360 });
    try {
      await fakeApi(page);
      await signIn(page, 'hr');
      const wide: string[] = [];
      for (const path of ['/', '/inbox', '/inbox/t-1', '/requests/ar-1', '/requests/new', '/hr', '/hr/offboardings/e-zw', '/audit']) {
        await visit(page, path);
        if (await overflowsHorizontally(page)) wide.push(path);
      }
      await screenshot(page, 'audit-360px-zh-CN');
      expect(wide).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a language chosen after sign-in is saved for the user and comes back at the next sign-in', async () => {
    const { context, page } = await newUser(browser, api.baseUrl);
    try {
      const calls = await fakeApi(page);
      await signIn(page, 'agent1');
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      await chooseLanguage(page, 'en');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.evaluate(() => localStorage.setItem('custodian.lang', 'zh-CN'));
      await page.reload();
      await page.getByRole('button', { name: '登录' }).waitFor();
      await signIn(page, 'agent1');
      await page.getByRole('link', { name: 'My requests' }).waitFor();
      expect(calls).toContain('PATCH /api/me');
    } finally {
      await context.close();
    }
  });

  it('the emergency cut-off asks for confirmation and a reason before acting (SYS-5)', async () => {
    const { context, page } = await newUser(browser, api.baseUrl, { lang: 'en' });
    try {
      const calls = await fakeApi(page);
      await signIn(page, 'it', { lang: 'en' });
      await visit(page, '/it');
      await page.getByRole('button', { name: 'Cut off all external access…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      const confirm = dialog.getByRole('button', { name: 'Cut off now' });
      expect(await confirm.isDisabled()).toBe(true);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      expect(calls.filter((c) => c.includes('revoke-all'))).toEqual([]);

      await page.getByRole('button', { name: 'Cut off all external access…' }).click();
      await dialog.getByLabel('Reason (recorded)').fill('Suspected data leak');
      await confirm.click();
      await page.getByText('Cut-off done. Grants revoked: 1.').waitFor();
      expect(calls.filter((c) => c.includes('revoke-all'))).toEqual(['POST /api/emergency/external-access/revoke-all']);
    } finally {
      await context.close();
    }
  });
});
