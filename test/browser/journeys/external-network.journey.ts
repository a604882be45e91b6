import type { Page } from 'playwright-core';
import { AFTER_END_TASK, newUser, screenshot, signIn, text, untranslated, visit, type Lang, type UserPage } from '../support.js';
import type { JourneySystem } from './system.js';

/**
 * SYS-1 end to end in four browsers: agent1 asks for the external network; the supervisor reviews,
 * leadership signs, IT enables (each from their inbox, where the task appears without a reload); the
 * agent sees the grant active with its time left, then ended by itself at expiry.
 */
export async function externalNetworkJourney(sys: JourneySystem, lang: Lang): Promise<{ untranslated: string[] }> {
  const t = (key: string, vars?: Record<string, string | number>) => text(lang, key, vars);
  const people: UserPage[] = [];
  const open = async (username: string) => {
    const u = await newUser(sys.browser, sys.baseUrl, { lang });
    people.push(u);
    await signIn(u.page, username, { lang });
    return u.page;
  };
  const seen: string[] = [];
  const check = async (who: string, page: Page) => seen.push(...(await untranslated(page)).map((x) => `${who} ${page.url()}: ${x}`));

  try {
    const [agent, supervisor, leader, it] = [await open('agent1'), await open('supervisor'), await open('leader'), await open('it')];
    // The supervisor watches the inbox before the request exists: it must arrive without reloading.
    await visit(supervisor, '/inbox');

    const justification = `${lang}: check supplier portal orders for a customer call`;
    await visit(agent, '/requests/new');
    await agent.getByLabel(t('accessKind.external_network')).check();
    await agent.getByLabel(t('requests.justification')).fill(justification);
    await agent.getByLabel(t('requests.durationAmount')).fill('1');
    await agent.getByLabel(t('requests.durationUnit')).selectOption('hours');
    await agent.getByRole('button', { name: t('requests.submit'), exact: true }).click();
    await agent.getByText(t('requests.created')).waitFor();
    const requestUrl = agent.url();
    await check('agent1', agent);

    // Each approver: the task shows up in the inbox, its detail names the requester and the reason.
    const act = async (who: string, page: Page, button: string) => {
      if (who !== 'supervisor') await visit(page, '/inbox'); // the next stage, when its turn comes
      const task = page.getByTestId('task-list').getByRole('link').filter({ hasNotText: AFTER_END_TASK }).first();
      await task.waitFor({ timeout: 30_000 });
      await page.getByTestId('inbox-count').waitFor();
      if (who === 'supervisor') await screenshot(page, `journey-inbox-${lang}`);
      await task.click();
      await page.getByText(justification).waitFor();
      await page.getByLabel(t('task.comment')).fill(`${who} ok`);
      await page.getByRole('button', { name: button, exact: true }).click();
      await page.getByText(t('task.recorded')).waitFor();
      await check(who, page);
    };
    await act('supervisor', supervisor, t('task.approve'));
    await act('leader', leader, t('task.approve'));
    await act('it', it, t('task.markDone'));

    // IT's console lists the grant with its time left.
    await visit(it, '/it');
    await it.getByTestId('grants').getByRole('link', { name: /An Li/ }).first().waitFor({ timeout: 30_000 });
    await check('it', it);

    // The agent's page follows by itself: active, with time left, and who decided what.
    await agent.goto(requestUrl);
    await agent.getByTestId('time-left').waitFor({ timeout: 30_000 });
    for (const name of ['supervisor ok', 'leader ok', 'it ok']) await agent.getByText(name).waitFor();
    await check('agent1', agent);

    // Past the window the grant ends by itself (the clock starts at enablement).
    await sys.advanceTime(61 * 60_000);
    await agent.locator('.badge.status-expired').first().waitFor({ timeout: 30_000 });
    await check('agent1', agent);
    return { untranslated: seen };
  } finally {
    for (const u of people) await u.context.close();
  }
}
