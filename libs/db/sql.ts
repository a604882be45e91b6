import type { DataSource, EntityManager } from 'typeorm';

/**
 * A tiny builder for parameterised WHERE clauses: read-model queries add conditions as they go and never
 * splice values into SQL text.
 */
export class Where {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  /** A placeholder for a value ($n). */
  p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  and(condition: string): this {
    this.parts.push(`(${condition})`);
    return this;
  }

  toString(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/** The data source, or the entity manager of a transaction: what every query and command takes. */
export type Db = DataSource | EntityManager;

/** Anything that runs SQL (a Db, or a bare client). */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<any>;
}

/**
 * A read-model table as the code sees it: its name and its columns under their TypeScript names
 * (`nameEn` is the column `name_en`). Names come from this code, never from input; the helpers below
 * refuse a key that is not a listed column, so a stray field of a payload cannot name a column.
 */
export interface TableSpec<Row> {
  name: string;
  columns: readonly (keyof Row & string)[];
}

export const table = <Row>(name: string, columns: readonly (keyof Row & string)[]): TableSpec<Row> => ({ name, columns });

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function columnOf<Row>(t: TableSpec<Row>, key: string): string {
  if (!(t.columns as readonly string[]).includes(key)) throw new Error(`${t.name} has no column ${key}`);
  return snake(key);
}

/** `name_en AS "nameEn", …` for every column of the table (optionally of an alias: `d.name_en`). */
export const selectColumns = <Row>(t: TableSpec<Row>, alias?: string): string => t.columns.map((c) => `${alias ? `${alias}.` : ''}${snake(c)} AS "${c}"`).join(', ');

/** One row by its key columns, optionally locked for the rest of the transaction (FOR UPDATE). */
export async function findRow<Row>(db: Queryable, t: TableSpec<Row>, where: Partial<Row>, forUpdate = false): Promise<Row | null> {
  const w = new Where();
  for (const [k, v] of Object.entries(where)) w.and(`${columnOf(t, k)} = ${w.p(v)}`);
  const [row] = await db.query(`SELECT ${selectColumns(t)} FROM ${t.name} ${w} LIMIT 1${forUpdate ? ' FOR UPDATE' : ''}`, w.params);
  return (row as Row | undefined) ?? null;
}

export async function insertRows<Row>(db: Queryable, t: TableSpec<Row>, rows: Partial<Row>[]): Promise<void> {
  if (!rows.length) return;
  const keys = Object.keys(rows[0]);
  const params: unknown[] = [];
  const values = rows.map((r) => `(${keys.map((k) => `$${params.push((r as Record<string, unknown>)[k])}`).join(', ')})`);
  await db.query(`INSERT INTO ${t.name} (${keys.map((k) => columnOf(t, k)).join(', ')}) VALUES ${values.join(', ')}`, params);
}

/** Sets the given columns (a key whose value is undefined is left as it is) on the rows matching `where`. */
export async function updateRows<Row>(db: Queryable, t: TableSpec<Row>, where: Partial<Row>, changes: Partial<Row>): Promise<void> {
  const w = new Where();
  const sets = Object.entries(changes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${columnOf(t, k)} = ${w.p(v)}`);
  if (!sets.length) return;
  const setSql = sets.join(', ');
  for (const [k, v] of Object.entries(where)) w.and(`${columnOf(t, k)} = ${w.p(v)}`);
  await db.query(`UPDATE ${t.name} SET ${setSql} ${w}`, w.params);
}
