import type { Browser } from 'playwright-core';
import { startProcessStack, until, type ProcessStack } from '../support/process-stack.js';
import { buildWebApp, launchBrowser, newUser, signIn, text, visit, screenProblems } from './support.js';

/*
 * The media lending register in the browser (INF-6), on the whole system: the API, a worker with the real
 * activities and a mediaLoanWorkflow per loan on the dev server. A machine-room manager registers and
 * lends a disk and records it back on a phone-sized screen in Chinese; IT finds it waiting for the virus
 * check, finds it infected, sees it quarantined and records it destroyed, in English; the loan then waits
 * for security's review of the quarantine (INF-6) before it closes.
 */
describe('browser: machine-room media', () => {
  let s: ProcessStack;
  let browser: Browser;
  beforeAll(async () => {
    await buildWebApp();
    s = await startProcessStack();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  const inTwoDays = () => new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 16);

  it('INF-6: the machine-room manager registers a disk, lends it to an agent and records it back at 375 px; labelled, translated and accessible (zh-CN)', async () => {
    const { context, page, problems } = await newUser(browser, s.api.baseUrl, { lang: 'zh-CN', width: 375 });
    try {
      await signIn(page, 'site', { lang: 'zh-CN' });
      await page.getByRole('navigation', { name: text('zh-CN', 'nav.label') }).getByRole('link', { name: text('zh-CN', 'nav.media'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: text('zh-CN', 'media.title') }).waitFor();

      await page.getByLabel(text('zh-CN', 'media.label'), { exact: true }).fill('MR-DISK-05');
      await page.getByLabel(text('zh-CN', 'media.kind'), { exact: true }).selectOption('disk');
      await page.getByLabel(text('zh-CN', 'media.room'), { exact: true }).fill('一号机房');
      await page.getByRole('button', { name: text('zh-CN', 'media.registerSubmit') }).click();
      const item = page.getByTestId('media-item').filter({ hasText: 'MR-DISK-05' });
      await item.filter({ hasText: text('zh-CN', 'media.itemStates.available') }).waitFor();

      await page.getByRole('button', { name: text('zh-CN', 'media.lendItem', { label: 'MR-DISK-05' }) }).click();
      await page.getByLabel(text('zh-CN', 'media.borrower'), { exact: true }).fill('agent1');
      await page.getByLabel(text('zh-CN', 'media.dueAt'), { exact: true }).fill(inTwoDays());
      await page.getByLabel(text('zh-CN', 'media.purpose'), { exact: true }).fill('安装外呼系统更新');
      await page.getByRole('button', { name: text('zh-CN', 'media.lendSubmit'), exact: true }).click();
      await item.filter({ hasText: text('zh-CN', 'media.itemStates.lent') }).waitFor();
      const loan = page.getByTestId('media-loan').filter({ hasText: 'MR-DISK-05' });
      await loan.filter({ hasText: text('zh-CN', 'media.loanStates.out') }).waitFor();
      expect(await loan.innerText()).toContain('安装外呼系统更新');

      expect(await screenProblems(page, 'zh-CN')).toEqual({});

      await loan.getByRole('button', { name: text('zh-CN', 'media.recordReturn') }).click();
      await loan.filter({ hasText: text('zh-CN', 'media.loanStates.virus_check') }).waitFor();
      // The virus check is IT's: the machine-room manager is not offered it.
      await expect(loan.getByRole('button', { name: text('zh-CN', 'media.markClean') }).count()).resolves.toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('INF-6: IT finds a returned disk waiting for its virus check, finds it infected, sees it quarantined (the loan open), records it destroyed and sees the loan wait for security (en)', async () => {
    const site = await s.as('site');
    const itemId = (await site('POST', '/api/media', { label: 'MR-CD-11', kind: 'cd', room: 'Machine room 2' })).body.itemId;
    const { loanId } = (await site('POST', `/api/media/${itemId}/loans`, { borrowerUsername: 'agent2', dueAt: new Date(Date.now() + 86_400_000).toISOString(), purpose: 'Training recordings' })).body;
    expect((await site('POST', `/api/media/loans/${loanId}/return`, {})).status).toBe(200);
    await until(async () => ((await site('GET', `/api/media/loans/${loanId}`)).body.openTask?.step === 'virus_check' ? true : null), 'virus check task');

    const { context, page, problems } = await newUser(browser, s.api.baseUrl, { lang: 'en' });
    try {
      await signIn(page, 'it', { lang: 'en' });
      await visit(page, '/media');
      await page.getByRole('heading', { level: 1, name: text('en', 'media.title') }).waitFor();
      const loan = page.getByTestId('media-loan').filter({ hasText: 'MR-CD-11' });
      await loan.getByRole('button', { name: text('en', 'media.markInfected') }).click();
      await loan.filter({ hasText: text('en', 'media.quarantinedNotice') }).waitFor();
      await loan.getByLabel(text('en', 'media.disposal'), { exact: true }).waitFor();
      expect(await loan.getByTestId('media-virus-result').innerText()).toContain(text('en', 'media.outcomes.infected'));
      await expect(page.getByTestId('media-item').filter({ hasText: 'MR-CD-11' }).innerText()).resolves.toContain(text('en', 'media.itemStates.quarantined'));

      expect(await screenProblems(page, 'en')).toEqual({});

      await loan.getByLabel(text('en', 'media.disposal'), { exact: true }).selectOption('destroyed');
      await loan.getByLabel(text('en', 'media.note'), { exact: true }).fill('shredded');
      await loan.getByRole('button', { name: text('en', 'media.recordDisposal') }).click();
      // IT is done; security's own review still holds the loan open (decided in security's inbox).
      await loan.filter({ hasText: text('en', 'media.reviewPending') }).waitFor();
      expect(await screenProblems(page, 'en')).toEqual({});
      const security = await s.as('security');
      const review = await until(async () => (await security('GET', '/api/tasks?myRoles=true&kind=quarantine_review')).body.items.find((t: { processId: string }) => t.processId === loanId), 'security review');
      expect((await security('POST', `/api/tasks/${review.id}/complete`, { outcome: 'done', data: { heldAt: 'Security office safe' } })).status).toBe(200);
      await until(async () => ((await site('GET', `/api/media/loans/${loanId}`)).body.state === 'closed' ? true : null), 'loan closed');
      await page.reload();
      await loan.filter({ hasText: text('en', 'media.loanStates.closed') }).waitFor();
      await page.getByTestId('media-item').filter({ hasText: 'MR-CD-11' }).filter({ hasText: text('en', 'media.itemStates.destroyed') }).waitFor();
      expect(await loan.innerText()).toContain('shredded');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
