import { readFileSync } from 'node:fs';
import { call, loginAs } from '../support/api.js';
import { browserSystem, newUser, signIn, text, untranslated, visit } from './support.js';

/** The audit screen on the real audit API: chain verification, search, CSV export. */
describe('browser: audit trail', () => {
  const sys = browserSystem();
  beforeAll(async () => {
    // Something to find: hr changes a preference (an event by hr), and a failed login is summarised
    // when agent2 then signs in from the same address (failures are counted, not one event each).
    expect((await call(sys.api.baseUrl, await loginAs(sys.api.baseUrl, 'hr'), 'PATCH', '/api/me', { locale: 'en' })).status).toBe(200);
    await fetch(`${sys.api.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'agent2', password: 'wrong-password' }) });
    await loginAs(sys.api.baseUrl, 'agent2');
  });

  it('the auditor sees the chain verified, finds events by type, and exports them as CSV', async () => {
    const { context, page, problems } = await newUser(sys.browser, sys.api.baseUrl, { lang: 'en' });
    try {
      await signIn(page, 'auditor', { lang: 'en' });
      await visit(page, '/audit');
      await expect(page.getByTestId('chain-status').innerText()).resolves.toMatch(/^The chain is intact: \d+ events checked\.$/);
      await page.getByTestId('audit-table').waitFor();

      await page.getByLabel(text('en', 'audit.type')).fill('auth.');
      await page.getByRole('button', { name: text('en', 'audit.searchSubmit'), exact: true }).click();
      await page.getByTestId('audit-table').getByText('auth.login_failures_summarized').waitFor();
      const types = await page.getByTestId('audit-table').locator('tbody tr td:nth-child(3) summary').allInnerTexts();
      expect(types.length).toBeGreaterThan(0);
      expect(types.every((x) => x.startsWith('auth.'))).toBe(true);

      // Actors show as people, and a username finds their events.
      await page.getByLabel(text('en', 'audit.type')).fill('');
      await page.getByLabel(text('en', 'audit.actor')).fill('hr');
      await page.getByRole('button', { name: text('en', 'audit.searchSubmit'), exact: true }).click();
      // The table keeps the previous search's rows until the new page arrives: wait for the new one.
      await page.waitForFunction((name) => {
        const cells = [...document.querySelectorAll('[data-testid="audit-table"] tbody tr td:nth-child(4)')];
        return cells.length > 0 && cells.every((td) => (td as HTMLElement).innerText === name);
      }, 'Hana Ren (HR) 人力资源 (hr)');
      const actors = await page.getByTestId('audit-table').locator('tbody tr td:nth-child(4)').allInnerTexts();
      expect(actors.length).toBeGreaterThan(0);
      expect(new Set(actors)).toEqual(new Set(['Hana Ren (HR) 人力资源 (hr)']));

      await page.getByLabel(text('en', 'audit.actor')).fill('');
      await page.getByLabel(text('en', 'audit.type')).fill('auth.');
      await page.getByRole('button', { name: text('en', 'audit.searchSubmit'), exact: true }).click();
      await page.getByTestId('audit-table').getByText('auth.login_failures_summarized').waitFor();
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: text('en', 'audit.exportCsv') }).click();
      const file = await (await download).path();
      const csv = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      expect(csv.split('\n')[0]).toMatch(/^seq,occurred_at,subject,type,actor/);
      expect(csv).toContain('auth.login_failures_summarized');
      expect(csv).not.toMatch(/\n\d+,[^,]*,[^,]*,directory\./); // the export has the search's filter

      expect(await untranslated(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('INF-9: the auditor filters the trail by a clause of the policy; every event shown carries it as a chip with its title', async () => {
    // A clause the demo seed's events serve (agent IDs, accounts, departments): the first one recorded.
    const [{ clause, n }] = await sys.db.dataSource.query(
      `SELECT c AS clause, count(*)::int AS n FROM event_log, unnest(clauses) c GROUP BY c ORDER BY min(seq) LIMIT 1`,
    );
    const { context, page, problems } = await newUser(sys.browser, sys.api.baseUrl);
    try {
      await signIn(page, 'auditor');
      await visit(page, '/audit');
      await page.getByTestId('audit-table').waitFor();
      // The language the auditor chose earlier in this file is kept on the server: read which one shows.
      const lang = (await page.evaluate(() => document.documentElement.lang)) === 'en' ? 'en' : 'zh-CN';
      const select = page.getByLabel(text(lang, 'audit.clause'));
      await expect(select.locator('option').count()).resolves.toBe(29); // all, and the 28 clauses of docs/policy.md
      await expect(select.locator(`option[value="${clause}"]`).innerText()).resolves.toBe(`${clause} · ${text(lang, `clause.${clause}`)}`);
      await select.selectOption(clause);
      await page.getByRole('button', { name: text(lang, 'audit.searchSubmit'), exact: true }).click();
      await page.waitForFunction((c) => {
        const cells = [...document.querySelectorAll('[data-testid="audit-clauses"]')];
        return cells.length > 0 && cells.every((td) => [...td.querySelectorAll('.badge')].some((b) => b.textContent === c));
      }, clause);
      const cells = page.getByTestId('audit-clauses');
      expect(await cells.count()).toBe(Math.min(n, 50)); // one page of the events that serve it
      const chip = cells.first().locator('.badge', { hasText: clause });
      await expect(chip.getAttribute('title')).resolves.toBe(text(lang, `clause.${clause}`));
      expect(await untranslated(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('people outside the audit roles get no audit section, and the API refuses them', async () => {
    const { context, page } = await newUser(sys.browser, sys.api.baseUrl);
    try {
      await signIn(page, 'agent1');
      await expect(page.getByRole('link', { name: text('zh-CN', 'nav.audit'), exact: true }).count()).resolves.toBe(0);
      await visit(page, '/audit');
      await page.getByRole('alert').getByText(text('zh-CN', 'error.FORBIDDEN')).first().waitFor();
    } finally {
      await context.close();
    }
  });
});
