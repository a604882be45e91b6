import type { MigrationInterface, QueryRunner } from 'typeorm';

/** INF-5: outsiders such as job applicants wait in a rest room of their own, away from production. */
export class VisitorRestRoom1765700000100 implements MigrationInterface {
  name = 'VisitorRestRoom1765700000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE visits DROP CONSTRAINT visits_area_check`);
    await q.query(`ALTER TABLE visits ADD CONSTRAINT visits_area_check CHECK (area IN ('general', 'machine_room', 'rest_room'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE visits SET area = 'general' WHERE area = 'rest_room'`);
    await q.query(`ALTER TABLE visits DROP CONSTRAINT visits_area_check`);
    await q.query(`ALTER TABLE visits ADD CONSTRAINT visits_area_check CHECK (area IN ('general', 'machine_room'))`);
  }
}
