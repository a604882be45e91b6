import { newUser, signIn, text, untranslated, visit, type Lang, type UserPage } from '../support.js';
import type { JourneySystem } from './system.js';

/**
 * Onboarding end to end: HR starts it; the new agent signs the agreement (INF-10, INF-11); IT sets up
 * the accounts (INF-7, SYS-2); the agent acknowledges the fire-safety briefing (EQ-3); HR sees every
 * step done and the agent active with an agent ID (AID-1).
 */
export async function onboardingJourney(sys: JourneySystem, lang: Lang, newAgent: { fullName: string; username: string; password: string }): Promise<{ untranslated: string[] }> {
  const t = (key: string) => text(lang, key);
  const people: UserPage[] = [];
  const open = async (username: string, password?: string) => {
    const u = await newUser(sys.browser, sys.baseUrl, { lang });
    people.push(u);
    await signIn(u.page, username, { lang, password });
    return u.page;
  };
  const seen: string[] = [];
  try {
    const hr = await open('hr');
    await visit(hr, '/hr');
    await hr.getByLabel(t('hr.fullName')).fill(newAgent.fullName);
    await hr.getByLabel(t('hr.username')).fill(newAgent.username);
    await hr.getByRole('button', { name: t('hr.startOnboardingSubmit') }).click();
    await hr.getByRole('heading', { level: 1 }).filter({ hasText: newAgent.fullName }).waitFor();
    const onboardingUrl = hr.url();
    seen.push(...(await untranslated(hr)));

    // The new agent's own tasks: sign the agreement, then acknowledge the fire-safety briefing.
    const agent = await open(newAgent.username, newAgent.password);
    const doMine = async (button: string, tick?: string) => {
      await visit(agent, '/inbox');
      await agent.getByTestId('task-list').getByRole('link').first().click();
      if (tick) await agent.getByLabel(tick).check();
      await agent.getByRole('button', { name: button }).click();
      await agent.getByText(t('task.recorded')).waitFor();
      seen.push(...(await untranslated(agent)));
    };
    await doMine(t('task.sign'), t('task.iAgree'));

    const it = await open('it');
    await visit(it, '/it');
    await it.getByTestId('task-list').getByRole('link').first().click({ timeout: 30_000 });
    await it.getByRole('button', { name: t('task.markDone') }).click();
    await it.getByText(t('task.recorded')).waitFor();

    await doMine(t('task.markDone'));

    await hr.goto(onboardingUrl);
    await hr.getByText(text(lang, 'process.progress').replace('{{done}}', '6').replace('{{total}}', '6')).waitFor({ timeout: 30_000 });
    seen.push(...(await untranslated(hr)));
    return { untranslated: seen };
  } finally {
    for (const u of people) await u.context.close();
  }
}
