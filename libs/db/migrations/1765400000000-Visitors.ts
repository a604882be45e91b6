import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Visitors (INF-1, INF-3, INF-4). Read models of the visitor.* events: the register (visits), the
 * managers designated to escort guests into the machine room (visitor_escorts) and the strangers found
 * there (stranger_incidents). A visit's name and document number are kept only sealed with the visit's
 * own data key; that key, wrapped by the master key, lives in visitor_keys, which is no read model and
 * never an event (a rebuild neither empties nor recreates it), so deleting its row shreds the data.
 */
export class Visitors1765400000000 implements MigrationInterface {
  name = 'Visitors1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE visits (
        id               uuid        PRIMARY KEY,
        name_sealed      text,
        document_type    text        NOT NULL,
        document_masked  text        NOT NULL,
        document_sealed  text,
        organisation     text        NOT NULL CHECK (length(btrim(organisation)) BETWEEN 1 AND 200),
        purpose          text        NOT NULL CHECK (length(btrim(purpose)) BETWEEN 1 AND 500),
        host_user_id     uuid        NOT NULL,
        area             text        NOT NULL CHECK (area IN ('general', 'machine_room')),
        escort_user_id   uuid,
        badge            text        NOT NULL CHECK (length(btrim(badge)) BETWEEN 1 AND 32),
        registered_by    text        NOT NULL,
        checked_in_at    timestamptz NOT NULL,
        checked_out_at   timestamptz,
        checked_out_by   text,
        purged_at        timestamptz,
        -- INF-4: a machine-room visit names its escort; a purged visit keeps no sealed data.
        CHECK (area <> 'machine_room' OR escort_user_id IS NOT NULL),
        CHECK (purged_at IS NULL OR (name_sealed IS NULL AND document_sealed IS NULL)),
        CHECK (checked_out_at IS NULL OR checked_out_at >= checked_in_at)
      )`);
    await q.query(`CREATE INDEX visits_checked_in_idx ON visits (checked_in_at)`);
    await q.query(`CREATE INDEX visits_host_idx ON visits (host_user_id, checked_in_at)`);
    await q.query(`CREATE INDEX visits_inside_idx ON visits (checked_in_at) WHERE checked_out_at IS NULL`);
    // One badge is worn by one person inside at a time.
    await q.query(`CREATE UNIQUE INDEX visits_badge_inside_uq ON visits (badge) WHERE checked_out_at IS NULL`);
    await q.query(`
      CREATE TABLE visitor_escorts (
        user_id        uuid        PRIMARY KEY,
        designated_by  text        NOT NULL,
        designated_at  timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE stranger_incidents (
        id               uuid        PRIMARY KEY,
        found_at         timestamptz NOT NULL,
        escorted_out_at  timestamptz NOT NULL,
        reason           text        NOT NULL,
        recorded_by      text        NOT NULL,
        recorded_at      timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX stranger_incidents_found_idx ON stranger_incidents (found_at)`);
    // Not projected: a secret is never an event. No foreign key into visits, so a rebuild of the read
    // models never touches it.
    await q.query(`
      CREATE TABLE visitor_keys (
        visit_id     uuid        PRIMARY KEY,
        wrapped_key  text        NOT NULL,
        created_at   timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE visitor_keys, stranger_incidents, visitor_escorts, visits`);
  }
}
