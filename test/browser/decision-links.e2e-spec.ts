import type { Browser, Page } from 'playwright-core';
import { loadMailSettings } from '../../libs/enforcement/mail-config.js';
import { call, loginAs } from '../support/api.js';
import { startProcessStack, taskOf, until, type ProcessStack } from '../support/process-stack.js';
import { TestSmtp } from '../support/smtp.js';
import { buildWebApp, chooseLanguage, DEMO_PASSWORD, launchBrowser, newUser, screenshot, text, unlabelled, untranslated, type Lang, screenProblems } from './support.js';

/**
 * Decision links as a person uses them: the task mail arrives at a real SMTP server, the test takes the
 * link from it and opens it in a browser that is signed out; the person signs in and lands on the task,
 * decides there; the same link again, or the link opened by someone else (the requester), shows why it
 * does not work, in both languages. The real API, worker and web app.
 */
const SMTP_PASSWORD = 'smtp-pass-b7d1';
const smtp = new TestSmtp('custodian', SMTP_PASSWORD);
let s: ProcessStack;
let browser: Browser;
const SUPERVISOR_MAIL = 'chen.zhou@example.test';

beforeAll(async () => {
  await buildWebApp();
  await smtp.start();
  const env = {
    SMTP_URL: `smtp://custodian:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}`,
    MAIL_FROM: 'Custodian <custodian@mail.example.test>',
    PUBLIC_URL: 'https://custodian.example.test',
    MAIL_RELAY_EVERY: '200ms',
    MAIL_WORKING_HOURS: 'always',
    DECISION_LINK_SECRET: 'browser-decision-link-secret-0123456789abcdef',
  };
  s = await startProcessStack({ apiEnv: env, mail: { settings: loadMailSettings(env)! } });
  browser = await launchBrowser();
  const sup = await s.as('supervisor');
  expect((await sup('PUT', '/api/me/notification-preferences', { email: SUPERVISOR_MAIL, mailEnabled: true, kinds: ['task'], digest: 'off' })).status).toBe(200);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await s?.close();
  await smtp.stop();
});

