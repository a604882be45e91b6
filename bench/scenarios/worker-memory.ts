/**
 * HOOK — worker memory per open workflow: start 10,000 access-request workflows that stay open (waiting
 * on their first human task), then measure the worker's resident memory; report
 * (RSS with N open − RSS idle) ÷ N, in bytes per open workflow, and the same for the raw worker
 * (bench/raw/raw-worker.ts) with raw workflows waiting on their first Update.
 *
 * To wire it (needs issue 4's workflows):
 *   1. Start a dedicated worker process beside the system (`ctx.system.adopt(spawn(…))` with
 *      `(await ctx.system.endpoints()).env`), so its PID is known; read RSS from /proc/<pid>/status
 *      (VmRSS) idle, then after the workflows are open and the worker's cache holds them.
 *   2. Sizes: default 1,000, --full 10,000. Note the worker's maxCachedWorkflows: beyond it, open
 *      workflows are evicted and cost no worker memory (report the setting with the result).
 */
import type { Scenario } from './types.js';

export const workerMemory: Scenario = {
  id: 'worker-memory',
  title: 'Ours: worker memory per open workflow (10,000 open workflows)',
  async run() {
    return { status: 'skipped', reason: 'hook: waits for the access-request workflow (issue 4)' };
  },
};
