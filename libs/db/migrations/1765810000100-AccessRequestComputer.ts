import type { MigrationInterface, QueryRunner } from 'typeorm';

/** INF-6: a USB unlock or Internet request may name the machine-room computer it is for; the inventory shows the grant on it. */
export class AccessRequestComputer1765810000100 implements MigrationInterface {
  name = 'AccessRequestComputer1765810000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE access_requests ADD COLUMN computer_tag text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE access_requests DROP COLUMN computer_tag`);
  }
}
