import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../apps/cli/src/cli.js';
import type { CliContext } from '../../apps/cli/src/command.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real CLI as a child process (`npm run cli -- ...` without npm), with the given environment added. */
export function runCliProcess(args: string[], env: Record<string, string | undefined>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'apps/cli/src/main.ts', ...args], {
      cwd: root,
      // Jest's --experimental-vm-modules is not for the child; DATABASE_URL only if the test gives one.
      env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: undefined, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The same commands in-process (fast), with optional overrides such as extra projectors. */
export async function runCliInProcess(args: string[], env: Record<string, string | undefined>, overrides: Partial<Pick<CliContext, 'projectors' | 'commands'>> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { env: { NODE_ENV: 'test', ...env }, out: (l) => (stdout += `${l}\n`), err: (l) => (stderr += `${l}\n`) }, overrides);
  return { code, stdout, stderr };
}
