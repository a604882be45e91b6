import { hotQuery, type Db } from '../db/sql.js';

/** Every list is paged: 1-based page numbers, a bounded page size, and the total for the pager. */
export interface PageRequest {
  page?: number;
  pageSize?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  /** Set (true) when counting stopped at `total`: the list holds more rows than that (countUpTo). */
  totalCapped?: true;
}

export const MAX_PAGE_SIZE = 200;
/** Keeps OFFSET a sane number (a page beyond any real list is simply empty). */
export const MAX_PAGE = 100_000;

export function pageWindow(p: PageRequest): { page: number; pageSize: number; offset: number } {
  const page = Math.min(MAX_PAGE, Math.max(1, Math.floor(p.page ?? 1)));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(p.pageSize ?? 50)));
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/**
 * How many rows past the page's start a list counts before it stops: an inbox of 20,000 open tasks shows
 * "1,000+" rather than visit every row on each poll (the exact count was most of GET /api/tasks' time at
 * 100,000 open tasks: bench inbox-latency).
 */
export const COUNT_LIMIT = 1000;

/**
 * The total for a pager, from the `fromWhere` (each `FROM … WHERE …`, with `params`), counting at most
 * COUNT_LIMIT rows or up to the end of the requested page, whichever is more; beyond that the total is
 * a floor and `totalCapped` says so. The `fromWhere` must be disjoint (no row in two): each is
 * counted up to the limit on its own, and the counts add up. The limit is a parameter, so one text
 * serves every page (a named statement: hotQuery).
 */
export async function countUpTo(db: Db, fromWhere: readonly string[], params: unknown[], window: { offset: number; pageSize: number }): Promise<Pick<Page<unknown>, 'total' | 'totalCapped'>> {
  const limit = Math.max(COUNT_LIMIT, window.offset + window.pageSize);
  const past = `$${params.length + 1}::int`;
  const counts = fromWhere.map((f) => `(SELECT count(*) FROM (SELECT 1 ${f} LIMIT ${past}) x)`);
  const [{ n }] = await hotQuery<{ n: number }>(db, `SELECT (${counts.join(' + ')})::int AS n`, [...params, limit + 1]);
  return n > limit ? { total: limit, totalCapped: true } : { total: n };
}