/** A request of agent1 and the path of the link in the supervisor's mail about its review task. */
async function mailedLink(kind: 'external_network' | 'special_agent_id', step: string): Promise<{ taskId: string; path: string }> {
  const agent1 = await s.as('agent1');
  const created = await agent1('POST', '/api/access-requests', { kind, justification: 'Cover the evening queue', durationMinutes: 120 });
  expect(created.status).toBe(201);
  const task = await taskOf(await s.as('supervisor'), created.body.id, step);
  const path = await until(async () => {
    const [row] = await s.db.dataSource.query(`SELECT id::text AS id FROM mail_outbox WHERE source_id = $1`, [`task:${task.id}`]);
    const mail = row && smtp.to(SUPERVISOR_MAIL).find((m) => m.parsed.messageId === `<${row.id}@mail.example.test>`);
    return mail && /https:\/\/custodian\.example\.test(\/d\/[^\s"<]+)/.exec(mail.parsed.text ?? '')?.[1];
  }, 'the task mail with its link');
  return { taskId: task.id, path };
}

/** Opens a mailed link signed out: the sign-in form shows, then the same path goes on. */
async function openSignedOut(page: Page, path: string, username: string): Promise<void> {
  await page.goto(path);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('who').waitFor();
}

/** The refusal page in `lang`: the reason in words, translated, accessible. */
async function expectRefusal(page: Page, lang: Lang, key: string): Promise<void> {
  await chooseLanguage(page, lang);
  const refused = page.getByTestId('decision-link-refused');
  await refused.getByText(text(lang, key)).waitFor();
  await refused.getByRole('link', { name: text(lang, 'decisionLink.toInbox') }).waitFor();
  expect(await screenProblems(page, lang)).toEqual({});
}

/** Console errors other than the refusals the page expects (a 403 or 410 answer is logged by Chromium). */
const unexpected = (problems: string[]) => problems.filter((p) => !/status of 410/.test(p));

describe('browser: decision links from mail', () => {
  it('SYS-1: the supervisor opens the mailed link signed out, signs in, lands on the task and approves; the same link again is refused (en, zh-CN)', async () => {
    const { taskId, path } = await mailedLink('external_network', 'supervisor_review');
    const { context, page, problems } = await newUser(browser, s.api.baseUrl, { lang: 'en' });
    try {
      await openSignedOut(page, path, 'supervisor');
      await page.waitForURL(`**/inbox/${taskId}`);
      await chooseLanguage(page, 'en');
      await page.getByRole('button', { name: text('en', 'task.approve') }).click();
      await page.getByText(text('en', 'task.recorded')).waitFor();
      expect((await (await s.as('supervisor'))('GET', `/api/tasks/${taskId}`)).body.status).not.toBe('open');
      await screenshot(page, 'decision-link-task-en');

      await page.goto(path);
      await expectRefusal(page, 'en', 'decisionLink.used');
      await screenshot(page, 'decision-link-used-en');
      await expectRefusal(page, 'zh-CN', 'decisionLink.used');
      await screenshot(page, 'decision-link-used-zh');
      expect(unexpected(problems)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('SYS-1: the requester who follows the approver link is refused (zh-CN, en), and the link still works for the approver', async () => {
    const { taskId, path } = await mailedLink('external_network', 'supervisor_review');
    const { context, page, problems } = await newUser(browser, s.api.baseUrl, { lang: 'zh-CN' });
    try {
      await openSignedOut(page, path, 'agent1');
      await expectRefusal(page, 'zh-CN', 'decisionLink.otherPerson');
      await screenshot(page, 'decision-link-requester-zh');
      await expectRefusal(page, 'en', 'decisionLink.otherPerson');
      expect(unexpected(problems).filter((p) => !/status of 403/.test(p))).toEqual([]);
    } finally {
      await context.close();
    }
    const token = await loginAs(s.api.baseUrl, 'supervisor');
    expect((await call(s.api.baseUrl, token, 'POST', '/api/decision-links/redeem', { token: path.slice(3) })).body).toEqual({ taskId, path: `/inbox/${taskId}` });
  });

  it('INF-12: approving a special agent-ID request from its link asks for the password again in a dialog, then records the decision', async () => {
    const { taskId, path } = await mailedLink('special_agent_id', 'superior_review');
    const { context, page, problems } = await newUser(browser, s.api.baseUrl, { lang: 'zh-CN' });
    try {
      await openSignedOut(page, path, 'supervisor');
      await page.waitForURL(`**/inbox/${taskId}`);
      await chooseLanguage(page, 'zh-CN');
      await page.getByRole('button', { name: text('zh-CN', 'task.approve') }).click();
      const dialog = page.getByRole('dialog', { name: text('zh-CN', 'reauth.title') });
      await dialog.waitFor();
      expect(await unlabelled(page)).toEqual([]);
      expect(await untranslated(page)).toEqual([]);
      await screenshot(page, 'decision-link-reauth-zh');
      await dialog.getByLabel(text('zh-CN', 'reauth.password')).fill('not-the-password');
      await dialog.getByRole('button', { name: text('zh-CN', 'reauth.confirm') }).click();
      await dialog.getByRole('alert').getByText(text('zh-CN', 'error.INVALID_CREDENTIALS')).waitFor();
      expect((await (await s.as('supervisor'))('GET', `/api/tasks/${taskId}`)).body.status).toBe('open');
      await dialog.getByLabel(text('zh-CN', 'reauth.password')).fill(DEMO_PASSWORD);
      await dialog.getByRole('button', { name: text('zh-CN', 'reauth.confirm') }).click();
      await page.getByText(text('zh-CN', 'task.recorded')).waitFor();
      expect((await (await s.as('supervisor'))('GET', `/api/tasks/${taskId}`)).body.status).not.toBe('open');
      expect(unexpected(problems).filter((p) => !/status of 401|status of 403/.test(p))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
