import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * INF-6: the lending register of machine-room media. Items (disk, CD, USB drive, tape) and their loans:
 * to whom, by whom, due when, for what; the return, the virus check and, for an infected item, what IT
 * did with it. Read models of the media.* events (libs/domain/media), rebuilt from the event log.
 */
export class MediaLending1765810000000 implements MigrationInterface {
  name = 'MediaLending1765810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE media_items (
        id             uuid        PRIMARY KEY,
        label          text        NOT NULL,
        kind           text        NOT NULL CHECK (kind IN ('disk', 'cd', 'usb_drive', 'tape')),
        room           text        NOT NULL,
        state          text        NOT NULL CHECK (state IN ('available', 'lent', 'quarantined', 'destroyed')),
        registered_by  text        NOT NULL,
        registered_at  timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX media_items_label_idx ON media_items (lower(label))`);
    await q.query(`
      CREATE TABLE media_loans (
        id                uuid        PRIMARY KEY,
        item_id           uuid        NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
        borrower_user_id  uuid        NOT NULL,
        lent_by           text        NOT NULL,
        lent_at           timestamptz NOT NULL,
        due_at            timestamptz NOT NULL,
        purpose           text        NOT NULL,
        workflow_id       text        NOT NULL,
        state             text        NOT NULL CHECK (state IN ('out', 'virus_check', 'quarantined', 'closed')),
        overdue_at        timestamptz,
        returned_by       text,
        returned_at       timestamptz,
        return_note       text,
        virus_result      text        CHECK (virus_result IN ('clean', 'infected')),
        virus_checked_by  text,
        virus_checked_at  timestamptz,
        disposition       text        CHECK (disposition IN ('cleaned', 'destroyed', 'withdrawn')),
        disposed_by       text,
        disposed_at       timestamptz,
        disposal_note     text,
        closed_at         timestamptz
      )`);
    // One open loan per item: a second lend of the same item is refused by the database too.
    await q.query(`CREATE UNIQUE INDEX media_loans_open_idx ON media_loans (item_id) WHERE state <> 'closed'`);
    await q.query(`CREATE INDEX media_loans_item_idx ON media_loans (item_id, lent_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE media_loans`);
    await q.query(`DROP TABLE media_items`);
  }
}
