import { ESLint } from 'eslint';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
// @ts-expect-error: the ESLint config is plain JavaScript
import { LAYERS } from '../eslint.config.js';

/**
 * The layer rules of eslint.config.js (README "Architecture") are real: for every pair of layers, a
 * probe file in one that imports a file of the other is refused by `npm run lint` exactly when the
 * pair is not allowed. A rule that let everything through, or refused everything, fails here.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const layers = LAYERS as Record<string, string[]>;
const folder = (layer: string) => (['activities', 'workflows'].includes(layer) ? layer : ['api', 'worker', 'cli', 'launcher', 'web'].includes(layer) ? `apps/${layer}` : `libs/${layer}`);

/** A real module of the layer, so the import resolves. */
function sampleOf(layer: string): string {
  const walk = (dir: string): string | undefined => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isFile() && /\.tsx?$/.test(e.name) && !/\.(spec|d)\.ts$/.test(e.name)) return p;
      if (e.isDirectory() && e.name !== 'node_modules' && e.name !== 'dist') {
        const found = walk(p);
        if (found) return found;
      }
    }
  };
  const found = walk(join(root, folder(layer)));
  if (!found) throw new Error(`no module in ${folder(layer)}`);
  return found;
}

describe('architecture: the layers import only what eslint.config.js allows', () => {
  const eslint = new ESLint({ cwd: root });
  const names = Object.keys(layers);
  const cases = names.flatMap((from) => names.filter((to) => to !== from).map((to) => ({ from, to, allowed: layers[from].includes(to) })));

  it('lists every layer that exists in the repository', () => {
    const present = [...readdirSync(join(root, 'libs')).map((d) => d), ...readdirSync(join(root, 'apps')), 'activities', 'workflows'];
    expect(present.filter((d) => !names.includes(d)).sort()).toEqual([]);
  });

  it.each(names)('a probe import from %s into each other layer is refused unless listed', async (from) => {
    const probe = join(root, folder(from), 'src-probe', 'boundary-probe.ts');
    const outcomes: string[] = [];
    for (const c of cases.filter((x) => x.from === from)) {
      let target = relative(join(probe, '..'), sampleOf(c.to)).replace(/\.tsx?$/, '.js');
      if (!target.startsWith('.')) target = `./${target}`;
      const [result] = await eslint.lintText(`import * as probe from '${target}';\nexport const used = probe;\n`, { filePath: probe });
      const refused = result.messages.some((m) => m.ruleId === 'boundaries/dependencies');
      outcomes.push(`${c.from} -> ${c.to}: ${refused ? 'refused' : 'allowed'}`);
    }
    expect(outcomes).toEqual(cases.filter((x) => x.from === from).map((c) => `${c.from} -> ${c.to}: ${c.allowed ? 'allowed' : 'refused'}`));
  });

  it('workflows may take activities as types only', async () => {
    const probe = join(root, 'workflows', 'boundary-probe.ts');
    const lint = async (code: string) => (await eslint.lintText(code, { filePath: probe }))[0].messages.filter((m) => m.ruleId === 'boundaries/dependencies').length;
    expect(await lint(`import type { Keyed } from '../activities/types.js';\nexport type T = Keyed;\n`)).toBe(0);
    expect(await lint(`import * as a from '../activities/types.js';\nexport const T = a;\n`)).toBe(1);
  });
});

describe('architecture: apps/api holds no SQL', () => {
  const eslint = new ESLint({ cwd: root });
  const sqlRefusals = async (file: string) => {
    const code = `import type { DataSource } from 'typeorm';\nexport const probe = (ds: DataSource) => ds.query('SELECT 1');\n`;
    const [result] = await eslint.lintText(code, { filePath: join(root, file) });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
  };

  it('a probe in apps/api that calls ds.query is refused by lint, the same call in libs/read-models is not', async () => {
    expect(await sqlRefusals('apps/api/src/sql-probe.ts')).toEqual([expect.stringContaining('apps/api reads and writes through libs/read-models and libs/domain')]);
    expect(await sqlRefusals('libs/read-models/sql-probe.ts')).toEqual([]);
  });
});
