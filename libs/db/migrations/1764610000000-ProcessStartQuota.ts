import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who started which process when, for the per-user quotas on starting processes (QUOTA_* settings):
 * each start is a workflow that lives for days, so a burst of them is a cheap way to flood approvers'
 * inboxes and the workers. Kept in PostgreSQL so every API replica counts the same starts. Not domain
 * state (the event log records the processes themselves): rows older than a quota's window are pruned.
 * A start with an Idempotency-Key is one row however often it is sent (the unique index).
 */
export class ProcessStartQuota1764610000000 implements MigrationInterface {
  name = 'ProcessStartQuota1764610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE process_starts (
        id               bigserial   PRIMARY KEY,
        user_id          text        NOT NULL,
        kind             text        NOT NULL,
        idempotency_key  text,
        started_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX process_starts_window_idx ON process_starts (user_id, kind, started_at)`);
    await q.query(`CREATE UNIQUE INDEX process_starts_key_idx ON process_starts (user_id, kind, idempotency_key) WHERE idempotency_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE process_starts`);
  }
}
