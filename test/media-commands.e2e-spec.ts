import { randomUUID } from 'node:crypto';
import { rebuildProjections } from '../libs/domain/events/rebuild.js';
import type { EventStore } from '../libs/domain/events/event-store.js';
import { lendMedia, recordLoanOverdue, recordMediaDisposal, recordMediaReturned, recordMediaVirusCheck, registerMediaItem, withdrawLoan } from '../libs/domain/media/commands.js';
import { createProjectorRegistry } from '../libs/domain/projectors.js';
import { mediaLoanWorkflowId } from '../libs/policy/media.js';
import { findMediaLoan, mediaItems } from '../libs/read-models/media.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { userWith } from './support/directory.js';
import { testEventStore } from './support/events.js';
import { dumpAroundRebuild } from './support/read-models.js';

/*
 * The lending register's commands against the real PostgreSQL (INF-6): the steps the loan's workflow
 * records are idempotent by their key and by the loan's state (a retried activity emits one event), and
 * the media read models rebuilt from the log equal the live ones (INF-9).
 */
let db: TestDatabase;
let store: EventStore;
let site: string;
let borrower: string;
beforeAll(async () => {
  db = await createTestDatabase();
  store = testEventStore(db.dataSource, { projectors: createProjectorRegistry().projectors });
  site = await userWith(store, 'site9', ['site_manager']);
  borrower = await userWith(store, 'agent9', ['employee']);
});
afterAll(async () => db?.drop());

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const typesOf = async (loanId: string): Promise<string[]> =>
  (await db.dataSource.query(`SELECT type FROM event_log WHERE subject = $1 ORDER BY seq`, [`media-loan:${loanId}`])).map((r: { type: string }) => r.type);

async function lent(label: string) {
  const { itemId } = await registerMediaItem(store, { actor: { id: site } }, { itemId: randomUUID(), label, kind: 'disk', room: 'Machine room 1' });
  const loanId = randomUUID();
  await lendMedia(store, { actor: { id: site } }, { loanId, itemId, borrowerUserId: borrower, dueAt: inHours(24), purpose: 'restore test', workflowId: mediaLoanWorkflowId(loanId) });
  return { itemId, loanId };
}

describe('media lending commands', () => {
  it('INF-6: each workflow step is recorded once however often it is retried, and only from the state it follows', async () => {
    const { itemId, loanId } = await lent('MR-DISK-91');
    // Checked before it is back: nothing recorded (the workflow never asks, a stray retry must not either).
    await recordMediaVirusCheck(store, { idempotencyKey: `${loanId}:early` }, { loanId, by: 'it1', result: 'clean' });
    for (let i = 0; i < 2; i++) await recordLoanOverdue(store, { idempotencyKey: `${loanId}:overdue:${i}` }, { loanId, dueAt: inHours(24) });
    for (let i = 0; i < 2; i++) await recordMediaReturned(store, { idempotencyKey: `${loanId}:returned` }, { loanId, by: site, note: null });
    await recordMediaReturned(store, { idempotencyKey: `${loanId}:returned:again` }, { loanId, by: site, note: 'second' });
    for (let i = 0; i < 2; i++) await recordMediaVirusCheck(store, { idempotencyKey: `${loanId}:check:${i}` }, { loanId, by: 'it1', result: 'infected' });
    for (let i = 0; i < 2; i++) await recordMediaDisposal(store, { idempotencyKey: `${loanId}:disposal:${i}` }, { loanId, by: 'it1', disposition: 'cleaned', note: null });
    expect(await typesOf(loanId)).toEqual(['media.lent', 'media.loan_overdue', 'media.returned', 'media.virus_checked', 'media.disposed']);
    expect(await findMediaLoan(db.dataSource, loanId)).toMatchObject({ state: 'closed', virusResult: 'infected', disposition: 'cleaned', returnNote: null, overdueFlaggedAt: expect.any(String) });
    expect((await mediaItems(db.dataSource)).find((i) => i.itemId === itemId)).toMatchObject({ state: 'available', openLoanId: null });
  });

  it('INF-6: a loan whose workflow could not start is withdrawn and the item can be lent again', async () => {
    const { itemId, loanId } = await lent('MR-DISK-92');
    await withdrawLoan(store, { actor: { id: site } }, { loanId, itemId, reason: 'the loan could not be started; lend it again' });
    expect(await findMediaLoan(db.dataSource, loanId)).toMatchObject({ state: 'closed', disposition: 'withdrawn' });
    const again = randomUUID();
    await expect(lendMedia(store, { actor: { id: site } }, { loanId: again, itemId, borrowerUserId: borrower, dueAt: inHours(24), purpose: 'x', workflowId: mediaLoanWorkflowId(again) })).resolves.toMatchObject({ loanId: again });
  });

  it('INF-9: the media read models rebuilt from the log equal the live ones', async () => {
    const { loanId } = await lent('MR-DISK-93');
    await recordMediaReturned(store, { idempotencyKey: `${loanId}:r` }, { loanId, by: site, note: 'ok' });
    await recordMediaVirusCheck(store, { idempotencyKey: `${loanId}:c` }, { loanId, by: 'it1', result: 'infected' });
    await recordMediaDisposal(store, { idempotencyKey: `${loanId}:d` }, { loanId, by: 'it1', disposition: 'destroyed', note: 'shredded' });
    const registry = createProjectorRegistry();
    const { before, after } = await dumpAroundRebuild(db.dataSource, () => rebuildProjections(db.dataSource, registry), registry);
    expect(before.media_loans).toContainEqual(expect.objectContaining({ id: loanId, state: 'closed', disposition: 'destroyed', disposal_note: 'shredded' }));
    expect(after).toEqual(before);
  });
});
