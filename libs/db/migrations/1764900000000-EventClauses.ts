import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every event says which clauses of docs/policy.md it serves (`clauses`, text[]), so the audit trail can
 * be read rule by rule (`GET /api/audit?clause=…`, a GIN index for `clauses @> ARRAY[…]`).
 *
 * The log is append-only and hash-chained, so existing rows are not touched: their column stays NULL
 * ("written before events named their clauses") and they verify exactly as before, because the hash
 * leaves out `clauses` when it is NULL (libs/domain/events/canonical.ts). Adding a column without a
 * default rewrites no row and fires no row trigger. New rows must carry the list (an empty one for an
 * event that serves no clause): a trigger refuses a NULL, and their hash covers the list, so it cannot
 * be altered or removed afterwards without `audit:verify` naming the row.
 */
export class EventClauses1764900000000 implements MigrationInterface {
  name = 'EventClauses1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE event_log ADD COLUMN clauses text[]`);
    await q.query(`CREATE INDEX event_log_clauses_idx ON event_log USING gin (clauses)`);
    await q.query(`
      CREATE FUNCTION event_log_require_clauses() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.clauses IS NULL THEN
          RAISE EXCEPTION 'event_log: event % names no clauses (an empty list if it serves none)', NEW.seq
            USING ERRCODE = 'not_null_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER event_log_names_clauses BEFORE INSERT ON event_log FOR EACH ROW EXECUTE FUNCTION event_log_require_clauses()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER event_log_names_clauses ON event_log`);
    await q.query(`DROP FUNCTION event_log_require_clauses()`);
    await q.query(`DROP INDEX event_log_clauses_idx`);
    // ALTER TABLE … DROP COLUMN rewrites no row, so the append-only triggers do not refuse it.
    await q.query(`ALTER TABLE event_log DROP COLUMN clauses`);
  }
}
