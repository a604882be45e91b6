import { EventStore } from '../../libs/domain/events/event-store.js';
import { createProjectorRegistry } from '../../libs/domain/projectors.js';
import { recordTask } from '../support/assessment.js';
import { browserSystem, newUser, signIn, text, visit, type Lang, screenProblems } from './support.js';

/*
 * The assessment page (policy preamble) on the real API: agent1 and agent2 of outbound-1 and one hazard
 * fix nobody took, due in the first half of November 2026 (Asia/Shanghai).
 */
describe('browser: assessment report', () => {
  const sys = browserSystem();

  beforeAll(async () => {
    const events = new EventStore(sys.db.dataSource, createProjectorRegistry());
    const users: { id: string; username: string }[] = await sys.db.dataSource.query(`SELECT id::text, username FROM users WHERE username IN ('agent1', 'agent2')`);
    const id = Object.fromEntries(users.map((u) => [u.username, u.id]));
    await recordTask(events, { process: 'duty', processKey: 'notes_handin:2026-11-03', step: 'notes_handin', kind: 'notes_handin', assignee: id.agent1, dueAt: '2026-11-03T10:00:00Z', end: { decidedAt: '2026-11-03T09:00:00Z' } });
    await recordTask(events, { process: 'duty', processKey: 'notes_handin:2026-11-04', step: 'notes_handin', kind: 'notes_handin', assignee: id.agent1, dueAt: '2026-11-04T10:00:00Z', end: { decidedAt: '2026-11-04T12:00:00Z' } });
    await recordTask(events, { process: 'duty', processKey: 'agent_equipment_check:2026-11-10', step: 'agent_equipment_check', kind: 'equipment_check', assignee: id.agent2, dueAt: '2026-11-10T10:00:00Z', end: 'expired' });
    await recordTask(events, { process: 'hazard', processKey: 'h1', step: 'hazard_fix', kind: 'hazard_fix', candidate: { role: 'site_manager', departmentId: null }, dueAt: '2026-11-12T10:00:00Z' });
  });

  async function choosePeriod(page: import('playwright-core').Page, lang: Lang) {
    await page.getByLabel(text(lang, 'assessment.from'), { exact: true }).fill('2026-11-02');
    await page.getByLabel(text(lang, 'assessment.to'), { exact: true }).fill('2026-11-15');
    await page.getByRole('button', { name: text(lang, 'assessment.show'), exact: true }).click();
    await page.getByTestId('department-row').first().waitFor();
  }

  async function screenChecks(page: import('playwright-core').Page, lang: Lang, problems: string[]) {
    expect(await screenProblems(page, lang)).toEqual({});
    expect(problems).toEqual([]);
  }

  it('preamble: the call center manager opens 考核 from the menu, sees every department charted and tabled, and drills down to a person’s items (zh-CN)', async () => {
    const { context, page, problems } = await newUser(sys.browser, sys.api.baseUrl, { lang: 'zh-CN' });
    try {
      await signIn(page, 'ccmanager', { lang: 'zh-CN' });
      await page.getByRole('navigation', { name: text('zh-CN', 'nav.label') }).getByRole('link', { name: text('zh-CN', 'nav.assessment'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: text('zh-CN', 'assessment.title') }).waitFor();
      await choosePeriod(page, 'zh-CN');
      await expect(page.getByTestId('assessment-scope').innerText()).resolves.toContain(text('zh-CN', 'assessment.scope.all'));
      // The charts are images with a name; their figures are in the tables beside them.
      await expect(page.getByRole('img', { name: text('zh-CN', 'assessment.departmentChart') }).count()).resolves.toBe(1);
      await expect(page.getByRole('img', { name: text('zh-CN', 'assessment.weekChart') }).count()).resolves.toBe(1);
      // chart.js (loaded as a chunk of its own) has taken both canvases over: it sets their display when it does.
      await page.waitForFunction(() => [...document.querySelectorAll<HTMLCanvasElement>('main canvas')].every((c) => c.style.display === 'block'));
      const rows = page.getByTestId('department-row');
      await expect(rows.count()).resolves.toBe(2);
      // outbound-1: 1 on time, 1 late, 1 missed, 0 open, 3 in all, 33.3 % on time.
      await expect(rows.first().innerText()).resolves.toMatch(/外呼一部\s+1\s+1\s+1\s+0\s+3\s+33\.3%/);
      await expect(rows.nth(1).innerText()).resolves.toMatch(new RegExp(`${text('zh-CN', 'assessment.noDepartment')}\\s+0\\s+0\\s+0\\s+1\\s+1\\s+—`));
      await expect(page.getByTestId('week-table').getByRole('rowheader').allInnerTexts()).resolves.toEqual(['2026-11-02', '2026-11-09']);

      await rows.first().getByRole('button', { name: '外呼一部' }).click();
      await page.getByRole('heading', { level: 2, name: text('zh-CN', 'assessment.peopleIn', { department: '外呼一部' }) }).waitFor();
      await expect(page.getByTestId('person-row').count()).resolves.toBe(2);
      await page.getByTestId('person-row').getByRole('button', { name: 'An Li 李安' }).click();
      await page.getByRole('heading', { level: 2, name: text('zh-CN', 'assessment.itemsOf', { person: 'An Li 李安' }) }).waitFor();
      const items = page.getByTestId('item-row');
      await items.first().waitFor();
      await expect(items.count()).resolves.toBe(2);
      await expect(items.first().innerText()).resolves.toContain(text('zh-CN', 'assessment.outcomes.on_time'));
      await expect(items.nth(1).innerText()).resolves.toContain(text('zh-CN', 'assessment.outcomes.late'));
      await screenChecks(page, 'zh-CN', problems);
    } finally {
      await context.close();
    }
  });

  it('preamble: an agent on a phone (375 px) sees only their own record and their items, and can export it (en)', async () => {
    const { context, page, problems } = await newUser(sys.browser, sys.api.baseUrl, { lang: 'en', width: 375 });
    try {
      await signIn(page, 'agent1', { lang: 'en' });
      await visit(page, '/assessment');
      await page.getByRole('heading', { level: 1, name: text('en', 'assessment.title') }).waitFor();
      await choosePeriod(page, 'en');
      await expect(page.getByTestId('assessment-scope').innerText()).resolves.toContain(text('en', 'assessment.scope.self'));
      const rows = page.getByTestId('department-row');
      await expect(rows.count()).resolves.toBe(1);
      await rows.first().getByRole('button').click();
      await expect(page.getByTestId('person-row').count()).resolves.toBe(1);
      await page.getByTestId('person-row').getByRole('button', { name: 'An Li 李安' }).click();
      await page.getByTestId('item-row').first().waitFor();
      await expect(page.getByTestId('item-row').count()).resolves.toBe(2);
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: text('en', 'assessment.exportXlsx'), exact: true }).click();
      expect((await download).suggestedFilename()).toBe('custodian-assessment-2026-11-02-2026-11-15.xlsx');
      await screenChecks(page, 'en', problems);
    } finally {
      await context.close();
    }
  });
});
