import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { supervise } from '../runtime/supervisor.js';
import { toolsDir } from './binaries.js';

/**
 * The Temporal server of the production topology, without Docker: `temporal-server` and
 * `temporal-sql-tool` built from the Go module `go.temporal.io/server` at the version of the images
 * docker-compose.yml runs (test/compose-agreement.spec.ts holds the two together), so `npm run cluster`
 * runs the very server compose does. The Go module proxy serves the module; nothing else is downloaded.
 */
export const TEMPORAL_SERVER_VERSION = 'v1.30.1';

export interface TemporalServerBinaries {
  version: string;
  server: string;
  sqlTool: string;
  /** `schema/postgresql/v12` of the module, from the Go module cache (what the admin-tools image ships as /etc/temporal/schema/postgresql/v12). */
  postgresSchemaDir: string;
}

const MODULE = 'go.temporal.io/server';
const isExecutable = (p: string) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Where the binaries of `version` go: `.tools/temporal-server/<version>/` (CUSTODIAN_TOOLS_DIR moves `.tools`). */
export function temporalServerDir(version = TEMPORAL_SERVER_VERSION): string {
  return join(toolsDir, 'temporal-server', version);
}

/** The module's source directory in the Go module cache (downloads it from the module proxy when missing: a few seconds). */
function moduleDir(version: string): string {
  const out = execFileSync('go', ['mod', 'download', '-json', `${MODULE}@${version}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const { Dir, Error: error } = JSON.parse(out) as { Dir?: string; Error?: string };
  if (!Dir) throw new Error(`go mod download ${MODULE}@${version}: ${error ?? 'no directory'}`);
  return Dir;
}

function goAvailable(): boolean {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The binaries if already built (no Go needed then, except to locate the schemas). */
export function findTemporalServer(version = TEMPORAL_SERVER_VERSION): TemporalServerBinaries | undefined {
  const dir = temporalServerDir(version);
  const server = join(dir, 'temporal-server');
  const sqlTool = join(dir, 'temporal-sql-tool');
  if (!isExecutable(server) || !isExecutable(sqlTool) || !goAvailable()) return undefined;
  return { version, server, sqlTool, postgresSchemaDir: join(moduleDir(version), 'schema', 'postgresql', 'v12') };
}

/**
 * Returns the server binaries of `version`, building them first when missing (about 2 minutes and
 * ~1 GB of module and build cache on 2 cores; later calls return at once). The build runs in a
 * throw-away Go module beside the output, so nothing in the repository is a Go module; a build cut
 * short leaves no half binary (each is written under a temporary name, then renamed).
 */
export async function ensureTemporalServer(log: (m: string) => void = (m) => process.stderr.write(`${m}\n`), version = TEMPORAL_SERVER_VERSION): Promise<TemporalServerBinaries> {
  if (!goAvailable()) throw new Error(`Go is needed to build the Temporal server ${version} (Debian: apt-get install golang-go, or https://go.dev/dl); then run npm run cluster again`);
  const found = findTemporalServer(version);
  if (found) return found;
  const dir = temporalServerDir(version);
  const work = join(dir, 'build');
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'go.mod'), 'module custodian-temporal-server-build\n\ngo 1.23\n');
  const env = { ...process.env, GOFLAGS: '-mod=mod' };
  const started = Date.now();
  const go = async (what: string, args: string[]) => {
    log(`[tools] ${what}`);
    const step = supervise({ name: `go ${args[0]}`, command: 'go', args, cwd: work, env, onLine: (l) => log(`[tools]   ${l}`) });
    const heartbeat = setInterval(() => log(`[tools]   … ${Math.round((Date.now() - started) / 1000)} s`), 15_000);
    const exit = await step.exited.finally(() => clearInterval(heartbeat));
    if (exit.code !== 0) throw new Error(`go ${args.join(' ')} failed (${exit.error?.message ?? exit.signal ?? exit.code}); last output:\n${step.tail().trim().split('\n').slice(-20).join('\n')}`);
  };
  log(`[tools] building the Temporal server ${version} from ${MODULE} (once; about 2 minutes on 2 cores) into ${dir}`);
  await go(`fetching ${MODULE}@${version} and its dependencies from the Go module proxy`, ['get', `${MODULE}@${version}`]);
  for (const [name, pkg] of [['temporal-server', 'cmd/server'], ['temporal-sql-tool', 'cmd/tools/sql']] as const) {
    const partial = join(dir, `${name}.partial`);
    await go(`compiling ${name}`, ['build', '-o', partial, `${MODULE}/${pkg}`]);
    renameSync(partial, join(dir, name));
  }
  log(`[tools] Temporal server ${version} built in ${Math.round((Date.now() - started) / 1000)} s`);
  const built = findTemporalServer(version);
  if (!built) throw new Error(`the build of the Temporal server ${version} left no binaries in ${dir}`);
  return built;
}
