import type { DataSource } from 'typeorm';
import type { Projector } from '../../libs/domain/events/projector.js';

/**
 * A tiny read model owned by tests: counters and, as a child table, the history of their increments.
 * Increments are not idempotent, so a replay that applies an event twice or misses one shows.
 */
export const counterProjector: Projector = {
  name: 'test-counters',
  tables: ['test_counter_steps', 'test_counters'], // children first
  handlers: {
    'test_counter.created': async (m, e) => {
      await m.query(`INSERT INTO test_counters (id, name, value, updated_at, updated_by) VALUES ($1, $2, 0, $3, $4)`, [e.payload.id, e.payload.name, e.occurredAt, e.actor]);
    },
    'test_counter.incremented': async (m, e) => {
      const [[row]] = await m.query(`UPDATE test_counters SET value = value + $2, updated_at = $3, updated_by = $4 WHERE id = $1 RETURNING value`, [e.payload.id, e.payload.by, e.occurredAt, e.actor]);
      await m.query(`INSERT INTO test_counter_steps (counter_id, value_after, event_id, at) VALUES ($1, $2, $3, $4)`, [e.payload.id, row.value, e.eventId, e.occurredAt]);
    },
    'test_counter.renamed': async (m, e) => {
      await m.query(`UPDATE test_counters SET name = $2, updated_at = $3, updated_by = $4 WHERE id = $1`, [e.payload.id, e.payload.name, e.occurredAt, e.actor]);
    },
    'test_counter.deleted': async (m, e) => {
      await m.query(`DELETE FROM test_counter_steps WHERE counter_id = $1`, [e.payload.id]);
      await m.query(`DELETE FROM test_counters WHERE id = $1`, [e.payload.id]);
    },
  },
};

export async function createCounterTables(ds: DataSource): Promise<void> {
  await ds.query(`CREATE TABLE test_counters (id uuid PRIMARY KEY, name text NOT NULL, value int NOT NULL, updated_at timestamptz NOT NULL, updated_by text NOT NULL)`);
  await ds.query(
    `CREATE TABLE test_counter_steps (counter_id uuid NOT NULL REFERENCES test_counters (id), value_after int NOT NULL, event_id uuid NOT NULL, at timestamptz NOT NULL, PRIMARY KEY (counter_id, value_after, event_id))`,
  );
}
