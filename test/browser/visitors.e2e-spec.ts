import { browserSystem, newUser, signIn, text, untranslated, visit, screenProblems } from './support.js';

/*
 * The visitor desk on the real API (INF-1, INF-3, INF-4): security registers a visitor and checks them
 * out on a phone-sized screen in Chinese; the call center manager designates an escort in English; an
 * agent has no desk.
 */
describe('browser: visitor desk', () => {
  const sys = browserSystem();

  it('INF-1, INF-3: security opens 访客 from the menu at 375 px, registers a visitor with an identity document, sees them inside with the number masked, checks them out, and records a stranger only after confirming the escort out (zh-CN)', async () => {
    const { context, page, problems } = await newUser(sys.browser, sys.api.baseUrl, { lang: 'zh-CN', width: 375 });
    try {
      await signIn(page, 'security', { lang: 'zh-CN' });
      await page.getByRole('navigation', { name: text('zh-CN', 'nav.label') }).getByRole('link', { name: text('zh-CN', 'nav.visitors'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: text('zh-CN', 'visitors.title') }).waitFor();
      const form = page.locator('section', { has: page.getByRole('heading', { name: text('zh-CN', 'visitors.register') }) });
      await form.getByLabel(text('zh-CN', 'visitors.name'), { exact: true }).fill('张伟');
      await form.getByLabel(text('zh-CN', 'visitors.organisation'), { exact: true }).fill('示例电信');
      await form.getByLabel(text('zh-CN', 'visitors.purpose'), { exact: true }).fill('季度业务沟通');
      const host = form.getByLabel(text('zh-CN', 'visitors.host'), { exact: true });
      await host.locator('option', { hasText: 'agent1' }).waitFor({ state: 'attached' });
      await host.selectOption({ label: await host.locator('option', { hasText: '(agent1)' }).innerText() });
      await form.getByLabel(text('zh-CN', 'visitors.documentType'), { exact: true }).selectOption('resident_id');
      await form.getByLabel(text('zh-CN', 'visitors.documentNumber'), { exact: true }).fill('110101199003074321');
      await form.getByLabel(text('zh-CN', 'visitors.badge'), { exact: true }).fill('V-101');
      await form.getByRole('button', { name: text('zh-CN', 'visitors.registerSubmit') }).click();
      await page.getByText(text('zh-CN', 'visitors.registered', { name: '张伟', badge: 'V-101' })).waitFor();

      const inside = page.getByTestId('visitors-inside');
      const row = inside.getByTestId('visit-row').filter({ hasText: 'V-101' });
      await row.waitFor();
      const shown = await row.innerText();
      expect(shown).toContain('张伟');
      expect(shown).toContain('**************4321');
      expect(await page.locator('main').innerText()).not.toContain('110101199003074321');

      // INF-3: the reason can be written only once the escort out is confirmed.
      const reason = page.getByLabel(text('zh-CN', 'visitors.reason'), { exact: true });
      await expect(reason.isDisabled()).resolves.toBe(true);
      await page.getByLabel(text('zh-CN', 'visitors.escortedOut')).check();
      await reason.fill('找错楼层');
      await page.getByRole('button', { name: text('zh-CN', 'visitors.strangerSubmit') }).click();
      await page.getByText(text('zh-CN', 'visitors.strangerSent')).waitFor();

      expect(await screenProblems(page, 'zh-CN')).toEqual({});

      await row.getByRole('button', { name: text('zh-CN', 'visitors.checkOutWho', { name: '张伟' }) }).click();
      await inside.getByTestId('visit-row').filter({ hasText: 'V-101' }).waitFor({ state: 'detached' });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('INF-4: the call center manager designates the on-site manager as machine-room escort; the desk then offers them for a machine-room visit (en)', async () => {
    const { context, page, problems } = await newUser(sys.browser, sys.api.baseUrl, { lang: 'en' });
    try {
      await signIn(page, 'ccmanager', { lang: 'en' });
      await visit(page, '/visitors');
      await page.getByRole('heading', { level: 1, name: text('en', 'visitors.title') }).waitFor();
      // Only security registers (INF-4: no employee brings a guest in by themselves).
      await expect(page.getByRole('heading', { name: text('en', 'visitors.register') }).count()).resolves.toBe(0);
      const pick = page.getByLabel(text('en', 'visitors.designate'), { exact: true });
      await pick.locator('option', { hasText: 'on-site manager' }).waitFor({ state: 'attached' });
      await pick.selectOption({ label: await pick.locator('option', { hasText: 'on-site manager' }).innerText() });
      await page.getByRole('button', { name: text('en', 'visitors.designateSubmit') }).click();
      await page.getByTestId('visitor-escorts').getByText('on-site manager').waitFor();
      expect(await screenProblems(page, 'en')).toEqual({});
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
    const desk = await newUser(sys.browser, sys.api.baseUrl, { lang: 'en' });
    try {
      await signIn(desk.page, 'security', { lang: 'en' });
      await visit(desk.page, '/visitors');
      await desk.page.getByLabel(text('en', 'visitors.area'), { exact: true }).selectOption('machine_room');
      const escort = desk.page.getByLabel(text('en', 'visitors.escort'), { exact: true });
      await escort.locator('option', { hasText: 'on-site manager' }).waitFor({ state: 'attached' });
    } finally {
      await desk.context.close();
    }
  });

  it('an agent has no visitor desk in the menu, and the page opened directly shows the API’s refusal (en)', async () => {
    const { context, page } = await newUser(sys.browser, sys.api.baseUrl, { lang: 'en' });
    try {
      await signIn(page, 'agent1', { lang: 'en' });
      await expect(page.getByRole('navigation', { name: text('en', 'nav.label') }).getByRole('link', { name: text('en', 'nav.visitors'), exact: true }).count()).resolves.toBe(0);
      await visit(page, '/visitors');
      await page.getByRole('heading', { level: 1, name: text('en', 'visitors.title') }).waitFor();
      await page.getByRole('alert').first().waitFor();
      await expect(page.getByTestId('visit-row').count()).resolves.toBe(0);
      expect(await untranslated(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
