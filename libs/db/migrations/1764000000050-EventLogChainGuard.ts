import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database itself refuses an event that does not extend the chain's tail: seq N must point to the
 * hash of event N-1 (or to the genesis hash for N = 1). With the primary key on seq and UNIQUE(prev_hash)
 * the log is then one gapless line at all times, whatever a buggy or racing writer sends (INF-9).
 * The SHA-256 itself is checked by `audit:verify`: it needs the canonical JSON encoding, kept in one
 * place (libs/domain/events/canonical.ts).
 *
 * A row-level BEFORE trigger sees the rows inserted earlier by the same multi-row INSERT, so a command's
 * batch of events links up row by row.
 */
export class EventLogChainGuard1764000000050 implements MigrationInterface {
  name = 'EventLogChainGuard1764000000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION event_log_require_link() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        expected text;
      BEGIN
        IF NEW.seq = 1 THEN
          expected := repeat('0', 64);
        ELSE
          SELECT hash INTO expected FROM event_log WHERE seq = NEW.seq - 1;
        END IF;
        IF expected IS NULL OR NEW.prev_hash IS DISTINCT FROM expected THEN
          RAISE EXCEPTION 'event_log: event % does not extend the chain (event % missing or prev_hash wrong)', NEW.seq, NEW.seq - 1
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER event_log_extends_chain BEFORE INSERT ON event_log FOR EACH ROW EXECUTE FUNCTION event_log_require_link()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER event_log_extends_chain ON event_log`);
    await q.query(`DROP FUNCTION event_log_require_link()`);
  }
}
