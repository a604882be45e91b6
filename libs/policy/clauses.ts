/**
 * The clause ids of docs/policy.md, in its order. Every event appended to the log says which of them it
 * serves (`clauses`), so an auditor can ask the trail for one rule (`GET /api/audit?clause=…`).
 * A unit test (clauses.spec.ts) checks this list against docs/policy.md, both ways.
 *
 * This is a catalogue, not an enforcement: `npm run policy:matrix` does not count this file as code that
 * cites a clause.
 */
export const CLAUSE_IDS = [
  'EQ-1', 'EQ-2', 'EQ-3', 'EQ-4', 'EQ-5', 'EQ-6', 'EQ-7', 'EQ-8',
  'INF-1', 'INF-2', 'INF-3', 'INF-4', 'INF-5', 'INF-6', 'INF-7', 'INF-8', 'INF-9', 'INF-10', 'INF-11', 'INF-12', 'INF-13',
  'AID-1', 'AID-2',
  'SYS-1', 'SYS-2', 'SYS-3', 'SYS-4', 'SYS-5',
] as const;
export type ClauseId = (typeof CLAUSE_IDS)[number];

export const isClauseId = (v: unknown): v is ClauseId => typeof v === 'string' && (CLAUSE_IDS as readonly string[]).includes(v);

/** Distinct clauses in the policy's order: the one form stored and hashed, so the same set is always the same bytes. */
export function normalizeClauses(clauses: readonly string[]): ClauseId[] {
  for (const c of clauses) if (!isClauseId(c)) throw new Error(`unknown clause id ${JSON.stringify(c)}: docs/policy.md defines ${CLAUSE_IDS.join(', ')}`);
  return CLAUSE_IDS.filter((id) => clauses.includes(id));
}
