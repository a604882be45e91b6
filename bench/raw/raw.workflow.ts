/**
 * The raw baseline: the shape of an external-network access request (SYS-1: supervisor review →
 * leadership sign-off → IT enables → grant active) with no database, no HTTP and no domain rules.
 * Each stage: an activity creates the task, a person's decision arrives as an Update, an activity
 * records it; after the third, an activity enables the grant. The Update returns once its decision is
 * recorded, as the API's "complete task" call is expected to.
 *
 * Deterministic like workflows/: only @temporalio/workflow and a type import of the activities.
 */
import { allHandlersFinished, condition, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { RawActivities } from './raw.activities.js';

export const RAW_STAGES = ['supervisor', 'leadership', 'it'] as const;
export type RawStage = (typeof RAW_STAGES)[number];

export interface RawDecision {
  stage: RawStage;
  approve: boolean;
  actor: string;
}

export const rawDecideUpdate = defineUpdate<'recorded', [RawDecision]>('rawDecide');

// The same activity options as a real workflow would set; the activities never fail here.
const { createTask, recordDecision, enableGrant, endGrant } = proxyActivities<RawActivities>({ startToCloseTimeout: '30 seconds' });

export async function rawAccessRequestWorkflow(requestId: string): Promise<'enabled' | 'rejected'> {
  const tasks = new Map<RawStage, string>();
  const decisions = new Map<RawStage, RawDecision>();
  const recorded = new Set<RawStage>();

  setHandler(
    rawDecideUpdate,
    async (d): Promise<'recorded'> => {
      // A decision is taken on an existing task, as a person acts on their inbox.
      await condition(() => tasks.has(d.stage));
      decisions.set(d.stage, d);
      await condition(() => recorded.has(d.stage));
      return 'recorded';
    },
    {
      validator: (d) => {
        if (!RAW_STAGES.includes(d.stage)) throw new Error(`unknown stage ${String(d.stage)}`);
        if (decisions.has(d.stage)) throw new Error(`stage ${d.stage} already decided`);
      },
    },
  );

  let outcome: 'enabled' | 'rejected' = 'enabled';
  for (const stage of RAW_STAGES) {
    tasks.set(stage, await createTask(requestId, stage));
    await condition(() => decisions.has(stage));
    const decision = decisions.get(stage)!;
    await recordDecision(tasks.get(stage)!, decision.approve);
    recorded.add(stage);
    if (!decision.approve) {
      outcome = 'rejected';
      break;
    }
  }
  if (outcome === 'enabled') await enableGrant(requestId);
  await condition(allHandlersFinished); // let the last Update return before the workflow completes
  return outcome;
}

/**
 * The expiry baseline (SYS-1's "ends by itself" with nothing of ours): a timer that falls due at
 * `dueAtMs` (epoch ms, the same instant for every run of the batch), then one activity, as our grant
 * ends with one endGrant activity. Returns the wall-clock time the activity ran at, so the driver reads
 * the lag without a database. Workflow time (Date.now here) is the task's start time, so the timer is
 * set for what remains until the due instant.
 */
export async function rawExpiryWorkflow(grantId: string, dueAtMs: number): Promise<number> {
  await sleep(Math.max(1, dueAtMs - Date.now()));
  return endGrant(grantId);
}
