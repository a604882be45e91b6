import { browserSystem, newUser, signIn, text, untranslated, visit, screenProblems } from './support.js';

/*
 * The recurring duties page on the real API (`GET /api/duties`, `duties.read`). The API of this suite
 * creates no schedules, so a day shows each duty with no occurrence yet.
 */
describe('browser: recurring duties', () => {
  const sys = browserSystem();

  it('EQ-6: the call center manager opens 例行职责 from the menu and sees the power-off check, its owner, times and the day’s state (zh-CN)', async () => {
    const { context, page, problems } = await newUser(sys.browser, sys.api.baseUrl, { lang: 'zh-CN' });
    try {
      await signIn(page, 'ccmanager', { lang: 'zh-CN' });
      await page.getByRole('navigation', { name: text('zh-CN', 'nav.label') }).getByRole('link', { name: text('zh-CN', 'nav.duties'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: text('zh-CN', 'duties.title') }).waitFor();
      const rows = page.getByTestId('duty-row');
      await rows.first().waitFor();
      // The built-in duties seeded as definitions: EQ-6, EQ-8 (two shifts), EQ-7, EQ-3 (check and training), INF-8, EQ-2 (scheduled and unannounced), EQ-4, INF-11(4), INF-6 (the computers' monthly re-check).
      await expect(rows.count()).resolves.toBe(12);
      const row = rows.filter({ hasText: 'EQ-6：机房下班断电检查' });
      expect(await row.innerText()).toContain('18:00 到期 · 19:00 后逾期');
      await expect(row.getByTestId('duty-state').innerText()).resolves.toBe(text('zh-CN', 'duties.noOccurrence'));
      await expect(rows.filter({ hasText: 'INF-8：重要资料备份' }).innerText()).resolves.toContain(text('zh-CN', 'role.it'));
      // EQ-2 unannounced: the window only, never a time.
      await expect(rows.filter({ hasText: 'EQ-2：电源线路突击检查' }).innerText()).resolves.toContain('突击检查，09:00 至 17:00 之间的某个时间 · 18:00 后逾期');

      // Another day: the page asks the API for it.
      await page.getByLabel(text('zh-CN', 'duties.date'), { exact: true }).fill('2026-10-01');
      await page.getByRole('heading', { level: 2, name: /2026-10-01/ }).waitFor();

      expect(await screenProblems(page, 'zh-CN')).toEqual({});
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('an agent has no duties section, and the page opened directly shows the API’s refusal (en)', async () => {
    const { context, page } = await newUser(sys.browser, sys.api.baseUrl, { lang: 'en' });
    try {
      await signIn(page, 'agent1', { lang: 'en' });
      await expect(page.getByRole('navigation', { name: text('en', 'nav.label') }).getByRole('link', { name: text('en', 'nav.duties'), exact: true }).count()).resolves.toBe(0);
      await visit(page, '/duties');
      await page.getByRole('heading', { level: 1, name: text('en', 'duties.title') }).waitFor();
      await page.getByRole('alert').waitFor();
      await expect(page.getByTestId('duties-table').count()).resolves.toBe(0);
      expect(await untranslated(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
