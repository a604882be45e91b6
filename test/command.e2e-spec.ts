import { command } from '../libs/domain/command.js';
import type { EventStore } from '../libs/domain/events/event-store.js';
import { DomainError, ErrorCode } from '../libs/policy/errors.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { testEventStore } from './support/events.js';

/** The one command style of libs/domain (command.ts): who acts, idempotency and what a refused write becomes. */
describe('domain commands (INF-9: every change names its actor)', () => {
  let db: TestDatabase;
  let events: EventStore;
  beforeAll(async () => {
    db = await createTestDatabase();
    events = testEventStore(db.dataSource);
    await db.dataSource.query(`CREATE TABLE command_probe (id text PRIMARY KEY)`);
  });
  afterAll(async () => db?.drop());

  const actorsOf = async (subject: string): Promise<string[]> =>
    (await db.dataSource.query(`SELECT actor FROM event_log WHERE subject = $1 ORDER BY seq`, [subject])).map((r: { actor: string }) => r.actor);

  it('takes the actor from the input when the command names it, and a retry under the key emits nothing', async () => {
    const decide = command(async (uow, i: { subject: string; by: string }) => {
      await uow.emit({ subject: i.subject, type: 'test.decided', payload: i, clauses: [] });
      return { by: i.by };
    }, { actor: (i) => i.by });
    await expect(decide(events, { idempotencyKey: 'probe:decide' }, { subject: 'probe:1', by: 'user-7' })).resolves.toEqual({ by: 'user-7' });
    await expect(decide(events, { idempotencyKey: 'probe:decide' }, { subject: 'probe:1', by: 'user-7' })).resolves.toEqual({ by: 'user-7' });
    expect(await actorsOf('probe:1')).toEqual(['user-7']);
  });

  it('takes the actor from the caller otherwise', async () => {
    const note = command(async (uow, i: { subject: string }) => uow.emit({ subject: i.subject, type: 'test.noted', payload: i, clauses: [] }));
    await note(events, { actor: { id: 'user-8' } }, { subject: 'probe:2' });
    expect(await actorsOf('probe:2')).toEqual(['user-8']);
  });

  it('answers a unique violation as a conflict, or passes it through unchanged for an activity to retry', async () => {
    const insert = (id: string) => async (uow: Parameters<Parameters<typeof command>[0]>[0]) => {
      await uow.manager.query(`INSERT INTO command_probe (id) VALUES ($1)`, [id]);
    };
    const translated = command(insert('dup'));
    const raw = command(insert('dup'), { translateErrors: false });
    await translated(events, { actor: { id: 'user-9' } }, undefined);
    const conflict = await translated(events, { actor: { id: 'user-9' } }, undefined).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(DomainError);
    expect((conflict as DomainError).code).toBe(ErrorCode.Conflict);
    const passed = await raw(events, { actor: { id: 'user-9' } }, undefined).catch((e: unknown) => e);
    expect(passed).not.toBeInstanceOf(DomainError);
    expect((passed as { driverError?: { code?: string } }).driverError?.code).toBe('23505');
  });
});
