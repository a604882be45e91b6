/**
 * The machine-room computer inventory (INF-6): on every machine-room computer the USB ports and the
 * Internet are blocked and a BIOS password is set, each check recorded with who did it and when. A USB
 * unlock or an Internet grant is shown on the computer of the person it was granted to.
 */
export const COMPUTER_CHECKS = ['usb_blocked', 'internet_blocked', 'bios_password_set'] as const;
export type ComputerCheck = (typeof COMPUTER_CHECKS)[number];

/** An asset tag: upper-case letters, digits and dashes, 2-32 characters, e.g. MR-PC-07. */
export const COMPUTER_TAG = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
export const COMPUTER_TEXT_MAX = 200;
/** A lock checked longer ago than this is due to be checked again (the inventory shows it). */
export const COMPUTER_RECHECK_DAYS = 30;

export const computerSubject = (tag: string) => `computer:${tag}`;
