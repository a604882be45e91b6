import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The metrics' overdue duties (libs/read-models/operations-metrics.ts) are read at every scrape: a
 * partial index over the occurrences still open keeps that read to the few rows in flight, however many
 * days of history the table holds.
 */
export class DutyOccurrencesOpenIndex1765200000000 implements MigrationInterface {
  name = 'DutyOccurrencesOpenIndex1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX duty_occurrences_open_due_idx ON duty_occurrences (due_at) WHERE state IN ('open', 'late')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX duty_occurrences_open_due_idx`);
  }
}
