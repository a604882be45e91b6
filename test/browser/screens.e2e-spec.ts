import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { startProcessStack, until, type ProcessStack } from '../support/process-stack.js';
import { ownPassword } from '../support/api.js';
import { makeScreenData, NEWHIRE_PASSWORD, type ScreenData } from './screens-data.js';
import { accessibilityViolations, buildWebApp, chooseLanguage, DEMO_PASSWORD, launchBrowser, newUser, notInChinese, overflowsHorizontally, screenshot, signIn, text, timesNotIn, unlabelled, untranslated, visit, type Lang } from './support.js';

/**
 * Every screen of the web app, for every role, in both languages, on the real system: the API with the
 * demo directory, a worker with the real activities on the Temporal dev server, and data made by the
 * real workflows (screens-data.ts). Checks: no untranslated key, zh-CN really in Chinese, every control
 * labelled, times in the user's zone, no script error. One API and one sign-in per role.
 */
const TEMPORAL_UI = 'http://temporal-ui.test:8233';
const USER_TIME_ZONE = 'Asia/Shanghai'; // the demo accounts' zone (DEFAULT_TIME_ZONE); the browsers run in UTC

type Tour = { user: string; password?: string; paths: (d: ScreenData) => string[]; then?: (page: Page, d: ScreenData) => Promise<void> };

