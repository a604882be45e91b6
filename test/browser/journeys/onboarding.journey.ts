import { AFTER_END_TASK, newUser, signIn, text, untranslated, visit, type Lang, type UserPage } from '../support.js';
import type { JourneySystem } from './system.js';

/**
 * Onboarding end to end in the browser: HR starts it; the new agent signs the agreement (INF-10,
 * INF-11); IT sets up the accounts, seeing the agent ID and the planned IP (AID-1, INF-7, SYS-2); the
 * agent acknowledges the fire-safety briefing (EQ-3); HR sees every step done.
 */
export async function onboardingJourney(sys: JourneySystem, lang: Lang, newAgent: { fullName: string; username: string; password: string }): Promise<{ untranslated: string[] }> {
  const t = (key: string, vars?: Record<string, string | number>) => text(lang, key, vars);
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
    await hr.getByLabel(t('hr.password')).fill(newAgent.password);
    await hr.getByRole('button', { name: t('hr.startOnboardingSubmit'), exact: true }).click();
    await hr.getByRole('heading', { level: 1, name: t('hr.onboardingOf', { name: newAgent.fullName }) }).waitFor();
    const onboardingUrl = hr.url();
    seen.push(...(await untranslated(hr)));

    // The new agent signs in with the first password HR gave them; the agreement waits in their inbox.
    const agent = await open(newAgent.username, newAgent.password);
    const mine = async (kind: string) => {
      await visit(agent, '/inbox');
      await agent.getByTestId('task-list').getByRole('link').filter({ hasText: kind }).first().click({ timeout: 30_000 });
    };
    await mine('INF-10');
    await agent.getByLabel(t('task.iAgree')).check();
    await agent.getByRole('button', { name: t('task.sign'), exact: true }).click();
    await agent.getByText(t('task.recorded')).waitFor();
    seen.push(...(await untranslated(agent)));

    // IT finds the set-up in its console, with the agent ID just assigned and the workstation IP.
    const it = await open('it');
    await visit(it, '/it');
    await it.getByTestId('task-list').getByRole('link').filter({ hasNotText: AFTER_END_TASK }).first().click({ timeout: 30_000 });
    await it.getByText(/^A\d+$/).waitFor();
    await it.getByLabel(t('task.emailAccount')).fill(`${newAgent.username}@corp.example`);
    await it.getByLabel(t('task.driveAccount')).fill(newAgent.username);
    await it.getByRole('button', { name: t('task.saveItem'), exact: true }).click();
    await it.getByText(t('task.recorded')).waitFor();
    seen.push(...(await untranslated(it)));

    await mine('EQ-3');
    await agent.getByLabel(t('task.iAcknowledge')).check();
    await agent.getByRole('button', { name: t('task.saveItem'), exact: true }).click();
    await agent.getByText(t('task.recorded')).waitFor();

    await hr.goto(onboardingUrl);
    await hr.getByText(t('process.progress', { done: 5, total: 5 })).first().waitFor({ timeout: 30_000 });
    await hr.locator('.badge.status-completed').first().waitFor();
    seen.push(...(await untranslated(hr)));
    return { untranslated: seen };
  } finally {
    for (const u of people) await u.context.close();
  }
}
