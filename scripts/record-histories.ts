/**
 * Records one history per workflow into test/fixtures/histories/ (npm run histories:record). Run it when a
 * workflow changes on purpose, with the old histories kept: the replay test then proves the new code
 * still replays what running workflows already wrote (add a patch() where it does not).
 */
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTemporalBinary } from '../libs/temporal/binaries.js';
import { workflowBundleOptions } from '../libs/temporal/worker.js';
import { TEST_ENV } from '../test/support/env.js';
import { historyScenarios } from '../test/support/history-scenarios.js';
import '../test/support/quiet-sdk.js';
import { createTimeSkippingEnv } from '../test/support/temporal.js';
import { withWorker } from '../test/support/workflow-harness.js';

const outDir = fileURLToPath(new URL('../test/fixtures/histories/', import.meta.url));
const log = (m: string) => process.stdout.write(`${m}\n`);

const server = ensureTemporalBinary('test-server', log);
if (server) process.env[TEST_ENV.testServerPath] = server.path;
const { code } = await bundleWorkflowCode({ ...workflowBundleOptions, logger: { trace() {}, debug() {}, info() {}, warn: log, error: log } as never });
const bundlePath = join(mkdtempSync(join(tmpdir(), 'custodian-histories-')), 'bundle.js');
writeFileSync(bundlePath, code);
process.env[TEST_ENV.workflowBundle] = bundlePath;

mkdirSync(outDir, { recursive: true });
const env = await createTimeSkippingEnv();
try {
  // `npm run histories:record -- offboarding.v2` records only the named scenarios (the others stay as recorded).
  const only = process.argv.slice(2);
  for (const scenario of historyScenarios.filter((x) => only.length === 0 || only.includes(x.name))) {
    const handle = await withWorker(env, (taskQueue, fake) => scenario.run(env, taskQueue, fake), scenario.fake?.());
    const history = await handle.fetchHistory();
    writeFileSync(join(outDir, `${scenario.name}.json`), `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 1)}\n`);
    log(`recorded ${scenario.name}: ${history.events?.length ?? 0} events`);
  }
} finally {
  await env.teardown();
}
