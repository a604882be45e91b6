import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workflowBundle } from '../support/temporal.js';

/**
 * Replay safety: the recorded histories (test/fixtures/histories, `npm run histories:record`) must replay
 * against the current workflow code. A change that would break workflows already running in production
 * (a reordered activity, a removed timer) fails here with a DeterminismViolationError.
 */
const dir = fileURLToPath(new URL('../fixtures/histories/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const load = (file: string) => JSON.parse(readFileSync(`${dir}${file}`, 'utf8'));

async function replay(histories: { workflowId: string; history: unknown }[]) {
  const results = [];
  for await (const r of Worker.runReplayHistories({ workflowBundle: workflowBundle() }, histories)) results.push(r);
  return results;
}

describe('replay of recorded histories', () => {
  it('has at least one history per workflow', () => {
    expect([...new Set(files.map((f) => f.split('.')[0]))].sort()).toEqual(['access-request', 'account-change', 'chat-delivery', 'duty-assignment', 'duty-occurrence', 'hazard', 'mail-delivery', 'media-loan', 'offboarding', 'onboarding', 'rules-acknowledgement']);
  });

  it('every recorded history replays against the current code', async () => {
    const results = await replay(files.map((f) => ({ workflowId: f, history: load(f) })));
    expect(results.map((r) => ({ workflowId: r.workflowId, error: r.error?.message }))).toEqual(files.map((f) => ({ workflowId: f, error: undefined })));
  });

  it('a history that no longer matches the code fails the replay', async () => {
    const history = load('onboarding.v1.json');
    const scheduled = history.events.find((e: any) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'assignStandardAgentId');
    scheduled.activityTaskScheduledEventAttributes.activityType.name = 'assignAgentIdTheOldWay'; // as if the code had changed the step
    const [result] = await replay([{ workflowId: 'tampered', history }]);
    expect(result.error?.name).toBe('DeterminismViolationError');
  });
});
