import type { DataSource, EntityManager } from 'typeorm';
import { createHash } from 'node:crypto';

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

/** How many statement texts get a name of their own; a text first seen after that many runs unnamed. */
const NAMED_STATEMENTS_MAX = 200;
const statementNames = new Map<string, string>();

/** The pool behind a data source whose settings allow named statements (DbSettings.namedStatements), else null. */
function namedStatementPool(db: Db): { query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> } | null {
  if (!('driver' in db) || (db.options as { extra?: { namedStatements?: boolean } }).extra?.namedStatements !== true) return null;
  return (db.driver as unknown as { master?: ReturnType<typeof namedStatementPool> }).master ?? null;
}

/**
 * A read on the hot path (the session check behind every request, the inbox page and its count) as a
 * named statement: PostgreSQL parses and plans it once per connection instead of on every call, which
 * was 0.2–0.3 ms of each of the three statements behind GET /api/tasks. Outside a transaction only (on a
 * transaction's manager it runs as any other query). The text must be fixed, values always parameters
 * (a text per value would prepare without end: past NAMED_STATEMENTS_MAX texts they run unnamed), and
 * name its columns: a prepared `*` fails once a migration adds a column ("cached plan must not change
 * result type"). With DATABASE_NAMED_STATEMENTS=off every query is sent unnamed.
 */
export async function hotQuery<Row>(db: Db, sql: string, params: unknown[]): Promise<Row[]> {
  const pool = namedStatementPool(db);
  let name = statementNames.get(sql);
  if (pool && !name && statementNames.size < NAMED_STATEMENTS_MAX) {
    name = `custodian_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
    statementNames.set(sql, name);
  }
  if (!pool || !name) return db.query(sql, params);
  return (await pool.query({ name, text: sql, values: params })).rows as Row[];
}
