import type { DataSource, EntityManager } from 'typeorm';
import { EVENT_LOG_TAIL_LOCK, PROJECTION_GATE_LOCK } from './event-store.js';
import type { ProjectorRegistry } from './projector.js';
import { lastEventSeq, rowToStored, STORED_COLUMNS, type StoredRow } from './verify.js';

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface OutsideReference {
  constraint: string;
  fromTable: string;
  toTable: string;
  deferrable: boolean;
  onDelete: string;
}

/**
 * Foreign keys from tables that are NOT read models (secrets such as password hashes, which are not
 * events) into read-model tables. TRUNCATE ... CASCADE would silently empty those tables, so a
 * rebuild never cascades; it deletes and re-inserts instead, which keeps such rows only if their
 * foreign key is DEFERRABLE with ON DELETE NO ACTION (checked at commit, when the rows are back).
 */
async function outsideReferences(m: EntityManager, tables: string[]): Promise<OutsideReference[]> {
  return m.query(
    `SELECT c.conname AS constraint, src.relname AS "fromTable", dst.relname AS "toTable",
            c.condeferrable AS deferrable, c.confdeltype AS "onDelete"
       FROM pg_constraint c
       JOIN pg_class src ON src.oid = c.conrelid
       JOIN pg_class dst ON dst.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = dst.relnamespace AND n.nspname = current_schema()
      WHERE c.contype = 'f' AND dst.relname = ANY($1) AND NOT (src.relname = ANY($1))`,
    [tables],
  );
}

async function emptyReadModels(m: EntityManager, tables: string[]): Promise<void> {
  const outside = await outsideReferences(m, tables);
  const unsafe = outside.filter((r) => !r.deferrable || r.onDelete !== 'a');
  if (unsafe.length) {
    throw new Error(
      `rebuild would lose or be blocked by rows outside the read models: ${unsafe
        .map((r) => `${r.fromTable} (${r.constraint} -> ${r.toTable})`)
        .join(', ')}. Declare these foreign keys DEFERRABLE with ON DELETE NO ACTION, or list the tables in a projector.`,
    );
  }
  if (outside.length === 0) {
    // No CASCADE: PostgreSQL refuses instead of emptying a table nobody listed.
    await m.query(`TRUNCATE ${tables.map(quoteIdent).join(', ')} RESTART IDENTITY`);
    return;
  }
  await m.query('SET CONSTRAINTS ALL DEFERRED');
  for (const t of await referencingFirst(m, tables)) await m.query(`DELETE FROM ${quoteIdent(t)}`);
}

/**
 * The tables ordered so that a table is emptied before every table it references: projectors are listed
 * independently (agent IDs after the directory they point into), so their concatenated lists are not.
 */
async function referencingFirst(m: EntityManager, tables: string[]): Promise<string[]> {
  const edges: { child: string; parent: string }[] = await m.query(
    `SELECT DISTINCT src.relname AS child, dst.relname AS parent
       FROM pg_constraint c
       JOIN pg_class src ON src.oid = c.conrelid
       JOIN pg_class dst ON dst.oid = c.confrelid
      WHERE c.contype = 'f' AND src.oid <> dst.oid AND src.relname = ANY($1) AND dst.relname = ANY($1)`,
    [tables],
  );
  const ordered: string[] = [];
  let left = [...tables];
  while (left.length) {
    // Next: the tables no remaining table references. A cycle falls back to the listed order, which
    // the deferred constraints may still accept.
    const free = left.filter((t) => !edges.some((e) => e.parent === t && left.includes(e.child)));
    const next = free.length ? free : left;
    ordered.push(...next);
    left = left.filter((t) => !next.includes(t));
  }
  return ordered;
}

/**
 * Empties every read model and replays the whole log through the same projection handlers that keep
 * them live, in one transaction (readers see the old or the new state, never half of it).
 *
 * Writers are kept out for its duration, so no event can be appended that the replay might miss or
 * apply twice: it takes the projection gate exclusively (waiting for the commands under way, which
 * hold it shared) and then the chain's tail lock (for appends outside EventStore.execute, such as bulk
 * seeding). Run it in a quiet moment: every command waits until it commits.
 */
export async function rebuildProjections(
  ds: DataSource,
  projectors: ProjectorRegistry,
  onProgress?: (done: number, total: number) => void,
  pageSize = 2000,
): Promise<{ events: number; tables: string[] }> {
  return ds.transaction(async (m) => {
    const tables = projectors.tables();
    await m.query('SELECT pg_advisory_xact_lock($1)', [PROJECTION_GATE_LOCK]);
    await m.query('SELECT pg_advisory_xact_lock($1)', [EVENT_LOG_TAIL_LOCK]);
    const total = await lastEventSeq(m);
    if (tables.length) await emptyReadModels(m, tables);
    let after = 0;
    for (;;) {
      const rows: StoredRow[] = await m.query(`SELECT ${STORED_COLUMNS} FROM event_log WHERE seq > $1 ORDER BY seq LIMIT $2`, [after, pageSize]);
      if (rows.length === 0) break;
      for (const r of rows) await projectors.apply(m, rowToStored(r));
      after = Number(rows[rows.length - 1].seq);
      onProgress?.(after, total);
    }
    return { events: after, tables };
  });
}
