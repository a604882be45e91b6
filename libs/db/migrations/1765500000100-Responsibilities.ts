import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The named owners register (EQ-1, EQ-3, INF-9): a read model of responsibility.assigned. */
export class Responsibilities1765500000100 implements MigrationInterface {
  name = 'Responsibilities1765500000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE responsibilities (
        key             text        PRIMARY KEY CHECK (key ~ '^[a-z0-9][a-z0-9-]{2,63}$'),
        kind            text        NOT NULL CHECK (kind IN ('machine_room_fire', 'machine_room_theft', 'fire_equipment_keeper', 'information', 'system')),
        name_en         text        NOT NULL,
        name_zh         text        NOT NULL,
        owner_user_id   uuid        NOT NULL,
        deputy_user_id  uuid        NOT NULL,
        updated_by      text        NOT NULL,
        updated_at      timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX responsibilities_owner_idx ON responsibilities (owner_user_id)`);
    await q.query(`CREATE INDEX responsibilities_deputy_idx ON responsibilities (deputy_user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE responsibilities`);
  }
}
