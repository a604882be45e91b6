import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a grant ended early, as the person who ended it said (an early revoke's reason, the emergency
 * cut-off's reason): shown in the request's timeline next to their name. Projected from grant.ended.
 */
export class GrantEndComment1764500000000 implements MigrationInterface {
  name = 'GrantEndComment1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE grants ADD COLUMN end_comment text`);
    // Grants ended before this column existed: their reason is in the log (rebuilding gives the same).
    await q.query(`
      UPDATE grants g SET end_comment = e.payload->>'comment'
        FROM event_log e
       WHERE e.type = 'grant.ended' AND e.payload->>'grantId' = g.id::text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE grants DROP COLUMN end_comment`);
  }
}
