import { call, loginAs } from '../support/api.js';
import { browserSystem, newUser, signIn, text, untranslated, visit, screenProblems } from './support.js';

/*
 * The working-day calendar screen on the real API. The calendar serves the recurring duties that read
 * it and enforces no clause itself, so these titles name none. Dates are constructed examples.
 */
describe('browser: working-day calendar', () => {
  const sys = browserSystem();

  it('the call center manager opens 工作日历 from the menu, adds a holiday and a make-up working day, and removes one (zh-CN)', async () => {
    const { context, page, problems } = await newUser(sys.browser, sys.api.baseUrl, { lang: 'zh-CN' });
    try {
      await signIn(page, 'ccmanager', { lang: 'zh-CN' });
      await page.getByRole('navigation', { name: text('zh-CN', 'nav.label') }).getByRole('link', { name: text('zh-CN', 'nav.calendar'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: text('zh-CN', 'calendar.title') }).waitFor();
      const year = Number(await page.getByTestId('calendar-year').innerText());
      await page.getByText(text('zh-CN', 'calendar.empty', { year })).waitFor();

      const add = async (date: string, kind: 'holiday' | 'workday', en: string, zh: string) => {
        await page.getByLabel(text('zh-CN', 'calendar.date'), { exact: true }).fill(date);
        await page.getByLabel(text('zh-CN', 'calendar.kind'), { exact: true }).selectOption(kind);
        await page.getByLabel(text('zh-CN', 'calendar.nameEn')).fill(en);
        await page.getByLabel(text('zh-CN', 'calendar.nameZh')).fill(zh);
        await page.getByRole('button', { name: text('zh-CN', 'calendar.save'), exact: true }).click();
        await page.locator(`[data-testid="calendar-table"] td[data-date="${date}"]`).waitFor();
      };
      await add(`${year}-10-01`, 'holiday', 'Example holiday', '示例假日');
      await add(`${year}-10-10`, 'workday', 'Make-up working day', '调休上班');

      const rows = page.getByTestId('calendar-table').locator('tbody tr');
      await expect(rows.count()).resolves.toBe(2);
      await expect(rows.nth(0).innerText()).resolves.toContain(text('zh-CN', 'calendar.holiday'));
      await expect(rows.nth(0).innerText()).resolves.toContain('示例假日');
      await expect(rows.nth(1).innerText()).resolves.toContain(text('zh-CN', 'calendar.workday'));
      const days = (await call(sys.api.baseUrl, await loginAs(sys.api.baseUrl, 'agent1'), 'GET', `/api/calendar/${year}`)).body.days;
      expect(days.map((d: { date: string; kind: string }) => [d.date, d.kind])).toEqual([[`${year}-10-01`, 'holiday'], [`${year}-10-10`, 'workday']]);

      expect(await screenProblems(page, 'zh-CN')).toEqual({});

      await rows.nth(0).getByRole('button', { name: new RegExp(`^${text('zh-CN', 'calendar.remove')}`) }).click();
      await page.locator(`td[data-date="${year}-10-01"]`).waitFor({ state: 'detached' });
      await expect(rows.count()).resolves.toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('others have no calendar section; opened directly, the calendar is read-only for them (en)', async () => {
    const { context, page, problems } = await newUser(sys.browser, sys.api.baseUrl, { lang: 'en' });
    try {
      await signIn(page, 'agent1', { lang: 'en' });
      await expect(page.getByRole('navigation', { name: text('en', 'nav.label') }).getByRole('link', { name: text('en', 'nav.calendar'), exact: true }).count()).resolves.toBe(0);
      await visit(page, '/calendar');
      await page.getByRole('heading', { level: 1, name: text('en', 'calendar.title') }).waitFor();
      await page.getByTestId('calendar-summary').waitFor();
      await expect(page.getByRole('button', { name: text('en', 'calendar.save') }).count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: new RegExp(`^${text('en', 'calendar.remove')}`) }).count()).resolves.toBe(0);
      expect(await untranslated(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
