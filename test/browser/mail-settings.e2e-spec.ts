import { randomUUID } from 'node:crypto';
import { EventStore } from '../../libs/domain/events/event-store.js';
import { deliverOutboxMail, queueMail } from '../../libs/domain/mail/mail.js';
import { createProjectorRegistry } from '../../libs/domain/projectors.js';
import { TITLES } from '../../libs/policy/titles.js';
import { call, loginAs } from '../support/api.js';
import { accessibilityViolations, browserSystem, newUser, screenshot, signIn, text, untranslated, visit, screenProblems } from './support.js';

/* The mail settings on the notifications page, on the real API (GET/PUT /api/me/notification-preferences). */
describe('browser: mail settings', () => {
  const sys = browserSystem();

  it('a person sets an address, two kinds and a daily digest on a 375 px phone (zh-CN), and the API keeps them', async () => {
    const { context, page, problems } = await newUser(sys.browser, sys.api.baseUrl, { lang: 'zh-CN', width: 375 });
    try {
      await signIn(page, 'agent1', { lang: 'zh-CN' });
      await visit(page, '/notifications');
      const section = page.getByRole('region', { name: text('zh-CN', 'mailSettings.title') });
      await section.waitFor();
      await section.getByLabel(text('zh-CN', 'mailSettings.email'), { exact: true }).fill('an.li@example.test');
      for (const k of ['kind_escalation', 'kind_reminder', 'kind_grant_ended', 'kind_other']) await section.getByLabel(text('zh-CN', `mailSettings.${k}`)).uncheck();
      await section.getByLabel(text('zh-CN', 'mailSettings.digest_daily')).check();
      await section.getByRole('button', { name: text('zh-CN', 'mailSettings.save') }).click();
      await section.getByText(text('zh-CN', 'mailSettings.saved')).waitFor();

      expect(await screenProblems(page, 'zh-CN')).toEqual({});
      await screenshot(page, 'mail-settings-zh-375');
      expect(problems).toEqual([]);

      const token = await loginAs(sys.api.baseUrl, 'agent1');
      expect((await call(sys.api.baseUrl, token, 'GET', '/api/me/notification-preferences')).body).toEqual({ email: 'an.li@example.test', mailEnabled: true, kinds: ['task', 'decision'], digest: 'daily' });
      // Another person sees their own settings, not these.
      const other = await loginAs(sys.api.baseUrl, 'agent2');
      expect((await call(sys.api.baseUrl, other, 'GET', '/api/me/notification-preferences')).body.email).toBeNull();
    } finally {
      await context.close();
    }
  });

  it('mail off disables the choices; an address the API refuses shows its message (en)', async () => {
    const { context, page } = await newUser(sys.browser, sys.api.baseUrl, { lang: 'en' });
    try {
      await signIn(page, 'agent2', { lang: 'en' });
      await visit(page, '/notifications');
      const section = page.getByRole('region', { name: text('en', 'mailSettings.title') });
      await section.getByLabel(text('en', 'mailSettings.enabled')).uncheck();
      await expect(section.getByLabel(text('en', 'mailSettings.kind_task')).isDisabled()).resolves.toBe(true);
      await section.getByLabel(text('en', 'mailSettings.enabled')).check();
      await section.getByLabel(text('en', 'mailSettings.email'), { exact: true }).fill('bo.wang@localhost');
      await section.getByRole('button', { name: text('en', 'mailSettings.save') }).click();
      await section.getByRole('alert').waitFor();
      await expect(section.getByRole('alert').innerText()).resolves.toContain(text('en', 'error.VALIDATION_FAILED'));
      expect(await untranslated(page)).toEqual([]);
      expect(await accessibilityViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the call-center manager sees the mail the server refused on the IT page, with the server answer (zh-CN)', async () => {
    const hr = await loginAs(sys.api.baseUrl, 'hr');
    expect((await call(sys.api.baseUrl, hr, 'PUT', '/api/me/notification-preferences', { email: 'gone@example.test', mailEnabled: true, kinds: ['decision'], digest: 'off' })).status).toBe(200);
    const events = new EventStore(sys.db.dataSource, createProjectorRegistry());
    const [{ id: hrId }] = await sys.db.dataSource.query(`SELECT id::text AS id FROM users WHERE username = 'hr'`);
    const sourceId = `test:${randomUUID()}`;
    await events.execute({ actor: { id: 'system:test' } }, (uow) =>
      queueMail(uow, { sourceId, subject: 'access-request:x', kind: 'decision', title: TITLES.accessApproved, body: TITLES.accessApproved, path: '/requests/x', recipients: [{ userId: hrId }] }),
    );
    const [{ id }] = await sys.db.dataSource.query(`SELECT id::text AS id FROM mail_outbox WHERE source_id = $1`, [sourceId]);
    // The domain path the send activity takes, with the server answering 550.
    expect(await deliverOutboxMail(events, id, 1, async () => ({ sent: false, error: 'EENVELOPE 550 5.1.1 No such mailbox here', responseCode: 550 }))).toBe('failed');

    const { context, page, problems } = await newUser(sys.browser, sys.api.baseUrl, { lang: 'zh-CN' });
    try {
      await signIn(page, 'ccmanager', { lang: 'zh-CN' });
      await visit(page, '/it');
      const section = page.getByRole('region', { name: text('zh-CN', 'it.mailFailures') });
      const row = section.getByRole('row').filter({ hasText: '550 5.1.1' });
      await row.waitFor();
      await expect(row.innerText()).resolves.toContain('hr');
      await expect(row.innerText()).resolves.toContain(text('zh-CN', 'mailSettings.kind_decision'));
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(await untranslated(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
