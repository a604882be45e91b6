import type { DataSource } from 'typeorm';
import type { ProjectorRegistry } from '../../libs/domain/events/projector.js';
import { createProjectorRegistry } from '../../libs/domain/projectors.js';

export type TableDump = Record<string, unknown[]>;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Every row of each table as JSON, ordered by primary key (by the whole row when a table has none), so
 * two dumps of equal contents are deep-equal whatever order the rows were written in.
 */
export async function dumpTables(ds: Pick<DataSource, 'query'>, tables: string[]): Promise<TableDump> {
  const dump: TableDump = {};
  for (const t of tables) {
    const pk: { col: string }[] = await ds.query(
      `SELECT a.attname AS col
         FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = $1::regclass AND i.indisprimary
        ORDER BY array_position(i.indkey::int2[], a.attnum)`,
      [quote(t)],
    );
    const order = pk.length ? pk.map((c) => `x.${quote(c.col)}`).join(', ') : 'x::text';
    const rows: { row: unknown }[] = await ds.query(`SELECT to_jsonb(x) AS row FROM ${quote(t)} x ORDER BY ${order}`);
    dump[t] = rows.map((r) => r.row);
  }
  return dump;
}

/**
 * Dumps every read model, runs `rebuild` (the CLI, or rebuildProjections directly), dumps again.
 * With the default registry this covers every projector in libs/domain/projectors.ts, so a feature
 * test can end with `expect(after).toEqual(before)` once it has created data through its commands.
 */
export async function dumpAroundRebuild(
  ds: Pick<DataSource, 'query'>,
  rebuild: () => Promise<unknown>,
  registry: ProjectorRegistry = createProjectorRegistry(),
): Promise<{ before: TableDump; after: TableDump }> {
  const tables = registry.tables();
  const before = await dumpTables(ds, tables);
  await rebuild();
  const after = await dumpTables(ds, tables);
  return { before, after };
}
