/**
 * Durations travel as milliseconds in workflow inputs, so a running workflow keeps the values it was
 * started with even when configuration changes later (determinism).
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const days = (n: number): number => n * DAY;
export const hours = (n: number): number => n * HOUR;
