import { ParentClosePolicy, startChild, uuid4 } from '@temporalio/workflow';
import type { ItDisabledRecord } from '../activities/types.js';
import type { Exclusion, TaskContext, TaskRecord } from '../libs/policy/tasks.js';
import type { LocalizedText } from '../libs/policy/text.js';
import type { ProcessKind } from '../libs/policy/workflow-ids.js';
import { acts, beginRun, keyOf } from './activities.js';
import { HumanTasks, taskRecordOf, type HumanTaskSpec } from './human-task.js';
import { refuseUnauthenticatedInput } from './update-stamps.js';

export interface ItDisableInput {
  /** The process the task belongs to (it shows in that process's inbox entry and trail). */
  process: ProcessKind;
  processKey: string;
  step: string;
  title: LocalizedText;
  context: TaskContext;
  dueInMs: number;
  record: ItDisabledRecord;
  /**
   * Who may not say "done": whom the removal is about (the grant's holder, the leaver). Their word would
   * close the records while the access stays on in the world (SYS-1, INF-6, INF-7).
   */
  excluded?: Exclusion[];
  /** The first task, already opened by the caller in the transaction of its last step (itDisableTaskRecord). */
  opened?: TaskRecord;
}

/** IT's task: one IT person, not the one it is about, switches it off; unanswered, it is the call center manager's to chase. */
function itDisableSpec(input: ItDisableInput): HumanTaskSpec {
  return {
    step: input.step, kind: 'it_action', title: input.title, candidate: { role: 'it', departmentId: null },
    escalation: { role: 'cc_manager', departmentId: null, mayDecide: false }, dueInMs: input.dueInMs, context: input.context, afterEnd: true,
    ...(input.excluded ? { excluded: input.excluded } : {}),
  };
}

/** The first task of IT's removal held by workflow `workflowId` (removeByHand), for the caller to open with its own last step. */
export function itDisableTaskRecord(workflowId: string, input: ItDisableInput): TaskRecord {
  return taskRecordOf(itDisableSpec(input), { taskId: uuid4(), workflowId, process: input.process, processKey: input.processKey }, Date.now());
}

/**
 * Something only IT's hand can switch off (SYS-1, INF-6, AID-2 for a grant of a kind without a
 * connector; INF-7 for a leaver's email and drive accounts): one IT person does it and says "done", which
 * is recorded with their user as `by`. Unanswered, the task escalates to the call center manager at its
 * due time; it has no final deadline (a disable is never dropped). A "reject" (IT could not do it yet)
 * opens the task again. Its own workflow, so the process that asked ends on time and the task outlives it.
 */
export async function itDisableWorkflow(input: ItDisableInput): Promise<{ by: string; taskId: string }> {
  refuseUnauthenticatedInput(input); // a start sent without Custodian's key fails here, having written nothing
  beginRun();
  return removeByHand(new HumanTasks(input.process, input.processKey), input);
}

/**
 * IT's task and its record, as a step of the workflow that holds `tasks`: the IT workflow above, or the
 * process whose end it follows (an access request holds its grant's removal: no workflow per removal).
 */
export async function removeByHand(tasks: HumanTasks, input: ItDisableInput): Promise<{ by: string; taskId: string }> {
  const spec = itDisableSpec(input);
  for (let round = 0; ; round++) {
    // The first task may have been opened by the caller with its own last step (input.opened).
    const r = await tasks.run(spec, round === 0 && input.opened ? tasks.adopt(spec, input.opened) : undefined);
    if (r.outcome === 'done' && r.decidedBy) {
      await acts.recordItDisabled({ key: keyOf('disabled'), record: input.record, taskId: r.taskId, by: r.decidedBy });
      return { by: r.decidedBy, taskId: r.taskId };
    }
  }
}

/**
 * Starts the IT task in its own workflow, which outlives the caller (ParentClosePolicy ABANDON). Its id
 * comes from the business key (e.g. `offboarding-<employeeId>:it-accounts`), not from the running
 * workflow's id, so a recorded history replays under any id.
 */
export async function openItDisableTask(workflowId: string, input: ItDisableInput): Promise<void> {
  await startChild(itDisableWorkflow, { workflowId, args: [input], parentClosePolicy: ParentClosePolicy.ABANDON });
}
