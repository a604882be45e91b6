import type { ClauseId } from './clauses.js';
import type { LocalizedText } from './text.js';
import { text } from './text.js';

/**
 * The named owners register (EQ-1, EQ-3, INF-9): each responsibility has one named owner and a deputy.
 * Machine-room fire and theft safety (EQ-1), the fire-equipment keeper (EQ-3), and every kind of
 * information and every shared system or password (INF-9). The call center manager keeps it.
 */
export const RESPONSIBILITY_KINDS = ['machine_room_fire', 'machine_room_theft', 'fire_equipment_keeper', 'information', 'system'] as const;
export type ResponsibilityKind = (typeof RESPONSIBILITY_KINDS)[number];

export const RESPONSIBILITY_CLAUSES: Record<ResponsibilityKind, ClauseId[]> = {
  machine_room_fire: ['EQ-1'],
  machine_room_theft: ['EQ-1'],
  fire_equipment_keeper: ['EQ-3', 'EQ-1'],
  information: ['INF-9'],
  system: ['INF-9'],
};

/** The responsibilities the rules name outright: the register lists them (flagged) even before anyone is named. */
export const STANDARD_RESPONSIBILITIES: { key: string; kind: ResponsibilityKind; name: LocalizedText }[] = [
  { key: 'machine-room-fire', kind: 'machine_room_fire', name: text('Machine-room fire safety', '机房消防安全') },
  { key: 'machine-room-theft', kind: 'machine_room_theft', name: text('Machine-room theft prevention', '机房防盗') },
  { key: 'fire-equipment-keeper', kind: 'fire_equipment_keeper', name: text('Fire equipment keeper (extinguishers, training)', '消防器材保管（灭火器及培训）') },
];

/** A responsibility's key: lower-case letters, digits and dashes, 3-64 characters (it names the event stream). */
export const RESPONSIBILITY_KEY = /^[a-z0-9][a-z0-9-]{2,63}$/;
export const RESPONSIBILITY_NAME_MAX = 200;

/** Why a responsibility is flagged in the register. */
export const RESPONSIBILITY_FLAGS = ['no_owner', 'owner_inactive', 'no_deputy', 'deputy_inactive'] as const;
export type ResponsibilityFlag = (typeof RESPONSIBILITY_FLAGS)[number];

export const responsibilitySubject = (key: string) => `responsibility:${key}`;
