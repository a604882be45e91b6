import { browserSystem, newUser, signIn, text, visit, screenProblems } from './support.js';

/*
 * The hazards page on the real API (EQ-2, EQ-4): an agent reports one at once on a phone-sized screen in
 * Chinese; a machine-room manager sees it open, with its age, in English and reports one of their own.
 */
describe('browser: hazards', () => {
  const sys = browserSystem();

  it('EQ-4: an agent reports a hazard from 隐患 at 375 px; the page is labelled, translated and accessible, without the list only managers read (zh-CN)', async () => {
    const { context, page, problems } = await newUser(sys.browser, sys.api.baseUrl, { lang: 'zh-CN', width: 375 });
    try {
      await signIn(page, 'agent1', { lang: 'zh-CN' });
      await visit(page, '/hazards');
      await page.getByRole('heading', { level: 1, name: text('zh-CN', 'hazards.title') }).waitFor();
      await page.getByLabel(text('zh-CN', 'hazards.description'), { exact: true }).fill('12 号座席耳机线破损');
      await page.getByLabel(text('zh-CN', 'hazards.during'), { exact: true }).selectOption('equipment_check');
      await page.getByRole('button', { name: text('zh-CN', 'hazards.submit') }).click();
      await page.getByRole('status').filter({ hasText: text('zh-CN', 'hazards.reported') }).waitFor();
      // The agent reports; reading the open hazards is the managers' (hazards.read).
      await expect(page.getByTestId('hazards-table').count()).resolves.toBe(0);
      await expect(page.getByRole('heading', { name: text('zh-CN', 'hazards.open') }).count()).resolves.toBe(0);

      expect(await screenProblems(page, 'zh-CN')).toEqual({});
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('EQ-2, EQ-4: the site manager finds Hazards in the menu, sees the open ones with their age, and reports one found on an inspection (en)', async () => {
    const { context, page, problems } = await newUser(sys.browser, sys.api.baseUrl, { lang: 'en' });
    try {
      await signIn(page, 'site', { lang: 'en' });
      await page.getByRole('navigation', { name: text('en', 'nav.label') }).getByRole('link', { name: text('en', 'nav.hazards'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: text('en', 'hazards.title') }).waitFor();
      const rows = page.getByTestId('hazard-row');
      const agents = rows.filter({ hasText: '12 号座席耳机线破损' });
      await agents.waitFor();
      expect(await agents.innerText()).toContain('EQ-4');
      expect(await agents.innerText()).toContain(text('en', 'hazards.ageHours', { count: 0 }));
      expect(await agents.innerText()).toContain(text('en', 'hazards.direct'));

      await page.getByLabel(text('en', 'hazards.description'), { exact: true }).fill('Power strip overloaded under rack C');
      await page.getByLabel(text('en', 'hazards.during'), { exact: true }).selectOption('inspection');
      await page.getByRole('button', { name: text('en', 'hazards.submit') }).click();
      const mine = rows.filter({ hasText: 'Power strip overloaded under rack C' });
      await mine.waitFor();
      expect(await mine.innerText()).toContain('EQ-2');

      expect(await screenProblems(page, 'en')).toEqual({});
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
