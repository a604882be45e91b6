import type { DataSource } from 'typeorm';
import type { ProjectorRegistry } from './projector.js';
import { rowToStored, type StoredRow } from './verify.js';

/**
 * Empties every read model and replays the whole log through the same projection handlers that keep
 * them live, in one transaction (readers see the old or the new state, never half of it).
 */
export async function rebuildProjections(
  ds: DataSource,
  projectors: ProjectorRegistry,
  onProgress?: (done: number, total: number) => void,
  pageSize = 2000,
): Promise<{ events: number }> {
  return ds.transaction(async (m) => {
    const [{ total }] = await m.query(`SELECT count(*)::int AS total FROM event_log`);
    const tables = projectors.tables();
    if (tables.length) await m.query(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
    let after = 0;
    let done = 0;
    for (;;) {
      const rows: StoredRow[] = await m.query(
        `SELECT seq, event_id, subject, type, actor, payload, occurred_at, prev_hash, hash FROM event_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [after, pageSize],
      );
      if (rows.length === 0) break;
      for (const r of rows) await projectors.apply(m, rowToStored(r));
      after = Number(rows[rows.length - 1].seq);
      done += rows.length;
      onProgress?.(done, total);
    }
    return { events: done };
  });
}
