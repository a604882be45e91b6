import { newUser, signIn, text, untranslated, visit, type Lang, type UserPage } from '../support.js';
import type { JourneySystem } from './system.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Offboarding end to end: HR starts it (access is revoked first); the on-site manager settles the
 * return checklist on the Returns page, one item missing with a note (INF-13); the call center manager
 * signs the missing item off; HR sees the process completed and every item checked.
 */
export async function offboardingJourney(sys: JourneySystem, lang: Lang, leaver: { username: string; fullName: string }): Promise<{ untranslated: string[] }> {
  const t = (key: string, vars?: Record<string, string | number>) => text(lang, key, vars);
  const people: UserPage[] = [];
  const open = async (username: string) => {
    const u = await newUser(sys.browser, sys.baseUrl, { lang });
    people.push(u);
    await signIn(u.page, username, { lang });
    return u.page;
  };
  const seen: string[] = [];
  try {
    const hr = await open('hr');
    await visit(hr, '/hr');
    await hr.getByLabel(t('hr.employee')).selectOption({ label: leaver.fullName });
    await hr.getByLabel(t('hr.reason'), { exact: true }).fill('resigned');
    await hr.getByLabel(t('hr.extraItems')).fill('Headset case');
    await hr.getByRole('button', { name: t('hr.startOffboardingSubmit'), exact: true }).click();
    await hr.getByRole('heading', { level: 1, name: t('hr.offboardingOf', { name: leaver.fullName }) }).waitFor();
    await hr.getByTestId('checklist').waitFor({ timeout: 30_000 });
    const offboardingUrl = hr.url();
    seen.push(...(await untranslated(hr)));

    // The on-site manager: everything received but the notes, which are missing.
    const site = await open('site');
    await visit(site, '/returns');
    const group = site.getByRole('region', { name: t('returns.leaver', { name: leaver.fullName }) });
    await group.waitFor({ timeout: 30_000 });
    const notes = t('item.notes');
    await group.getByRole('button', { name: t('returns.missingItem', { item: notes }), exact: true }).click();
    await group.getByLabel(t('returns.missingNote', { item: notes })).fill('one notebook lost');
    await group.getByRole('button', { name: t('returns.saveMissing'), exact: true }).click();
    const received = new RegExp(`^${escape(t('returns.receivedItem', { item: '\u0000' })).replace('\u0000', '.+')}$`);
    for (let left = 20; left > 0; left--) {
      const next = group.getByRole('button', { name: received }).first();
      if (!(await next.count())) break;
      await next.click();
      await site.waitForFunction(() => !document.querySelector('button:disabled'));
    }
    await site.getByText(t('returns.empty')).waitFor({ timeout: 30_000 });
    seen.push(...(await untranslated(site)));

    // The call center manager signs the missing item off.
    const ccm = await open('ccmanager');
    await visit(ccm, '/inbox');
    await ccm.getByTestId('task-list').getByRole('link').first().click({ timeout: 30_000 });
    await ccm.getByLabel(t('task.comment')).fill('written off');
    await ccm.getByRole('button', { name: t('task.approve'), exact: true }).click();
    await ccm.getByText(t('task.recorded')).waitFor();
    seen.push(...(await untranslated(ccm)));

    await hr.goto(offboardingUrl);
    await hr.getByText(t('process.progress', { done: 4, total: 4 })).first().waitFor({ timeout: 30_000 });
    await hr.getByTestId('checklist').getByText(t('status.missing_signed_off')).waitFor();
    seen.push(...(await untranslated(hr)));
    return { untranslated: seen };
  } finally {
    for (const u of people) await u.context.close();
  }
}
