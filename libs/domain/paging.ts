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
}

export const MAX_PAGE_SIZE = 200;
/** Keeps OFFSET a sane number (a page beyond any real list is simply empty). */
export const MAX_PAGE = 100_000;

export function pageWindow(p: PageRequest): { page: number; pageSize: number; offset: number } {
  const page = Math.min(MAX_PAGE, Math.max(1, Math.floor(p.page ?? 1)));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(p.pageSize ?? 50)));
  return { page, pageSize, offset: (page - 1) * pageSize };
}
