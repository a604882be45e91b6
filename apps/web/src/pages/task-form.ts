import type { Task, TaskOutcome } from '../api/index.js';

/** Which form a task shows: decide (approve/reject), confirm done, or settle a returned item. */
export type TaskForm = 'decide' | 'done' | 'return_item';

export function formOf(task: Task): TaskForm {
  if (task.kind === 'return_item') return 'return_item';
  const outcomes: TaskOutcome[] | undefined = task.outcomes;
  if (outcomes?.length) return outcomes.includes('approve') ? 'decide' : 'done';
  return ['it_enable', 'it_setup', 'sign_agreement', 'fire_safety'].includes(task.kind) ? 'done' : 'decide';
}

export const isOpen = (task: Task) => task.status === 'open' || task.status === 'claimed' || task.status === 'escalated';
