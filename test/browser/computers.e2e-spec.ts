import type { Browser } from 'playwright-core';
import { enabledExternal, startProcessStack, type ProcessStack } from '../support/process-stack.js';
import { buildWebApp, launchBrowser, newUser, signIn, text, visit, screenProblems } from './support.js';

/*
 * The machine-room computers page (INF-6) on the whole system: IT records a lock check and reads the
 * computer's history in English; the machine-room manager reads the inventory on a phone-sized screen in
 * Chinese, with the Internet grant in force on the computer of the agent who holds it.
 */
describe('browser: machine-room computers', () => {
  let s: ProcessStack;
  let browser: Browser;
  beforeAll(async () => {
    await buildWebApp();
    s = await startProcessStack();
    browser = await launchBrowser();
    const it = await s.as('it');
    const [{ id: agent2 }] = await s.db.dataSource.query(`SELECT id FROM users WHERE username = 'agent2'`);
    expect((await it('PUT', '/api/computers/MR-PC-11', { room: 'Machine room 1', assignedUserId: agent2 })).status).toBe(200);
    expect((await it('PUT', '/api/computers/MR-PC-12', { room: 'Machine room 1', assignedUserId: null })).status).toBe(200);
    await enabledExternal(s, 'agent2');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('INF-6: IT records a failed BIOS check with a note and a USB check, sees the computer flagged, and reads its history (en)', async () => {
    const { context, page, problems } = await newUser(browser, s.api.baseUrl, { lang: 'en' });
    try {
      await signIn(page, 'it', { lang: 'en' });
      await page.getByRole('navigation', { name: text('en', 'nav.label') }).getByRole('link', { name: text('en', 'nav.computers'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: text('en', 'computers.title') }).waitFor();
      const pc = page.getByTestId('computer').filter({ hasText: 'MR-PC-12' });
      const form = pc.getByRole('form', { name: text('en', 'computers.recordFor', { tag: 'MR-PC-12' }) });
      await form.getByLabel(text('en', 'computers.check'), { exact: true }).selectOption('bios_password_set');
      await form.getByLabel(text('en', 'computers.result'), { exact: true }).selectOption('false');
      await form.getByLabel(text('en', 'computers.note'), { exact: true }).fill('no BIOS password');
      await form.getByRole('button', { name: text('en', 'computers.record') }).click();
      await pc.getByTestId('computer-check').filter({ hasText: 'no BIOS password' }).waitFor();
      await form.getByLabel(text('en', 'computers.check'), { exact: true }).selectOption('usb_blocked');
      await form.getByLabel(text('en', 'computers.result'), { exact: true }).selectOption('true');
      await form.getByRole('button', { name: text('en', 'computers.record') }).click();
      await pc.getByTestId('computer-check').filter({ hasText: text('en', 'computers.checks.usb_blocked') }).filter({ hasText: text('en', 'computers.holds') }).waitFor();
      expect(await pc.innerText()).toContain(text('en', 'computers.flagged'));

      await pc.getByRole('button', { name: text('en', 'computers.showHistory', { tag: 'MR-PC-12' }) }).click();
      const history = pc.getByTestId('computer-history');
      await history.getByText(text('en', 'computers.registered', { room: 'Machine room 1' })).waitFor();
      expect(await history.locator('li').count()).toBe(3);
      expect(await history.locator('li').first().innerText()).toContain(text('en', 'computers.checks.usb_blocked'));

      expect(await screenProblems(page, 'en')).toEqual({});
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('INF-6: the machine-room manager reads the inventory at 375 px with the Internet grant shown on the agent computer, and records nothing (zh-CN)', async () => {
    const { context, page, problems } = await newUser(browser, s.api.baseUrl, { lang: 'zh-CN', width: 375 });
    try {
      await signIn(page, 'site', { lang: 'zh-CN' });
      await visit(page, '/computers');
      await page.getByRole('heading', { level: 1, name: text('zh-CN', 'computers.title') }).waitFor();
      const pc11 = page.getByTestId('computer').filter({ hasText: 'MR-PC-11' });
      const grant = pc11.getByTestId('computer-grant');
      await grant.waitFor();
      expect(await grant.innerText()).toContain(text('zh-CN', 'accessKind.external_network'));
      expect(await grant.innerText()).toContain(text('zh-CN', 'computers.ofUser'));
      await expect(page.getByTestId('computer').filter({ hasText: 'MR-PC-12' }).getByTestId('computer-grant').count()).resolves.toBe(0);
      // Reading only: the checks are IT's.
      await expect(page.getByRole('button', { name: text('zh-CN', 'computers.record') }).count()).resolves.toBe(0);

      expect(await screenProblems(page, 'zh-CN')).toEqual({});
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
