import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only domain event log (INF-9: everything traceable to a named person).
 * The database itself refuses UPDATE, DELETE and TRUNCATE; UNIQUE(prev_hash) makes a fork of the
 * hash chain impossible even if two writers raced past the application's lock.
 */
export class EventLog1764000000000 implements MigrationInterface {
  name = 'EventLog1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_log (
        seq          bigint      PRIMARY KEY CHECK (seq > 0),
        event_id     uuid        NOT NULL UNIQUE,
        subject      text        NOT NULL,
        type         text        NOT NULL,
        actor        text        NOT NULL,
        payload      jsonb       NOT NULL,
        occurred_at  timestamptz NOT NULL,
        prev_hash    char(64)    NOT NULL UNIQUE,
        hash         char(64)    NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX event_log_subject_idx ON event_log (subject, seq)`);
    await q.query(`CREATE INDEX event_log_actor_idx ON event_log (actor, seq)`);
    await q.query(`CREATE INDEX event_log_type_idx ON event_log (type, seq)`);
    await q.query(`CREATE INDEX event_log_time_idx ON event_log (occurred_at, seq)`);
    await q.query(`
      CREATE FUNCTION event_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'event_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER event_log_no_update_delete BEFORE UPDATE OR DELETE ON event_log FOR EACH ROW EXECUTE FUNCTION event_log_refuse_change()`);
    await q.query(`CREATE TRIGGER event_log_no_truncate BEFORE TRUNCATE ON event_log FOR EACH STATEMENT EXECUTE FUNCTION event_log_refuse_change()`);
    // Results of idempotent commands: a retried activity gets the first answer instead of acting twice.
    await q.query(`
      CREATE TABLE command_results (
        key         text        PRIMARY KEY,
        result      jsonb,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE command_results`);
    await q.query(`DROP TABLE event_log`);
    await q.query(`DROP FUNCTION event_log_refuse_change()`);
  }
}
