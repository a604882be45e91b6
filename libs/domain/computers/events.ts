import type { ComputerCheck } from '../../policy/computers.js';

/** Every change to the machine-room inventory (INF-6) is an event on `computer:<tag>`. */
export const ComputerEvent = {
  Registered: 'computer.registered',
  Checked: 'computer.checked',
} as const;

/** The computer is in the inventory, in this room, used by this person (or nobody), replacing what it was. */
export interface ComputerRegistered {
  tag: string;
  room: string;
  assignedUserId: string | null;
}

/** Someone checked one of the computer's locks: ok true means it holds (blocked, or the password set). */
export interface ComputerChecked {
  tag: string;
  check: ComputerCheck;
  ok: boolean;
  note: string | null;
}
