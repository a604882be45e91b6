import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../temporal/binaries.js';
import { CLAUSE_IDS, isClauseId, normalizeClauses } from './clauses.js';

const policy = readFileSync(join(projectRoot, 'docs/policy.md'), 'utf8');
const defined = [...policy.matchAll(/^- \*\*((?:EQ|INF|AID|SYS)-\d+)\*\*/gm)].map((m) => m[1]!);

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|tsx|json)$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('clause ids', () => {
  it('are exactly the clauses docs/policy.md defines, in its order', () => {
    expect(defined.length).toBeGreaterThan(20);
    expect([...CLAUSE_IDS]).toEqual(defined);
  });

  it('used anywhere in the code, the tests or the web catalogs exist in docs/policy.md', () => {
    const unknown: string[] = [];
    for (const dir of ['apps', 'libs', 'workflows', 'activities', 'test', 'scripts', 'bench']) {
      for (const f of walk(join(projectRoot, dir))) {
        for (const m of readFileSync(f, 'utf8').matchAll(/\b(EQ|INF|AID|SYS)-(\d{1,2})\b/g)) {
          if (!isClauseId(`${m[1]}-${Number(m[2])}`)) unknown.push(`${relative(projectRoot, f)}: ${m[0]}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });

  it('are stored distinct and in the policy order; an unknown id is refused', () => {
    expect(normalizeClauses(['SYS-1', 'INF-13', 'SYS-1', 'EQ-3'])).toEqual(['EQ-3', 'INF-13', 'SYS-1']);
    expect(normalizeClauses([])).toEqual([]);
    const bogus = ['INF', 14].join('-'); // built, so the scan above does not find it in this file
    expect(() => normalizeClauses([bogus])).toThrow(`unknown clause id "${bogus}"`);
  });
});