const TOUR: Tour[] = [
  {
    user: 'agent1',
    // Empty inbox, requests, the form, an active and a pending request, a 404, a 403, an unknown page, notifications.
    paths: (d) => ['/', '/inbox', '/requests', '/requests/new', `/requests/${d.activeRequest}`, `/requests/${d.pendingRequest}`, `/requests/${randomUUID()}`, '/audit', '/no-such-page', '/notifications', '/notifications?filter=unread'],
    then: async (page, d) => {
      // The next action on the home page is a button; no Temporal link for an agent.
      await visit(page, '/');
      await page.getByTestId('home-next-request').waitFor();
      await expect(page.locator('a.workflow-link').count()).resolves.toBe(0);
      // The bell counts the unread approval notice; the page links it to the request; "mark as read" clears it.
      const before = Number(await page.getByTestId('notification-count').innerText());
      await page.getByTestId('notifications-link').click();
      const markRead = page.getByRole('button', { name: text('en', 'notifications.markRead') });
      const unreadNotice = page.getByTestId('notification').filter({ has: page.locator(`a[href="/requests/${d.activeRequest}"]`) }).filter({ has: markRead });
      await unreadNotice.getByRole('button').click();
      await until(async () => (await unreadNotice.count()) === 0, 'the notice read');
      const badge = page.getByTestId('notification-count');
      await until(async () => (before === 1 ? (await badge.count()) === 0 : (await badge.innerText()) === String(before - 1)), 'the bell counts one fewer');
    },
  },
  {
    user: 'supervisor',
    paths: (d) => ['/', '/inbox', '/inbox?filter=roles', '/inbox?filter=overdue', `/inbox/${d.reviewTask}`, `/requests/${randomUUID()}`],
    then: async (page) => {
      // "N tasks wait for you" leads to the inbox.
      await visit(page, '/');
      await page.getByTestId('home-next-inbox').click();
      await page.getByTestId('task-list').waitFor();
      expect(new URL(page.url()).pathname).toBe('/inbox');
    },
  },
  { user: 'leader', paths: () => ['/', '/inbox'] },
  { user: 'hr', paths: (d) => ['/', '/hr', `/hr/onboardings/${d.onboarding}`, `/hr/offboardings/${d.offboarding}`, '/requests', '/audit'] },
  {
    user: 'site',
    paths: (d) => ['/', '/returns', '/inbox?filter=overdue', '/inbox?filter=dueSoon', `/inbox/${d.returnTask}`],
    then: async (page) => {
      // The return items were due at once (RETURN_ITEM_DUE=1s): the overdue filter lists them, marked.
      await visit(page, '/inbox?filter=overdue');
      await page.locator('[data-testid=task-list] li.overdue').first().waitFor();
    },
  },
  // newhire2 set their own password when the screens' data signed them in (INF-10).
  { user: 'newhire2', password: ownPassword(NEWHIRE_PASSWORD), paths: (d) => ['/', `/inbox/${d.agreementTask}`] },
  { user: 'auditor', paths: () => ['/', '/audit', '/inbox'] },
  {
    user: 'ccmanager',
    paths: (d) => ['/', '/returns', `/inbox/${d.signoffTask}`, `/requests/${d.activeRequest}`, `/hr/offboardings/${d.offboarding}`],
    then: async (page, d) => {
      // Operators: each process links to its workflow in the Temporal Web UI.
      await visit(page, `/requests/${d.activeRequest}`);
      await expect(page.locator('a.workflow-link').getAttribute('href')).resolves.toBe(`${TEMPORAL_UI}/namespaces/default/workflows/${encodeURIComponent(d.activeWorkflowId)}`);
    },
  },
  {
    user: 'it',
    paths: (d) => ['/', '/it', `/inbox/${d.setupTask}`, '/inbox?filter=mine'],
    then: async (page) => {
      // The emergency cut-off's confirmation, in English now: translated, labelled; cancelled here.
      await visit(page, '/it');
      await page.getByRole('button', { name: text('en', 'it.emergencyButton') }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      expect(await untranslated(page)).toEqual([]);
      expect(await unlabelled(page)).toEqual([]);
      await dialog.getByRole('button', { name: text('en', 'common.cancel') }).click();
      await dialog.waitFor({ state: 'hidden' });
    },
  },
];

describe('browser: every screen on the real system, in both languages', () => {
  let s: ProcessStack;
  let browser: Browser;
  let d: ScreenData;
  beforeAll(async () => {
    await buildWebApp();
    // Return items are due at once, so the on-site manager has overdue tasks to see.
    s = await startProcessStack({ apiEnv: { TEMPORAL_UI_URL: TEMPORAL_UI, RETURN_ITEM_DUE: '1s' } });
    browser = await launchBrowser();
    d = await makeScreenData(s);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it.each(TOUR.map((x) => [x.user, x] as const))('as %s: every screen in zh-CN and en is translated (Chinese in zh-CN), labelled, accessible (axe-core WCAG 2 AA), in the user\'s time zone, without script errors', async (_, tour) => {
    const { context, page, problems } = await newUser(browser, s.api.baseUrl);
    try {
      await signIn(page, tour.user, { password: tour.password });
      const found: string[] = [];
      let times = 0;
      for (const lang of ['zh-CN', 'en'] as Lang[]) {
        await chooseLanguage(page, lang);
        for (const path of tour.paths(d)) {
          await visit(page, path);
          const where = `${lang} ${path}:`;
          found.push(...(await untranslated(page)).map((x) => `${where} ${x}`));
          found.push(...(await unlabelled(page)).map((x) => `${where} unlabelled ${x}`));
          if (lang === 'zh-CN') found.push(...(await notInChinese(page)).map((x) => `${where} no Chinese in ${x}`));
          // axe-core in one language (the layout is the same in both): contrast, names, roles.
          if (lang === 'en') found.push(...(await accessibilityViolations(page)).map((x) => `${where} a11y ${x}`));
          const zone = await timesNotIn(page, USER_TIME_ZONE);
          times += zone.checked;
          found.push(...zone.wrong.map((x) => `${where} time ${x}`));
        }
      }
      expect(found).toEqual([]);
      if (tour.user !== 'leader' && tour.user !== 'auditor') expect(times).toBeGreaterThan(0);
      await tour.then?.(page, d);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('at 375px: a new task and the count badge arrive in the inbox without reloading; the inbox and the request form fit; screenshots saved', async () => {
    const { context, page, problems } = await newUser(browser, s.api.baseUrl, { width: 375, lang: 'zh-CN' });
    try {
      await signIn(page, 'supervisor', { lang: 'zh-CN' });
      await visit(page, '/inbox');
      await page.getByTestId('task-list').waitFor();
      const before = Number(await page.getByTestId('inbox-count').innerText());
      const links = await page.getByTestId('task-list').getByRole('link').count();
      await page.evaluate(() => ((window as { notReloaded?: boolean }).notReloaded = true));

      // agent1 asks for something; the supervisor's open page shows it within a few seconds.
      const agent1 = await s.as('agent1');
      expect((await agent1('POST', '/api/access-requests', { kind: 'special_agent_id', justification: 'Cover a privileged queue this evening', durationMinutes: 120 })).status).toBe(201);
      await page.getByTestId('inbox-count').getByText(String(before + 1), { exact: true }).waitFor({ timeout: 30_000 });
      await until(async () => (await page.getByTestId('task-list').getByRole('link').count()) === links + 1, 'the new task in the list');
      expect(await page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(true);

      expect(await overflowsHorizontally(page)).toBe(false);
      await screenshot(page, 'inbox-375px-zh-CN');
      await chooseLanguage(page, 'en');
      await visit(page, '/requests/new');
      expect(await overflowsHorizontally(page)).toBe(false);
      await screenshot(page, 'request-form-375px-en');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the request form: controls in reading order, an API refusal shown translated by its code (both languages)', async () => {
    const { context, page } = await newUser(browser, s.api.baseUrl);
    try {
      await signIn(page, 'agent1', { lang: 'zh-CN' });
      for (const lang of ['zh-CN', 'en'] as Lang[]) {
        await chooseLanguage(page, lang);
        await visit(page, '/requests/new');
        // Focus order follows the page: the kinds, then why, how long (number, unit), the computer it is for (INF-6, optional), then submit.
        await page.locator('input[name=kind]:checked').focus();
        const order: string[] = [];
        for (let i = 0; i < 5; i++) {
          await page.keyboard.press('Tab');
          order.push(await page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.getAttribute('type') ?? '?'));
        }
        expect(order).toEqual(['justification', 'durationAmount', 'durationUnit', 'computerTag', 'submit']);

        // A USB unlock is granted for 14 days at most: the API says 400, the page says why in `lang`.
        await page.getByLabel(text(lang, 'accessKind.usb_media')).check();
        await page.getByLabel(text(lang, 'requests.justification')).fill('Copy the monthly call reports');
        await page.getByLabel(text(lang, 'requests.durationAmount')).fill('30');
        await page.getByLabel(text(lang, 'requests.durationUnit')).selectOption('days');
        await page.getByRole('button', { name: text(lang, 'requests.submit'), exact: true }).click();
        await page.getByRole('alert').getByText(text(lang, 'error.VALIDATION_FAILED')).waitFor();
        expect(await untranslated(page)).toEqual([]);
      }
    } finally {
      await context.close();
    }
  });

  it('a request whose answer was lost, submitted again, is sent with the same Idempotency-Key and recorded once', async () => {
    const { context, page } = await newUser(browser, s.api.baseUrl);
    try {
      await signIn(page, 'agent1', { lang: 'en' }); // (agent2 is being offboarded in the screens' data)
      await visit(page, '/requests/new');
      const justification = `Supplier research, lost answer ${randomUUID().slice(0, 8)}`;
      const keys: string[] = [];
      let firstStatus = 0;
      await page.route('**/api/access-requests', async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        keys.push(route.request().headers()['idempotency-key']);
        if (keys.length > 1) return route.continue();
        firstStatus = (await route.fetch()).status(); // the first one reaches the server and is recorded…
        await route.abort('connectionreset'); // …but the browser never hears back
      });
      await page.getByLabel(text('en', 'requests.justification')).fill(justification);
      const submit = page.getByRole('button', { name: text('en', 'requests.submit'), exact: true });
      await submit.click();
      await page.getByRole('alert').getByText(text('en', 'error.NETWORK')).waitFor();
      await submit.click(); // what a person does next
      await page.waitForURL(/\/requests\/[0-9a-f-]{36}\?created=1$/);
      expect(firstStatus).toBe(201);
      expect(keys).toHaveLength(2);
      expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
      expect(keys[1]).toBe(keys[0]);
      const [{ n }] = await s.db.dataSource.query(`SELECT count(*)::int AS n FROM event_log WHERE type = 'access_request.submitted' AND payload->>'justification' = $1`, [justification]);
      expect(n).toBe(1);
    } finally {
      await context.close();
    }
  });

  // Last in this file: the cut-off ends every active grant, which the tour above shows.
  it('SYS-5: the emergency cut-off acts only after a confirmation with a reason, and ends the active grant', async () => {
    const { context, page } = await newUser(browser, s.api.baseUrl, { lang: 'en' });
    try {
      await signIn(page, 'it', { lang: 'en' });
      await visit(page, '/it');
      await page.getByTestId('grants').waitFor();
      await page.getByRole('button', { name: text('en', 'it.emergencyButton') }).click();
      const dialog = page.getByRole('dialog');
      const confirm = dialog.getByRole('button', { name: text('en', 'it.emergencyConfirm') });
      expect(await confirm.isDisabled()).toBe(true);
      await dialog.getByLabel(text('en', 'it.emergencyReason')).fill('Suspected data leak');
      expect(await confirm.isDisabled()).toBe(true); // SYS-5 is privileged: the password too
      await dialog.getByLabel(text('en', 'reauth.password')).fill(DEMO_PASSWORD);
      await confirm.click();
      // Both counts: the active grant revoked, and the requests stopped before they became active (none here).
      await page.getByText(/^Cut-off done\. Active grants revoked: [1-9]\d*\. Requests in approval or awaiting enablement stopped: \d+\.$/).waitFor();
      const it = await s.as('it');
      await until(async () => (await it('GET', `/api/access-requests/${d.activeRequest}`)).body.endReason === 'emergency_cut_off', 'grant cut off');
    } finally {
      await context.close();
    }
  });
});
