import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The machine-room computer inventory (INF-6): computers and the latest result of each lock check. */
export class Computers1765500000400 implements MigrationInterface {
  name = 'Computers1765500000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE computers (
        tag               text        PRIMARY KEY CHECK (tag ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'),
        room              text        NOT NULL,
        assigned_user_id  uuid,
        updated_by        text        NOT NULL,
        updated_at        timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE computer_checks (
        tag         text        NOT NULL REFERENCES computers (tag) ON DELETE CASCADE,
        check_kind  text        NOT NULL CHECK (check_kind IN ('usb_blocked', 'internet_blocked', 'bios_password_set')),
        ok          boolean     NOT NULL,
        note        text,
        checked_by  text        NOT NULL,
        checked_at  timestamptz NOT NULL,
        PRIMARY KEY (tag, check_kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE computer_checks`);
    await q.query(`DROP TABLE computers`);
  }
}
