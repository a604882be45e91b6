import { call, loginAs } from '../support/api.js';
import { browserSystem, accessibilityViolations, newUser, signIn, text, untranslated, visit, screenProblems } from './support.js';

/*
 * The named owners register page on the real API (`GET /api/responsibilities`, `responsibilities.read`).
 * The call center manager names the fire-equipment keeper through the API first; the other standard
 * responsibilities stay unassigned and flagged.
 */
describe('browser: named owners register', () => {
  const sys = browserSystem();

  beforeAll(async () => {
    const token = await loginAs(sys.api.baseUrl, 'ccmanager');
    const users = (await call(sys.api.baseUrl, token, 'GET', '/api/users?pageSize=100')).body.items as { id: string; username: string }[];
    const id = (u: string) => users.find((x) => x.username === u)!.id;
    const put = await call(sys.api.baseUrl, token, 'PUT', '/api/responsibilities/fire-equipment-keeper', {
      kind: 'fire_equipment_keeper', name: { en: 'Fire equipment keeper', zh: '消防器材保管' }, ownerUserId: id('site'), deputyUserId: id('ccmanager'),
    });
    expect(put.status).toBe(200);
  });

  it('EQ-1, EQ-3, INF-9: the call center manager opens 责任人 from the menu, sees each responsibility with its owner and deputy, and the unassigned ones flagged (zh-CN, 375 px)', async () => {
    const { context, page, problems } = await newUser(sys.browser, sys.api.baseUrl, { lang: 'zh-CN', width: 375 });
    try {
      await signIn(page, 'ccmanager', { lang: 'zh-CN' });
      await page.getByRole('navigation', { name: text('zh-CN', 'nav.label') }).getByRole('link', { name: text('zh-CN', 'nav.responsibilities'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: text('zh-CN', 'responsibilities.title') }).waitFor();
      const keeper = page.locator('[data-testid="responsibility-row"][data-key="fire-equipment-keeper"]');
      await keeper.waitFor();
      const row = await keeper.innerText();
      expect(row).toContain('消防器材保管');
      expect(row).toContain('马慧'); // the on-site manager, owner
      expect(row).toContain(text('zh-CN', 'responsibilities.ok'));
      const theft = await page.locator('[data-testid="responsibility-row"][data-key="machine-room-theft"]').innerText();
      expect(theft).toContain(text('zh-CN', 'responsibilities.flags.no_owner'));
      expect(theft).toContain(text('zh-CN', 'responsibilities.nobody'));

      // Only the flagged ones: the keeper's row goes.
      await page.getByLabel(text('zh-CN', 'responsibilities.onlyFlagged')).check();
      await keeper.waitFor({ state: 'detached' });
      await expect(page.getByTestId('responsibility-row').count()).resolves.toBe(2);

      expect(await screenProblems(page, 'zh-CN')).toEqual({});
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the auditor reads it in English; an agent has no such section and the page opened directly shows the refusal', async () => {
    const { context, page } = await newUser(sys.browser, sys.api.baseUrl, { lang: 'en' });
    try {
      await signIn(page, 'auditor', { lang: 'en' });
      await visit(page, '/responsibilities');
      await page.getByRole('heading', { level: 1, name: text('en', 'responsibilities.title') }).waitFor();
      const theft = page.locator('[data-testid="responsibility-row"][data-key="machine-room-theft"]');
      await theft.waitFor();
      expect(await theft.innerText()).toContain(text('en', 'responsibilities.flags.no_owner'));
      expect(await untranslated(page)).toEqual([]);
      expect(await accessibilityViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
    const agent = await newUser(sys.browser, sys.api.baseUrl, { lang: 'en' });
    try {
      await signIn(agent.page, 'agent1', { lang: 'en' });
      await expect(agent.page.getByRole('navigation', { name: text('en', 'nav.label') }).getByRole('link', { name: text('en', 'nav.responsibilities'), exact: true }).count()).resolves.toBe(0);
      await visit(agent.page, '/responsibilities');
      await agent.page.getByRole('heading', { level: 1, name: text('en', 'responsibilities.title') }).waitFor();
      await agent.page.getByRole('alert').waitFor();
      await expect(agent.page.getByTestId('responsibilities-table').count()).resolves.toBe(0);
    } finally {
      await agent.context.close();
    }
  });
});
