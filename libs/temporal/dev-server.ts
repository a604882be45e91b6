import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { searchAttributeDefinitions } from '../policy/search-attributes.js';
import { assertPortFree, waitFor } from '../runtime/ports.js';

export interface DevServerHandle {
  address: string;
  uiUrl: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

/**
 * Starts `temporal server start-dev` persisting to a SQLite file, so running workflows survive a restart.
 * Resolves once the frontend answers.
 */
export async function startTemporalDevServer(opts: {
  cliPath: string;
  dbFile?: string; // omitted: in memory
  port: number;
  uiPort: number;
  headless?: boolean;
  log?: (m: string) => void;
}): Promise<DevServerHandle> {
  const log = opts.log ?? (() => {});
  await assertPortFree(opts.port, '127.0.0.1', 'TEMPORAL_PORT');
  if (!opts.headless) await assertPortFree(opts.uiPort, '127.0.0.1', 'TEMPORAL_UI_PORT');
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--log-level', 'warn'];
  if (opts.headless) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort), '--ui-disable-news-fetch');
  if (opts.dbFile) {
    mkdirSync(dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  }
  for (const [k, v] of Object.entries(searchAttributeDefinitions)) args.push('--search-attribute', `${k}=${v}`);
  const child = spawn(opts.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d) => log(`[temporal] ${String(d).trim()}`));
  child.stderr?.on('data', (d) => log(`[temporal] ${String(d).trim()}`));
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  const address = `127.0.0.1:${opts.port}`;
  await waitFor('Temporal dev server', async () => {
    if (exited) throw new Error('temporal exited during start-up (see its log above)');
    const c = await Connection.connect({ address, connectTimeout: 1000 });
    try {
      await c.workflowService.getSystemInfo({});
    } finally {
      await c.close();
    }
  }, 60_000, 300);
  return {
    address,
    uiUrl: `http://127.0.0.1:${opts.uiPort}`,
    process: child,
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exitedPromise;
      clearTimeout(t);
    },
  };
}
