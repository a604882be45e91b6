import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The call center's working-day calendar (libs/policy/calendar.ts): the dates it marks differently from
 * the Monday-to-Friday week, a public holiday or a make-up working day (调休). A read model of the events
 * calendar.day_set / calendar.day_cleared; an unmarked date has no row.
 */
export class CalendarDays1765000000000 implements MigrationInterface {
  name = 'CalendarDays1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_days (
        day         date        PRIMARY KEY,
        kind        text        NOT NULL CHECK (kind IN ('holiday', 'workday')),
        name_en     text        NOT NULL CHECK (length(btrim(name_en)) BETWEEN 1 AND 100),
        name_zh     text        NOT NULL CHECK (length(btrim(name_zh)) BETWEEN 1 AND 100),
        updated_at  timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_days`);
  }
}
