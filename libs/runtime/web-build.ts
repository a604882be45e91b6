import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the web app (apps/web → apps/web/dist) when the build is missing or older than its sources,
 * for `npm start` and the browser tests. Up to date → a few stat calls, no build.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const webDir = join(root, 'apps/web');
export const webDist = join(webDir, 'dist');
const lockDir = join(webDir, '.build-lock');

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newestMtime(join(path, name))), s.mtimeMs);
}

/** Why a build is needed, or null when the build (dist/index.html) is newer than every source. */
export function webBuildNeeded(dir = webDir, lockFile = join(root, 'package-lock.json')): string | null {
  const builtMarker = join(dir, 'dist', 'index.html');
  if (!existsSync(builtMarker)) return 'apps/web/dist is missing';
  const built = statSync(builtMarker).mtimeMs;
  const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json'].map((p) => join(dir, p));
  inputs.push(lockFile); // a dependency upgrade changes the bundle too
  const newest = Math.max(...inputs.filter(existsSync).map(newestMtime));
  return newest > built ? 'apps/web sources changed since the last build' : null;
}

function runVite(log: (m: string) => void): Promise<void> {
  return new Promise((ok, fail) => {
    const vite = join(root, 'node_modules/vite/bin/vite.js');
    // NODE_ENV=production whatever the caller runs under (Jest sets "test"): otherwise Vite would bundle
    // React's development build.
    const env = { ...process.env, NODE_ENV: 'production' };
    const proc = spawn(process.execPath, [vite, 'build', webDir, '--logLevel', 'warn'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (d) => (output += d));
    proc.stderr.on('data', (d) => (output += d));
    proc.once('error', fail);
    proc.once('exit', (code) => {
      if (code === 0) {
        if (output.trim()) log(output.trim());
        ok();
      } else fail(new Error(`the web build failed (vite exited ${code}):\n${output}`));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds when needed. Several processes may ask at once (parallel test files, a launcher): a lock
 * directory lets one build while the others wait and then find the build up to date.
 */
export async function ensureWebBuild(log: (m: string) => void = () => {}): Promise<'built' | 'up-to-date'> {
  for (let waited = 0; ; waited += 200) {
    if (!webBuildNeeded()) return 'up-to-date';
    try {
      mkdirSync(lockDir);
    } catch {
      // Someone else is building. A lock older than two minutes was left by a killed process.
      if (existsSync(lockDir) && Date.now() - statSync(lockDir).mtimeMs > 120_000) rmSync(lockDir, { recursive: true, force: true });
      if (waited > 180_000) throw new Error(`waited 3 minutes for another web build (${lockDir}); remove it if no build runs`);
      await sleep(200);
      continue;
    }
    try {
      const reason = webBuildNeeded();
      if (!reason) return 'up-to-date';
      const started = Date.now();
      log(`[web] building the web app (${reason})…`);
      await runVite(log);
      log(`[web] built apps/web/dist in ${Date.now() - started} ms`);
      return 'built';
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
  }
}
