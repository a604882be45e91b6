import type { Task, TaskOutcome } from '../api/index.js';

/**
 * Which form a task shows: decide (approve / reject: approvals and sign-offs), confirm done (IT actions,
 * account set-up, acknowledgements), sign the agreement, settle a returned item, or record a virus check.
 */
export type TaskForm = 'decide' | 'done' | 'agreement' | 'return_item' | 'virus_check';

export function formOf(task: Task): TaskForm {
  switch (task.kind) {
    case 'approval':
    case 'signoff':
      return 'decide';
    case 'agreement':
    case 'return_item':
    case 'virus_check':
      return task.kind;
    default: {
      const outcomes: TaskOutcome[] | undefined = task.outcomes;
      return outcomes?.includes('approve') ? 'decide' : 'done';
    }
  }
}

export const isOpen = (task: Task) => task.status === 'open';
