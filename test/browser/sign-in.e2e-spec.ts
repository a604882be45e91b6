import type { Browser } from 'playwright-core';
import { startTestApi, type TestApi } from '../support/api.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { buildWebApp, launchBrowser, newUser, overflowsHorizontally, screenshot, untranslated } from './support.js';

/** The sign-in screen in headless Chromium: languages, narrow screens, errors (issue 5). */
describe('browser: sign-in screen', () => {
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

  it('opens in Simplified Chinese by default, with every text translated', async () => {
    const { context, page, problems } = await newUser(browser, api.baseUrl);
    try {
      await page.goto('/');
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      await expect(page.getByRole('button', { name: '登录' }).count()).resolves.toBe(1);
      await expect(page.getByLabel('用户名').count()).resolves.toBe(1);
      expect(await untranslated(page)).toEqual([]);
      expect(problems).toEqual([]);
      // Focus order: the username field first, then the password, then the button.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('username');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('password');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('submit');
    } finally {
      await context.close();
    }
  });

  it('switches to English, and remembers the choice after a reload', async () => {
    const { context, page } = await newUser(browser, api.baseUrl);
    try {
      await page.goto('/');
      await page.getByTestId('language').selectOption('en');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.reload();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await expect(page.getByLabel('Password').count()).resolves.toBe(1);
      expect(await untranslated(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a deep link while signed out shows the sign-in form, usable at 360px without sideways scrolling', async () => {
    const { context, page } = await newUser(browser, api.baseUrl, { width: 360 });
    try {
      await page.goto('/inbox?filter=overdue');
      await page.locator('input[name=username]').waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
      await screenshot(page, 'sign-in-360px-zh-CN');
    } finally {
      await context.close();
    }
  });

  it.each(['zh-CN', 'en'] as const)('a failed sign-in says so in the reader language (%s), not as a code', async (lang) => {
    const { context, page } = await newUser(browser, api.baseUrl, { lang });
    try {
      await page.goto('/');
      await page.locator('input[name=username]').fill('nobody');
      await page.locator('input[name=password]').fill('wrong-password');
      await page.locator('form button[type=submit]').click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      const text = (await alert.locator('strong').innerText()).trim();
      expect(text.length).toBeGreaterThan(4);
      expect(text).not.toMatch(/^[A-Z_]+$/);
      if (lang === 'zh-CN') expect(text).toMatch(/[\u4e00-\u9fff]/);
      else expect(text).not.toMatch(/[\u4e00-\u9fff]/);
      expect(await untranslated(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
