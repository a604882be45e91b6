import type { TFunction } from 'i18next';
import type { AuditFilter } from '../api/types.js';
import { tk } from './index.js';

/**
 * The clause ids of docs/policy.md with the catalog key of each one's short title, in the policy's order
 * (the ids are the API's, through the generated types: a clause missing here is a type error). A
 * catalogue for the audit page's filter and chips, not an enforcement: `npm run policy:matrix` skips it.
 */
export const CLAUSES = {
  'EQ-1': tk('clause.EQ-1'),
  'EQ-2': tk('clause.EQ-2'),
  'EQ-3': tk('clause.EQ-3'),
  'EQ-4': tk('clause.EQ-4'),
  'EQ-5': tk('clause.EQ-5'),
  'EQ-6': tk('clause.EQ-6'),
  'EQ-7': tk('clause.EQ-7'),
  'EQ-8': tk('clause.EQ-8'),
  'INF-1': tk('clause.INF-1'),
  'INF-2': tk('clause.INF-2'),
  'INF-3': tk('clause.INF-3'),
  'INF-4': tk('clause.INF-4'),
  'INF-5': tk('clause.INF-5'),
  'INF-6': tk('clause.INF-6'),
  'INF-7': tk('clause.INF-7'),
  'INF-8': tk('clause.INF-8'),
  'INF-9': tk('clause.INF-9'),
  'INF-10': tk('clause.INF-10'),
  'INF-11': tk('clause.INF-11'),
  'INF-12': tk('clause.INF-12'),
  'INF-13': tk('clause.INF-13'),
  'AID-1': tk('clause.AID-1'),
  'AID-2': tk('clause.AID-2'),
  'SYS-1': tk('clause.SYS-1'),
  'SYS-2': tk('clause.SYS-2'),
  'SYS-3': tk('clause.SYS-3'),
  'SYS-4': tk('clause.SYS-4'),
  'SYS-5': tk('clause.SYS-5'),
} as const satisfies Record<NonNullable<AuditFilter['clause']>, string>;
export type ClauseId = keyof typeof CLAUSES;
export const CLAUSE_IDS = Object.keys(CLAUSES) as ClauseId[];

/** The short title of a clause; an id this build does not know is shown as itself. */
export const clauseTitle = (t: TFunction, id: string): string => (id in CLAUSES ? t(CLAUSES[id as ClauseId]) : id);
