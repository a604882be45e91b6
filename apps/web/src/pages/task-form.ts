import type { Task } from '../api/index.js';

/**
 * Which form a task shows, by its kind (libs/policy task rules): decide (approve / reject), mark
 * done (an IT action, which may also be refused), sign the agreement, acknowledge, set up accounts,
 * settle a returned item, or record a virus check. Each form sends exactly the data fields its kind
 * accepts; the workflow's validator refuses any other.
 */
export type TaskForm = 'decide' | 'done' | 'agreement' | 'acknowledgement' | 'account_setup' | 'return_item' | 'virus_check';

export function formOf(task: Task): TaskForm {
  switch (task.kind) {
    case 'agreement':
    case 'acknowledgement':
    case 'account_setup':
    case 'return_item':
    case 'virus_check':
      return task.kind;
    default:
      return task.outcomes.includes('approve') ? 'decide' : 'done';
  }
}

export const isOpen = (task: Task) => task.status === 'open';
