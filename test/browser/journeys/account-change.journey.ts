import { call, loginAs } from '../../support/api.js';
import { newUser, signIn, text, untranslated, visit, type Lang, type UserPage } from '../support.js';
import type { JourneySystem } from './system.js';

/**
 * INF-9 four eyes in the browser: HR asks for an account with a privileged role (202, pending); the
 * call-center manager finds the approval in the inbox, titled and labelled in the chosen language, and
 * approves it; the new account then signs in.
 */
export async function accountChangeJourney(sys: JourneySystem, lang: Lang, username: string): Promise<{ untranslated: string[] }> {
  const t = (key: string) => text(lang, key);
  const hr = await loginAs(sys.baseUrl, 'hr');
  const asked = await call(sys.baseUrl, hr, 'POST', '/api/users', { username, displayName: `Guard ${lang}`, roles: ['security'], password: 'a-long-password-9' });
  if (asked.status !== 202) throw new Error(`expected 202, got ${asked.status} ${JSON.stringify(asked.body)}`);
  let u: UserPage | undefined;
  try {
    u = await newUser(sys.browser, sys.baseUrl, { lang });
    const page = u.page;
    await signIn(page, 'ccmanager', { lang });
    await visit(page, '/inbox');
    const title = lang === 'en' ? 'INF-9: Approve an account change (four eyes)' : 'INF-9：审批账号变更（双人复核）';
    const task = page.getByTestId('task-list').getByRole('link', { name: new RegExp(title.replace(/[()（）]/g, '.')) }).first();
    await task.waitFor({ timeout: 30_000 });
    await task.click();
    await page.getByText(t('step.account_change_approval')).first().waitFor();
    const seen = await untranslated(page);
    await page.getByLabel(t('task.comment')).fill(`${lang} ok`);
    await page.getByRole('button', { name: t('task.approve'), exact: true }).click();
    await page.getByText(t('task.recorded')).waitFor();
    for (let i = 0; i < 100; i++) {
      if ((await call(sys.baseUrl, hr, 'GET', `/api/account-changes/${asked.body.id}`)).body.status === 'applied') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await loginAs(sys.baseUrl, username, 'a-long-password-9');
    return { untranslated: [...seen, ...u.problems] };
  } finally {
    await u?.context.close();
  }
}
